/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the store tests. initdb into a temp
 * folder, start it on a free local port (fsync off), create a database, and hand its URL to the
 * tests as `inject("postgres")`; the teardown stops the cluster and removes the folder.
 *
 * When PostgreSQL cannot start, the reason is handed over instead, and every PostgreSQL test
 * fails with it (the other tests still run). With TEST_DATABASE_URL set (a server that lets that
 * user create databases), no cluster is started and that server is used.
 */
import type { TestProject } from "vitest/node";
import { startPgCluster, type PgCluster } from "../scripts/pg-cluster";

/** What the store tests get: the URL of an empty database, or why there is none. */
export type ProvidedPostgres = { url: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

const DATABASE = "peer_practice_test";

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgres", { url: process.env.TEST_DATABASE_URL });
    return () => {};
  }
  const t0 = performance.now();
  let cluster: PgCluster;
  try {
    cluster = await startPgCluster([DATABASE], { fast: true });
  } catch (e) {
    const error = (e as Error).message;
    console.error(`[pg-global-setup] PostgreSQL did not start; the PostgreSQL tests will fail:\n${error}`);
    project.provide("postgres", { error });
    return () => {};
  }
  if (process.env.PG_SETUP_VERBOSE) console.log(`[pg-global-setup] PostgreSQL ready in ${Math.round(performance.now() - t0)} ms`);
  project.provide("postgres", { url: cluster.url(DATABASE) });
  // If Vitest is interrupted before its teardown runs, still stop the server and remove the folder.
  process.once("exit", cluster.stop);
  return () => {
    process.off("exit", cluster.stop);
    cluster.stop();
  };
}
