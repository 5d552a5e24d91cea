/**
 * The address of the client that sent a request. request-hook.mjs, loaded (`node
 * --import`) into every server process before Next.js starts, stamps each request with it, in
 * the `x-peer-practice-client` header, which the sign-in rate limit counts by (server/auth.ts).
 *
 * Next.js passes `X-Forwarded-For` through as the client sent it, so counting by that header
 * would let anyone who guesses passwords name a new address with each attempt. Here the address
 * is the connection's own, and `X-Forwarded-For` is believed only from a proxy listed in
 * TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated, e.g. `127.0.0.1,10.0.0.0/8`):
 * walking it from the right, the first address that is not a trusted proxy is the client. A
 * header of that name sent by the client itself is always replaced.
 */
import { BlockList, isIP } from "node:net";

export const CLIENT_HEADER = "x-peer-practice-client";

/** `::ffff:127.0.0.1` → `127.0.0.1`: the same client whether it came over IPv4 or IPv4-mapped IPv6. */
function plain(address) {
  const a = address?.trim() ?? "";
  return a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** The trusted proxies from TRUSTED_PROXIES; throws naming an entry that is not an address or range. */
export function trustedProxies(value = process.env.TRUSTED_PROXIES ?? "") {
  const list = new BlockList();
  for (const entry of value.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas, not "${entry}"`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

const trusts = (list, address) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
};

/** The client's address: the connection's, or, from a trusted proxy, the last address in X-Forwarded-For that is not one. */
export function clientAddress(remoteAddress, forwardedFor, trusted) {
  let address = plain(remoteAddress);
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(plain).filter(Boolean);
  while (trusts(trusted, address) && hops.length > 0) address = hops.pop();
  return address;
}
