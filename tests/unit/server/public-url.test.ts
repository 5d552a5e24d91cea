/** PUBLIC_URL and TIME_ZONE: checked at start, and where links and export ids point. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parsePublicUrl, parseTimeZone, publicUrl, siteSettingProblems, timeZone } from "../../../server/public-url.mjs";
import { requestOrigin, siteOrigin } from "../../../server/site-origin";

describe("PUBLIC_URL", () => {
  it("takes an absolute http(s) address of the site's root, as its origin", () => {
    expect(parsePublicUrl("https://practice.example.org")).toBe("https://practice.example.org");
    expect(parsePublicUrl(" https://Practice.Example.org/ ")).toBe("https://practice.example.org");
    expect(parsePublicUrl("http://10.1.2.3:8080")).toBe("http://10.1.2.3:8080");
    expect(parsePublicUrl("https://practice.example.org:443/")).toBe("https://practice.example.org");
    expect(parsePublicUrl("http://[2001:db8::1]:3100")).toBe("http://[2001:db8::1]:3100");
    expect(publicUrl({})).toBeUndefined();
    expect(publicUrl({ PUBLIC_URL: "  " })).toBeUndefined();
    expect(publicUrl({ PUBLIC_URL: "https://practice.example.org/" })).toBe("https://practice.example.org");
  });

  it("refuses anything else with a sentence saying what is wrong", () => {
    expect(() => parsePublicUrl("practice.example.org")).toThrow(
      'PUBLIC_URL must be an absolute http:// or https:// address such as https://practice.example.org, not "practice.example.org"',
    );
    expect(() => parsePublicUrl("/practice")).toThrow(/must be an absolute http:\/\/ or https:\/\/ address/);
    expect(() => parsePublicUrl("ftp://practice.example.org")).toThrow('PUBLIC_URL must start with http:// or https:// (such as https://practice.example.org), not "ftp://practice.example.org"');
    expect(() => parsePublicUrl("javascript:alert(1)")).toThrow(/must start with http:\/\/ or https:\/\//);
    expect(() => parsePublicUrl("https://practice.example.org/?next=1")).toThrow(/no query \(\?…\) or fragment/);
    expect(() => parsePublicUrl("https://practice.example.org?")).toThrow(/no query/);
    expect(() => parsePublicUrl("https://practice.example.org/#top")).toThrow(/or fragment/);
    expect(() => parsePublicUrl("https://user:secret@practice.example.org")).toThrow("PUBLIC_URL must not carry a user name or password");
    expect(() => parsePublicUrl("https://example.org/practice")).toThrow(/must be the address of the site's root/);
    expect(() => parsePublicUrl("http://0.0.0.0:3100")).toThrow(/names 0\.0\.0\.0, which servers listen on but people cannot reach/);
    expect(() => parsePublicUrl("http://[::]:3100")).toThrow(/names \[::\]/);
    expect(() => publicUrl({ PUBLIC_URL: "nope" })).toThrow(/PUBLIC_URL/);
  });
});

describe("TIME_ZONE", () => {
  it("is UTC unless set, and takes IANA names as Intl knows them", () => {
    expect(timeZone({})).toBe("UTC");
    expect(timeZone({ TIME_ZONE: "" })).toBe("UTC");
    expect(timeZone({ TIME_ZONE: "America/New_York" })).toBe("America/New_York");
    expect(parseTimeZone("etc/utc")).toBe("UTC");
  });

  it("refuses a name that is no time zone", () => {
    expect(() => timeZone({ TIME_ZONE: "Mars/Olympus" })).toThrow('TIME_ZONE must be an IANA time zone such as UTC, Europe/Paris or America/New_York, not "Mars/Olympus"');
  });

  it("is checked with PUBLIC_URL, every problem said", () => {
    expect(siteSettingProblems({})).toEqual([]);
    expect(siteSettingProblems({ PUBLIC_URL: "https://practice.example.org", TIME_ZONE: "Europe/Paris" })).toEqual([]);
    const both = siteSettingProblems({ PUBLIC_URL: "practice.example.org", TIME_ZONE: "Nowhere" });
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(/^PUBLIC_URL /);
    expect(both[1]).toMatch(/^TIME_ZONE /);
  });
});

describe("the server at start", () => {
  // scripts/serve.mjs checks the settings before it starts any server process, so no build is needed to see it refuse.
  const serve = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["scripts/serve.mjs"], {
      env: { ...process.env, PORT: "1", HOST: "127.0.0.1", WEB_CONCURRENCY: "1", PUBLIC_URL: "", TIME_ZONE: "", ...env },
      encoding: "utf8",
      timeout: 20_000,
    });

  it("stops with the reason when PUBLIC_URL or TIME_ZONE is wrong", () => {
    const url = serve({ PUBLIC_URL: "practice.example.org/peer" });
    expect(url.status).toBe(2);
    expect(url.stderr).toContain('[server] PUBLIC_URL must be an absolute http:// or https:// address such as https://practice.example.org, not "practice.example.org/peer"');
    const zone = serve({ TIME_ZONE: "Mars/Olympus" });
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain('[server] TIME_ZONE must be an IANA time zone such as UTC, Europe/Paris or America/New_York, not "Mars/Olympus"');
  });
});

describe("where links and export ids point", () => {
  const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

  it("is PUBLIC_URL when set, whatever Host the request names", () => {
    const env = { PUBLIC_URL: "https://practice.example.org" };
    expect(siteOrigin(req("http://0.0.0.0:3100/api/x", { host: "evil.example.net" }), env)).toBe("https://practice.example.org");
    expect(siteOrigin(req("http://0.0.0.0:3100/api/x", { host: "127.0.0.1:3100", "x-forwarded-proto": "http" }), env)).toBe("https://practice.example.org");
  });

  it("is otherwise the Host the browser used, never the listen address in the request's URL", () => {
    expect(siteOrigin(req("http://0.0.0.0:3100/api/x", { host: "practice.test:3100" }), {})).toBe("http://practice.test:3100");
    expect(siteOrigin(req("http://0.0.0.0:3100/api/x", { host: "Practice.Test", "x-forwarded-proto": "https" }), {})).toBe("https://practice.test");
    expect(requestOrigin(req("http://[::]:3100/api/x", { host: "[2001:db8::1]:3100" }))).toBe("http://[2001:db8::1]:3100");
  });

  it("says localhost for a wildcard address, from the Host header or the request's URL", () => {
    expect(requestOrigin(req("http://0.0.0.0:3100/api/x", { host: "0.0.0.0:3100" }))).toBe("http://localhost:3100");
    expect(requestOrigin(req("http://0.0.0.0:3100/api/x"))).toBe("http://localhost:3100");
    expect(requestOrigin(req("http://[::]:3100/api/x"))).toBe("http://localhost:3100");
  });

  it("ignores a Host header that is no host name", () => {
    for (const host of ["evil.example.net/path", "evil.example.net@x", "a b", "evil.example.net:99999999", "<script>", "evil.example.net#"]) {
      expect(requestOrigin(req("http://practice.test:3100/api/x", { host }))).toBe("http://practice.test:3100");
    }
  });
});
