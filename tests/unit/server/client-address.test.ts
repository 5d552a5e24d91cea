import { describe, expect, it } from "vitest";
import { CLIENT_HEADER as STAMPED, clientAddress, trustedProxies } from "../../../scripts/client-address.mjs";
import { CLIENT_HEADER } from "../../../server/auth";

describe("the client address a request is counted by (scripts/client-address.mjs)", () => {
  const none = trustedProxies("");

  it("is the header the rate limit reads", () => {
    expect(STAMPED).toBe(CLIENT_HEADER);
  });

  it("is the connection's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1, 10.0.0.1", none)).toBe("127.0.0.1");
    expect(clientAddress("2001:db8::1", undefined, none)).toBe("2001:db8::1");
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    const trusted = trustedProxies("127.0.0.1, 10.0.0.0/8");
    // A proxy on this machine that appended the client's address after what the client claimed.
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", trusted)).toBe("203.0.113.9");
    // Two trusted hops.
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.9, 10.1.2.3", trusted)).toBe("203.0.113.9");
    // A client that connects directly is not believed, even though the header is there.
    expect(clientAddress("198.51.100.7", "203.0.113.9", trusted)).toBe("198.51.100.7");
    // A trusted proxy that forwarded nothing is itself the client.
    expect(clientAddress("127.0.0.1", undefined, trusted)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", ["203.0.113.1", "203.0.113.2"], trusted)).toBe("203.0.113.2");
  });

  it("refuses TRUSTED_PROXIES entries that are not addresses or ranges, naming them", () => {
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.0/8/1", "::1/129", "1.2.3"]) {
      expect(() => trustedProxies(bad)).toThrow(`not "${bad}"`);
    }
    expect(trustedProxies("::1, fd00::/8").check("fd12::1", "ipv6")).toBe(true);
  });
});
