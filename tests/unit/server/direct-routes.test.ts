import { EventEmitter, once } from "node:events";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_HEADERS } from "../../../server/security-headers.mjs";

// A fresh SQLite store in a temp folder.
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-direct-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { answerDirect, directRoute, LINGER_BYTES } = await import("../../../server/direct-routes");
const { findScenario } = await import("../../../server/scenario-library");
const { replay } = await import("../../../machines/replay");

const ID = "active-listening";
/** What Next.js would have answered: the server below stands in for it with this status. */
const NEXT = 299;
let server: http.Server;
let port = 0;
let cookie = "";
let firstChoices: string[] = [];
/** Says "direct" for each request the direct routes take, with its status once it is answered (or the connection found gone). */
const taken = new EventEmitter();

beforeAll(async () => {
  const { getStore } = await import("../../../server/open-store");
  const { getAuth } = await import("../../../server/auth");
  const { createAccount } = await import("../../../server/accounts");
  const auth = await getAuth();
  const { db } = await (await getStore()).database();
  await createAccount(auth, db, { email: "kit@example.org", name: "Kit", password: "kit's long password", roles: ["trainee"] });
  const res = await auth.api.signInEmail({ body: { email: "kit@example.org", password: "kit's long password" }, asResponse: true });
  cookie = /peer-practice\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  const entry = await findScenario(ID);
  if (!entry?.ok) throw new Error("library scenario missing");
  const s = entry.scenario;
  for (;;) {
    const r = replay(s, firstChoices);
    const node = s.nodes[String(r.snapshot.value)];
    if (r.done || node?.type !== "turn") break;
    firstChoices.push(node.choices.find((c) => r.snapshot.can({ type: "choice.select", choiceId: c.id }))!.id);
  }
  // As scripts/request-hook.mjs does in each server process (serveDirect): the direct routes first, then Next.js.
  server = http.createServer((req, res) => {
    const answering = answerDirect(req, res);
    if (answering) {
      taken.emit("direct", answering.then(() => res.statusCode));
      return;
    }
    req.resume();
    res.writeHead(NEXT, { "content-type": "text/plain" });
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(method: string, url: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: url, headers: { cookie, "content-type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const postJson = (url: string, body: unknown, headers?: Record<string, string>) => send("POST", url, JSON.stringify(body), headers);

async function start(): Promise<string> {
  const r = await postJson("/api/sessions", { scenarioId: ID, mode: "practice" });
  expect(r.status, r.text).toBe(201);
  return (JSON.parse(r.text) as { session: { id: string } }).session.id;
}

describe("the direct routes (server/direct-routes.ts)", () => {
  it("start a session and append its choices for the signed-in trainee, as the route files answer", async () => {
    const id = await start();
    const first = await postJson(`/api/sessions/${id}/choices`, { seq: 1, choiceId: firstChoices[0], timeTakenMs: 900 });
    expect(first.status).toBe(201);
    expect(JSON.parse(first.text)).toMatchObject({ choice: { seq: 1, choiceId: firstChoices[0] }, repeated: false, turns: 1 });
    // A retry of the same turn is answered 200 with what was stored; another choice there is refused.
    const again = await postJson(`/api/sessions/${id}/choices`, { seq: 1, choiceId: firstChoices[0], timeTakenMs: 900 });
    expect([again.status, JSON.parse(again.text).repeated]).toEqual([200, true]);
    const gap = await postJson(`/api/sessions/${id}/choices`, { seq: 3, choiceId: firstChoices[0], timeTakenMs: 900 });
    expect([gap.status, JSON.parse(gap.text)]).toEqual([409, { error: "the next turn is 2, not 3" }]);
  });

  it("give every answer the headers of the API's answers, a length, and no caching", async () => {
    for (const r of [await postJson("/api/sessions", { scenarioId: ID, mode: "practice" }), await postJson("/api/sessions", { scenarioId: "no-such" }, { cookie: "" })]) {
      for (const { key, value } of API_HEADERS) expect(r.headers[key.toLowerCase()], key).toBe(value);
      expect(r.headers["cache-control"]).toBe("no-store");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.text));
    }
  });

  it("refuse as the route files do: no sign-in 401, another site 403, not JSON 415, a bad body 400", async () => {
    const id = await start();
    const choice = { seq: 1, choiceId: firstChoices[0], timeTakenMs: 900 };
    expect((await postJson(`/api/sessions/${id}/choices`, choice, { cookie: "" })).status).toBe(401);
    expect((await postJson(`/api/sessions/${id}/choices`, choice, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await postJson(`/api/sessions/${id}/choices`, choice, { origin: "https://evil.example" })).status).toBe(403);
    expect((await postJson(`/api/sessions/${id}/choices`, choice, { "content-type": "text/plain" })).status).toBe(415);
    const bad = await send("POST", `/api/sessions/${id}/choices`, "{ not json");
    expect([bad.status, JSON.parse(bad.text)]).toEqual([400, { error: "the request body is not valid JSON" }]);
    // Another trainee's session, or none, is not found.
    expect((await postJson("/api/sessions/00000000-0000-4000-8000-000000000000/choices", choice)).status).toBe(404);
  });

  it("leave every other method and form of path to Next.js", async () => {
    const id = await start();
    const leftToNext = [
      ["GET", "/api/sessions"],
      ["PUT", "/api/sessions"],
      ["HEAD", `/api/sessions/${id}/choices`],
      ["GET", `/api/sessions/${id}/choices`],
      ["POST", "/api/sessions?mode=practice"],
      ["POST", "/api/sessions/"],
      ["POST", `/api/sessions/${id}/choices/`],
      ["POST", `/api/sessions/${id}/choices?seq=1`],
      ["POST", `/api/sessions/${id.toUpperCase()}/choices`],
      ["POST", `/api/sessions/${id}/choices/1/note`],
      ["POST", `/api/sessions/${id}/end`],
      ["POST", `//api/sessions/${id}/choices`],
      ["POST", `/api/sessions/%2e%2e/choices`],
    ] as const;
    for (const [method, url] of leftToNext) {
      expect(directRoute(method, url), `${method} ${url}`).toBeUndefined();
      expect((await send(method, url, method === "GET" || method === "HEAD" ? undefined : "{}")).status, `${method} ${url}`).toBe(NEXT);
    }
  });

  it("answer a request whatever its Host header, which no URL is made of", async () => {
    expect((await postJson("/api/sessions", { scenarioId: ID, mode: "practice" }, { host: "bad host:99999" })).status).toBe(201);
  });

  it("refuse a body over the limit unread (413), by its length or as it streams; the answer arrives whole, and a body that goes on closes the connection", async () => {
    const big = JSON.stringify({ scenarioId: ID, mode: "practice", pad: "x".repeat(64 * 1024) });
    const byLength = await send("POST", "/api/sessions", big);
    expect(byLength.status).toBe(413);

    // An endless chunked body on a connection of its own, written as fast as the server takes it.
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    let sent = 0;
    let sentWhenAnswered = -1;
    socket.on("data", (d: Buffer) => {
      received += d.toString("latin1");
      if (sentWhenAnswered < 0 && /\r\n\r\n[^]*\}$/.test(received)) sentWhenAnswered = sent;
    });
    socket.on("error", () => {}); // the writes still going once the server closes
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.write(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.from(`4000\r\n${" ".repeat(0x4000)}\r\n`);
    const more = () => {
      if (socket.destroyed) return;
      sent += 0x4000;
      socket.write(chunk, () => setImmediate(more));
    };
    more();
    await closed;
    // The whole answer came: no reset lost it.
    expect(received).toMatch(/^HTTP\/1\.1 413 [^]*\r\n\r\n\{"error":"the request body is over 16384 bytes"\}$/);
    // Read no further than about LINGER_BYTES more (plus what the sockets' buffers held), then closed: not the whole body.
    expect(sentWhenAnswered).toBeGreaterThan(0);
    expect(sent - sentWhenAnswered).toBeLessThan(LINGER_BYTES + 8 * 1024 * 1024);
  });

  it("keep the answer of a body over the limit for a client that reads it only once the server has read a megabyte more", async () => {
    const connected = once(server, "connection") as Promise<[net.Socket]>;
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    const [peer] = await connected;
    // A client busy elsewhere: it writes its endless body but reads nothing for now.
    socket.pause();
    let received = "";
    socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
    let failed: unknown;
    socket.on("error", (e) => (failed = e));
    socket.write(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.from(`4000\r\n${" ".repeat(0x4000)}\r\n`);
    const more = () => {
      if (!socket.destroyed) socket.write(chunk, () => setImmediate(more));
    };
    more();
    // The server has answered and read more than LINGER_BYTES after (or closed the connection).
    await vi.waitFor(() => expect(peer.bytesRead > LINGER_BYTES + 0x4000 || peer.destroyed).toBe(true), { timeout: 20_000, interval: 5 });
    socket.resume();
    await vi.waitFor(() => expect(/\}$/.test(received) || socket.destroyed).toBe(true), { timeout: 10_000, interval: 5 });
    expect(failed).toBeUndefined();
    expect(received).toMatch(/^HTTP\/1\.1 413 [^]*\r\n\r\n\{"error":"the request body is over 16384 bytes"\}$/);
    socket.destroy();
  });

  it("keep the connection of a body over the limit that ends soon after the answer, for the next request", async () => {
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
    const head = (length: number) => `POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    // 20 kB: over the limit, answered 413 after the first 16 kB are read; the rest follows at once.
    const body = JSON.stringify({ scenarioId: ID, mode: "practice", pad: "x".repeat(20 * 1024) });
    socket.write(head(Buffer.byteLength(body)) + body);
    const start = JSON.stringify({ scenarioId: ID, mode: "practice" });
    await vi.waitFor(() => expect(received).toMatch(/\{"error":"the request body is over 16384 bytes"\}$/), { timeout: 10_000, interval: 20 });
    socket.write(head(Buffer.byteLength(start)) + start);
    await vi.waitFor(() => expect(received).toMatch(/HTTP\/1\.1 201 /), { timeout: 10_000, interval: 20 });
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it("keep serving when a client goes away in the middle of its body, and take that for no fault of the database", async () => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    const took = once(taken, "direct") as Promise<[Promise<number>]>;
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"scenarioId":`);
    });
    // Gone once the server has taken the request, before the rest of its body.
    const [status] = await took;
    socket.destroy();
    // The request is refused as a bad one (no database fault is logged), and the server serves on.
    expect(await status).toBe(400);
    await start();
    spy.mockRestore();
    expect(logged).toEqual([]);
  });

  it("answer two sends of the same choice at once with one stored turn", async () => {
    const id = await start();
    const choice = { seq: 1, choiceId: firstChoices[0], timeTakenMs: 900 };
    const both = await Promise.all([postJson(`/api/sessions/${id}/choices`, choice), postJson(`/api/sessions/${id}/choices`, choice)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both.map((r) => JSON.parse(r.text).choice.seq)).toEqual([1, 1]);
  });

  it("serve many requests on one kept-alive connection, refusals before the body is read among them", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const id = await start();
    const sockets = new Set<net.Socket>();
    for (let seq = 1; seq <= firstChoices.length; seq++) {
      for (const signedIn of [false, true]) {
        const r = await new Promise<number>((resolve, reject) => {
          const req = http.request(
            {
              host: "127.0.0.1",
              port,
              method: "POST",
              path: `/api/sessions/${id}/choices`,
              agent,
              headers: { cookie: signedIn ? cookie : "", "content-type": "application/json" },
            },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode!));
            },
          );
          req.on("socket", (s: net.Socket) => sockets.add(s));
          req.on("error", reject);
          req.end(JSON.stringify({ seq, choiceId: firstChoices[seq - 1], timeTakenMs: 900 }));
        });
        expect(r).toBe(signedIn ? 201 : 401);
      }
    }
    expect(sockets.size).toBe(1);
    agent.destroy();
  });
});
