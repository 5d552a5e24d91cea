// @vitest-environment node
/**
 * The browser's JSON helper against a real HTTP server that answers as the API does, and as
 * things in between sometimes do (a proxy's HTML page, a body cut short).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestJson } from "../../../components/api/request-json";

/** What the server answers at each path: status, content type and body text. */
const ANSWERS: Record<string, [number, string, string]> = {
  "/ok": [200, "application/json", '{"reviewed":true}'],
  "/refused": [400, "application/json", '{"error":"the request body is not valid: reviewed Invalid input","issues":[{"path":"reviewed","message":"Invalid input"}]}'],
  "/conflict": [409, "application/json", '{"error":"the session is abandoned"}'],
  "/proxy": [502, "text/html", "<html><body>Bad gateway</body></html>"],
  "/unexpected": [200, "application/json", '{"reviewed":"yes"}'],
  "/cut-short": [200, "application/json", '{"reviewed":tr'],
};

let server: Server;
let base: string;
/** The last request the server received. */
let received: { method?: string; type?: string; body: string } = { body: "" };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received = { method: req.method, type: req.headers["content-type"], body };
      const [status, type, text] = ANSWERS[req.url ?? ""] ?? [404, "application/json", '{"error":"no API route"}'];
      res.writeHead(status, { "content-type": type }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("requestJson", () => {
  it("gives a 2xx answer parsed by the contract", async () => {
    const r = await requestJson(`${base}/ok`, "reviewAnswerSchema");
    expect(r).toEqual({ ok: true, status: 200, data: { reviewed: true } });
    expect(received).toMatchObject({ method: "GET", type: undefined, body: "" });
  });

  it("sends a body as a JSON POST", async () => {
    await requestJson(`${base}/ok`, "reviewAnswerSchema", { body: { reviewed: true } });
    expect(received).toEqual({ method: "POST", type: "application/json", body: '{"reviewed":true}' });
  });

  it("gives a refusal's sentence and the body's issues, with the answer's body for a caller that reads more of it", async () => {
    const issues = [{ path: "reviewed", message: "Invalid input" }];
    expect(await requestJson(`${base}/refused`, "reviewAnswerSchema", { body: { reviewed: "yes" } })).toEqual({
      ok: false,
      status: 400,
      error: "the request body is not valid: reviewed Invalid input",
      issues,
      body: { error: "the request body is not valid: reviewed Invalid input", issues },
    });
    expect(await requestJson(`${base}/conflict`, "reviewAnswerSchema")).toEqual({
      ok: false,
      status: 409,
      error: "the session is abandoned",
      issues: [],
      body: { error: "the session is abandoned" },
    });
  });

  it("names the status when a refusal is not the API's JSON", async () => {
    expect(await requestJson(`${base}/proxy`, "reviewAnswerSchema")).toEqual({ ok: false, status: 502, error: "the server answered 502", issues: [] });
  });

  it("refuses a 2xx answer that breaks the contract or is not JSON, rather than trusting it", async () => {
    for (const path of ["/unexpected", "/cut-short"]) {
      expect(await requestJson(`${base}${path}`, "reviewAnswerSchema"), path).toEqual({
        ok: false,
        status: 200,
        error: "the server's answer (200) was not what was expected",
        issues: [],
      });
    }
  });

  it("says so when no server answers, with no status", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await requestJson(`http://127.0.0.1:${port}/ok`, "reviewAnswerSchema")).toEqual({
      ok: false,
      status: null,
      error: "the server cannot be reached",
      issues: [],
    });
  });

  it("uses the fetch it is given", async () => {
    const seen: string[] = [];
    const send: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    expect((await requestJson(`${base}/ok`, "reviewAnswerSchema", { fetch: send })).ok).toBe(true);
    expect(seen).toEqual([`${base}/ok`]);
  });
});
