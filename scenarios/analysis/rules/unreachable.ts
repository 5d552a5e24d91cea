/** The `unreachable` rule: a node no play reaches. */
import type { Finding } from "../finding";

/** The finding for a node no play reaches. */
export function unreachableFinding(id: string): Finding {
  return { rule: "unreachable", severity: "error", message: `node "${id}" is never reached: no play leads here`, path: ["nodes", id], atKey: true };
}
