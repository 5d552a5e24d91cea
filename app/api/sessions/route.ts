import { methodsNotAllowed } from "../../../server/methods-not-allowed";
import { postSession } from "../../../server/session-routes";

export const dynamic = "force-dynamic";

/** Starts a session (server/session-routes.ts). */
export async function POST(request: Request) {
  return postSession(request);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
