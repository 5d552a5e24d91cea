/**
 * Where a server process keeps the function that answers the direct routes
 * (server/direct-routes.ts): set by instrumentation.ts once the process has checked its database,
 * read by scripts/request-hook.mjs for every request. On globalThis under a registered symbol, as
 * the hook and Next.js's bundles are separate module graphs. Plain JavaScript because the hook
 * imports it; the types are in direct-routes-slot.d.mts.
 */
const SLOT = Symbol.for("peer-practice.direct-routes");

/** @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean} serve */
export function setDirectRoutes(serve) {
  globalThis[SLOT] = serve;
}

/** @returns {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean) | undefined} */
export function directRoutes() {
  return globalThis[SLOT];
}
