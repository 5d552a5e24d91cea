/**
 * node-postgres's pool as Kysely uses it, made safe for a server that fails. A connection whose
 * query failed because the server or the network did (a lost socket, an answer that never came)
 * is dropped from the pool instead of being handed to the next request, where it would fail the
 * same way; and a connection that breaks while a request holds it cannot crash the process with
 * an unhandled 'error' event.
 */
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";
import { unavailableReason } from "../store-errors";

const listening = new WeakSet<pg.PoolClient>();

export function resilientPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      if (!listening.has(client)) {
        listening.add(client);
        // The query that was running fails with this error too; here it only needs a listener.
        client.on("error", (e) => console.error(`[server] PostgreSQL connection: ${e.message}`));
      }
      let failed: Error | undefined;
      const wrapped: PostgresPoolClient = {
        query: ((...args: unknown[]) => {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          if (result instanceof Promise) {
            return result.catch((e: unknown) => {
              if (unavailableReason(e) !== undefined) failed ??= e as Error;
              throw e;
            });
          }
          return result;
        }) as PostgresPoolClient["query"],
        // Released with an error, the pool closes the connection rather than keeping it.
        release: () => client.release(failed),
      };
      return wrapped;
    },
    end: () => pool.end(),
  };
}
