/**
 * Loaded with `node --import` into every server process (scripts/serve.mjs), before Next.js
 * starts. For every request: the `x-peer-practice-client` header gets its client's address,
 * replacing any the client sent (see client-address.mjs); then the direct routes
 * (server/direct-routes.ts, once instrumentation.ts has set them) answer the request if it is
 * theirs, and Next.js gets every other one.
 */
import http from "node:http";
import { directRoutes } from "../server/direct-routes-slot.mjs";
import { CLIENT_HEADER, clientAddress, trustedProxies } from "./client-address.mjs";

const trusted = trustedProxies();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request") {
    const [req, res] = args;
    req.headers[CLIENT_HEADER] = clientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trusted);
    if (directRoutes()?.(req, res)) return true;
  }
  return emit.call(this, event, ...args);
};
