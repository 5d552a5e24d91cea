/** A scenario version's identity: the SHA-256 of its canonical JSON (keys sorted, defaults applied). */
import type { Scenario } from "./types";

/** JSON with object keys sorted at every level and no whitespace; array order is kept. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hex SHA-256 of the scenario's canonical JSON. Uses Web Crypto, so it runs anywhere. */
export async function scenarioHash(scenario: Scenario): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(scenario));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
