import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, API_HEADERS, pageContentSecurityPolicy, SECURITY_HEADERS, securityHeaders } from "../../../server/security-headers.mjs";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("the page policy", () => {
  it("lets scripts and style elements run only with the request's nonce, and nothing inline or evaluated", () => {
    const policy = directives(pageContentSecurityPolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(pageContentSecurityPolicy("abc123==")).not.toMatch(/unsafe/);
  });

  it("names the rest as the site's own, with no plugins, no <base>, and no framing", () => {
    const policy = directives(pageContentSecurityPolicy("n"));
    expect(Object.fromEntries([...policy].filter(([name]) => !["script-src", "style-src"].includes(name)))).toEqual({
      "default-src": ["'self'"],
      "worker-src": ["'self'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("lets pages start workers from this site only ('strict-dynamic' would make script-src ignore 'self' for them)", () => {
    expect(directives(pageContentSecurityPolicy("n")).get("worker-src")).toEqual(["'self'"]);
  });

  it("allows eval and inline styles in development only", () => {
    const policy = directives(pageContentSecurityPolicy("n", { development: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("the headers of next.config.js", () => {
  it("put the fixed headers on every path, and the API's policy on /api and under it", () => {
    expect(securityHeaders()).toEqual([
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ]);
    expect(Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    expect(API_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("give the API's answers made before Next.js routes them (server/direct-routes.ts) the same headers as the others", () => {
    const onApi = securityHeaders().flatMap((rule) => rule.headers);
    expect(API_HEADERS).toEqual(onApi);
  });

  it("allows style attributes, and nothing else inline, only where the page asks (the studio's editor)", () => {
    expect(directives(pageContentSecurityPolicy("n")).has("style-src-attr")).toBe(false);
    const studio = directives(pageContentSecurityPolicy("n", { styleAttributes: true }));
    expect(studio.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(studio.get("style-src")).toEqual(["'self'", "'nonce-n'"]);
    expect(studio.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'"]);
  });
});
