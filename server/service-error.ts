/** The one refusal the server's code throws: `handle()` (server/http.ts) answers it as JSON with its status. */
import type { Issue } from "../contracts/session-answers";

/** The statuses a refusal can have: a request that does not fit, a session that does not exist, a rule that refuses, a body too large. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415;

/** A refusal with its HTTP status, a sentence for the person or program that asked, and for a request body, one issue per field. */
export class ServiceError extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = "ServiceError";
  }
}
