/**
 * Zod compiles object parsers with `new Function` when it may, and finds out whether it may by
 * trying `Function("")`. In the browser the Content Security Policy refuses eval, and Chromium
 * reports that try as a violation on every page that parses an answer. There, parse without
 * compiling (`jitless`); on the server, where nothing refuses eval, keep the faster compiled parsers.
 *
 * Imported for its effect by every module that defines schemas, so it runs before any parse.
 */
import { config } from "zod/mini";

const inBrowser = typeof document !== "undefined" || (typeof self !== "undefined" && typeof (self as { importScripts?: unknown }).importScripts === "function");
if (inBrowser) config({ jitless: true });
