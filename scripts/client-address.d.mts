import type { BlockList } from "node:net";
/** The header every request carries with its client's address. */
export const CLIENT_HEADER: string;
/** The trusted proxies from TRUSTED_PROXIES (or `value`); throws naming an entry that is not an address or range. */
export function trustedProxies(value?: string): BlockList;
/** The client's address: the connection's, or, from a trusted proxy, the last address in X-Forwarded-For that is not one. */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string;
