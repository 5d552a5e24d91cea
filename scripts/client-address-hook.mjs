/**
 * Loaded with `node --import` into every server process (scripts/serve.mjs), before Next.js
 * starts: every request gets the `x-peer-practice-client` header with its client's address,
 * replacing any the client sent (see client-address.mjs).
 */
import http from "node:http";
import { CLIENT_HEADER, clientAddress, trustedProxies } from "./client-address.mjs";

const trusted = trustedProxies();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request") {
    const [req] = args;
    req.headers[CLIENT_HEADER] = clientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trusted);
  }
  return emit.call(this, event, ...args);
};
