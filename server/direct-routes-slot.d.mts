import type { IncomingMessage, ServerResponse } from "node:http";
/** Answers a request when it is one of the direct routes (true), or leaves it to Next.js (false). */
export type ServeDirect = (req: IncomingMessage, res: ServerResponse) => boolean;
export function setDirectRoutes(serve: ServeDirect): void;
export function directRoutes(): ServeDirect | undefined;
