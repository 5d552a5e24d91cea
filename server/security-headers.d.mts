type Header = { key: string; value: string };
/** The headers every answer carries. */
export const SECURITY_HEADERS: readonly Header[];
/** The Content Security Policy of API answers. */
export const API_CONTENT_SECURITY_POLICY: string;
/** Every header an API answer carries: SECURITY_HEADERS and the API's policy. */
export const API_HEADERS: readonly Header[];
/** The Content Security Policy of a page, for one request's nonce. */
export function pageContentSecurityPolicy(nonce: string, options?: { development?: boolean; styleAttributes?: boolean }): string;
/** The `headers()` of next.config.js. */
export function securityHeaders(): { source: string; headers: Header[] }[];
