/**
 * What the cohort commands share: the actor the audit log names for the command line, the store
 * the environment names opened and closed around the work, and refusals printed one sentence a line.
 */
import type { Kysely } from "kysely";
import type { Account } from "../../server/accounts";
import type { Database } from "../../server/db/database";
import { openStore, type StoreEnv } from "../../server/open-store";
import { ServiceError } from "../../server/service-error";
import type { Store } from "../../server/store";
import { unavailableReason } from "../../server/store-errors";
import { EXIT, type Io } from "../command";

/**
 * Who the audit log says made a change from the command line: no account, since whoever runs the
 * command holds the server's environment rather than a sign-in. It holds no role, so no access
 * rule lets it through by mistake.
 */
export const COMMAND_LINE: Account = { id: "command-line", email: "", name: "Command line", roles: [] };

/** A refusal: its sentence is printed, exit 1. */
export class Refused extends Error {}

/**
 * Runs `work` on the store the environment names, printing what it refuses (a ServiceError, a
 * Refused, a store that cannot be opened or used) as `admin <command>: <sentence>` and exiting 1.
 */
export async function onStore(
  command: string,
  env: StoreEnv,
  io: Io,
  work: (db: Kysely<Database>) => Promise<string>,
): Promise<number> {
  const refuse = (sentence: string) => {
    io.err(`admin ${command}: ${sentence}`);
    return EXIT.problems;
  };
  let store: Store;
  try {
    store = await openStore(env);
  } catch (e) {
    return refuse(`the store cannot be opened: ${unavailableReason(e) ?? (e as Error).message}`);
  }
  try {
    await store.check();
    io.out(await work((await store.database()).db));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ServiceError || e instanceof Refused) return refuse(e.message);
    const reason = unavailableReason(e);
    if (reason !== undefined) return refuse(`the store cannot be used: ${reason}`);
    throw e;
  } finally {
    await store.close();
  }
}
