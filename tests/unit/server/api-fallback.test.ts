import { describe, expect, it } from "vitest";
import { apiFallback, MAX_PATH_LENGTH } from "../../../server/api-fallback";
import { methodsNotAllowed } from "../../../server/methods-not-allowed";

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as { error: string } };
}
const at = (path: string, method = "GET") => apiFallback(new Request(`http://localhost${path}`, { method }));

describe("apiFallback", () => {
  it("answers a percent-escape that does not decode with 400", async () => {
    for (const path of ["/api/sessions/%ZZ", "/api/sessions/%E9/choices", "/api/%C0%80"]) {
      const r = await answer(at(path));
      expect(r.status, path).toBe(400);
      expect(r.type).toBe("application/json");
      expect(r.body.error).toBe(`the request path ${JSON.stringify(path)} has a percent-escape that is not UTF-8`);
    }
  });

  it("answers a session route with an id that is no UUID with 404 naming the session", async () => {
    expect(await answer(at("/api/sessions/nope/choices", "POST"))).toEqual({ status: 404, type: "application/json", body: { error: 'no session "nope"' } });
    expect((await answer(at("/api/sessions/a%00b"))).body.error).toBe('no session "a\\u0000b"');
  });

  it("answers any other path with 404, and an over-long one with 414", async () => {
    expect((await answer(at("/api/", "DELETE"))).body).toEqual({ error: 'no API route at "/api/"' });
    expect((await answer(at("/api/sessions/x/y"))).status).toBe(404);
    const long = `/api/${"x".repeat(MAX_PATH_LENGTH)}`;
    expect(await answer(at(long))).toEqual({ status: 414, type: "application/json", body: { error: `the request path is over ${MAX_PATH_LENGTH} characters` } });
  });
});

describe("methodsNotAllowed", () => {
  it("answers the other methods with 405, an Allow header and a sentence", async () => {
    const { GET, PUT, OPTIONS } = methodsNotAllowed("POST");
    const res = GET(new Request("http://localhost/api/sessions"));
    expect(res.headers.get("allow")).toBe("OPTIONS, POST");
    expect(await answer(res)).toEqual({ status: 405, type: "application/json", body: { error: "GET is not allowed here; this route answers POST" } });
    expect(PUT(new Request("http://localhost/api/sessions", { method: "PUT" })).status).toBe(405);
    const options = OPTIONS(new Request("http://localhost/api/sessions", { method: "OPTIONS" }));
    expect([options.status, options.headers.get("allow")]).toEqual([204, "OPTIONS, POST"]);
  });

  it("lists HEAD beside GET", () => {
    const { POST } = methodsNotAllowed("GET");
    expect(POST(new Request("http://localhost/x", { method: "POST" })).headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
