/**
 * The sign-in rate limit counts attempts by the address they really come from: a client that
 * names a new address in X-Forwarded-For with every guess is still stopped after ten, unless the
 * server was told to believe that header from a proxy in front (TRUSTED_PROXIES).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./test";
import { rawRequest } from "./raw-request";
import { freePort, killGroup, startServer, type ServerProcess } from "./server-process";
import { setUpAndSignIn } from "./sign-in";

const servers: { server: ServerProcess; dir: string }[] = [];
test.afterAll(() => {
  for (const { server, dir } of servers) {
    killGroup(server);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function serverWith(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-sign-in-limit-"));
  // One process: the library counts attempts in each process's memory.
  const server = await startServer(await freePort(), { DATA_DIR: dir, WEB_CONCURRENCY: "1", ...env });
  servers.push({ server, dir });
  await setUpAndSignIn(server.base);
  return server;
}

/** Twelve wrong guesses, each naming a different address in X-Forwarded-For; the statuses answered. */
async function guesses(base: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 1; i <= 12; i++) {
    const r = await rawRequest(base, {
      method: "POST",
      path: "/api/auth/sign-in/email",
      headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}`, "x-peer-practice-client": `198.51.100.${i}` },
      body: JSON.stringify({ email: "morgan.quinn@example.org", password: `wrong guess ${i}` }),
      signedIn: false,
    });
    statuses.push(r.status);
  }
  return statuses;
}

test("a client that names a new address with each guess is stopped after ten all the same", async () => {
  const server = await serverWith({});
  const statuses = await guesses(server.base);
  // The set-up signed in once from here already.
  expect(statuses.slice(0, 9)).toEqual(Array<number>(9).fill(401));
  expect(statuses.slice(9)).toEqual([429, 429, 429]);
});

test("behind a trusted proxy, each forwarded address is counted on its own", async () => {
  const server = await serverWith({ TRUSTED_PROXIES: "127.0.0.1" });
  expect(await guesses(server.base)).toEqual(Array<number>(12).fill(401));
});
