import { describe, expect, it, vi } from "vitest";
import { errorAnswerSchema } from "../../../contracts/session-answers";
import { startRequestSchema } from "../../../contracts/session-requests";
import { errorResponse, handle, MAX_BODY_BYTES, readBody, refuseCrossSite } from "../../../server/http";
import { ServiceError } from "../../../server/service-error";
import { StoreUnavailableError } from "../../../server/store-errors";

/** A POST whose body is a stream of `chunks` chunks of `size` bytes; `pulled()` says how many were read. */
function streamedPost(chunks: number, size: number) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://localhost/api", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled, cancelled: () => cancelled };
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  const e = await p.then(
    () => expect.unreachable("the body was accepted"),
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return { status: (e as ServiceError).status, message: (e as ServiceError).message };
}

const post = (body: Uint8Array<ArrayBuffer>) => new Request("http://localhost/api", { method: "POST", body });

describe("readBody", () => {
  it("refuses a body without content-length as soon as it passes the limit, and cancels the rest", async () => {
    // 500 MB announced by nothing but its chunks.
    const s = streamedPost(500 * 1024, 1024);
    expect(await refusal(readBody(s.request, startRequestSchema))).toEqual({ status: 413, message: `the request body is over ${MAX_BODY_BYTES} bytes` });
    expect(s.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES / 1024 + 2);
    expect(s.cancelled()).toBe(true);
  });

  it("reads a body in many small chunks up to the limit", async () => {
    const s = streamedPost(MAX_BODY_BYTES / 1024, 1024);
    // All spaces: within the limit, so it is read whole, and then it is not JSON.
    expect(await refusal(readBody(s.request, startRequestSchema))).toEqual({ status: 400, message: "the request body is not valid JSON" });
  });

  it("refuses a body that is not UTF-8", async () => {
    const bytes = new TextEncoder().encode('{"participant":"Sam"}');
    bytes[17] = 0xff;
    expect(await refusal(readBody(post(bytes), startRequestSchema))).toEqual({ status: 400, message: "the request body is not valid UTF-8" });
  });
});

it("refuses a body that does not fit its schema with one issue per field", async () => {
  const body = new TextEncoder().encode(JSON.stringify({ scenarioId: "Bad Id", mode: "practice", participant: "Sam", rapport: 100 }));
  const e = (await readBody(post(body), startRequestSchema).catch((e: unknown) => e)) as ServiceError;
  expect(e).toBeInstanceOf(ServiceError);
  expect(e.status).toBe(400);
  expect(e.issues?.map((i) => i.path)).toEqual(["scenarioId", "(body)"]);
  expect(e.message).toBe(`the request body is not valid: ${e.issues!.map((i) => `${i.path} ${i.message}`).join("; ")}`);
});

describe("the answer to what a handler throws", () => {
  async function answerOf(thrown: unknown) {
    const res = await handle(() => Promise.reject(thrown));
    const body: unknown = await res.json();
    return { status: res.status, body: errorAnswerSchema.parse(body), retryAfter: res.headers.get("retry-after"), cache: res.headers.get("cache-control") };
  }

  it("is the refusal's status and sentence, with the body's issues when it has them", async () => {
    expect(await answerOf(new ServiceError(409, "the session is abandoned"))).toEqual({
      status: 409,
      body: { error: "the session is abandoned" },
      retryAfter: null,
      cache: "no-store",
    });
    const issues = [{ path: "mode", message: "Invalid option" }];
    expect((await answerOf(new ServiceError(400, "the request body is not valid: mode Invalid option", issues))).body).toEqual({
      error: "the request body is not valid: mode Invalid option",
      issues,
    });
  });

  it("is 503 with retry-after when the database cannot be used, naming why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await answerOf(new StoreUnavailableError("the SQLite database file was deleted"));
    expect(r).toMatchObject({ status: 503, retryAfter: "5" });
    expect(r.body.error).toBe(
      "the database cannot be used right now (the SQLite database file was deleted); the request may not have been carried out, try again later",
    );
    logged.mockRestore();
  });

  it("is 500 without details for anything else, which is logged", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const bug = new TypeError("cannot read properties of undefined (reading 'seq')");
    expect((await answerOf(bug)).status).toBe(500);
    expect(errorResponse(bug).status).toBe(500);
    expect((await answerOf(bug)).body).toEqual({ error: "something went wrong on the server; the request was not carried out" });
    expect(logged).toHaveBeenCalledWith(bug);
    logged.mockRestore();
  });
});

describe("refuseCrossSite", () => {
  const post = (headers: Record<string, string>) =>
    new Request("http://practice.example.org/api/auth/sign-in/email", { method: "POST", headers: { host: "practice.example.org", ...headers } });
  const json = { "content-type": "application/json" };

  it("lets a same-site JSON request through, and one from a script with no browser headers", () => {
    expect(() => refuseCrossSite(post({ ...json, origin: "http://practice.example.org", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => refuseCrossSite(post({ ...json, "content-type": "application/json; charset=utf-8" }))).not.toThrow();
    expect(() => refuseCrossSite(new Request("http://practice.example.org/", { headers: { "sec-fetch-site": "cross-site" } }))).not.toThrow();
  });

  it("refuses with 403 what another site's page sent, by Sec-Fetch-Site or by Origin", () => {
    for (const headers of [
      { ...json, "sec-fetch-site": "cross-site" },
      { ...json, "sec-fetch-site": "same-site" },
      { ...json, origin: "https://attacker.example.net" },
      { ...json, origin: "null" },
    ]) {
      expect(() => refuseCrossSite(post(headers))).toThrow(expect.objectContaining({ status: 403 }));
    }
  });

  it("refuses with 415 a body that is not JSON, as a cross-site form would send", () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      expect(() => refuseCrossSite(post({ "content-type": type }))).toThrow(expect.objectContaining({ status: 415 }));
    }
    expect(() => refuseCrossSite(post({}))).toThrow(expect.objectContaining({ status: 415 }));
  });

  it("lets a same-site DELETE without a body through with no content type, but not one with a form body or from another site", () => {
    const remove = (headers: Record<string, string>, body?: string) =>
      new Request("http://practice.example.org/api/admin/cohorts/c1", { method: "DELETE", headers: { host: "practice.example.org", ...headers }, body });
    expect(() => refuseCrossSite(remove({ "sec-fetch-site": "same-origin", origin: "http://practice.example.org" }))).not.toThrow();
    expect(() => refuseCrossSite(remove({ "content-length": "0" }))).not.toThrow();
    expect(() => refuseCrossSite(remove({ "content-type": "text/plain", "transfer-encoding": "chunked" }))).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => refuseCrossSite(remove({ "content-type": "application/x-www-form-urlencoded", "content-length": "3" }, "a=1"))).toThrow(
      expect.objectContaining({ status: 415 }),
    );
    expect(() => refuseCrossSite(remove({ "sec-fetch-site": "cross-site" }))).toThrow(expect.objectContaining({ status: 403 }));
  });
});
