/**
 * Two settings about where and when, read from the environment:
 *
 * - PUBLIC_URL: the address people use to reach the program (`https://practice.example.org`).
 *   Links handed to people (set-password links) and the ids in exports (xAPI activity ids, the
 *   actor's account home page) are built on it. Without it they are built on the address the
 *   request came to (server/site-origin.ts).
 * - TIME_ZONE: the IANA time zone (`America/New_York`) the Markdown export writes times in for
 *   people to read; UTC when it is not set. Times meant for programs (JSON, xAPI) are always
 *   ISO 8601 in UTC, with their `Z`.
 *
 * Plain JavaScript, so that scripts/serve.mjs checks both before it starts any server process;
 * each server process checks them again at start (server/startup-check.ts).
 */

/** Hosts that mean "every interface" to a server listening on them: never an address for a person. */
export const WILDCARD_HOSTS = ["0.0.0.0", "[::]", "::"];

/** Whether a URL's hostname (as URL gives it: IPv6 in brackets) is a wildcard listen address. */
export function isWildcardHost(hostname) {
  return WILDCARD_HOSTS.includes(hostname.toLowerCase());
}

const EXAMPLE = "https://practice.example.org";

/**
 * PUBLIC_URL's value as an origin (scheme, host and port; no trailing slash), or an Error whose
 * message says what is wrong: it must be an absolute http(s) address of the site's root, with no
 * user name or password, query or fragment, and not a wildcard listen address.
 */
export function parsePublicUrl(value) {
  const text = value.trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http:// or https:// address such as ${EXAMPLE}, not "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`PUBLIC_URL must start with http:// or https:// (such as ${EXAMPLE}), not "${text}"`);
  }
  if (url.username || url.password) throw new Error(`PUBLIC_URL must not carry a user name or password: "${url.host}"`);
  if (text.includes("?") || text.includes("#")) {
    throw new Error(`PUBLIC_URL must have no query (?…) or fragment (#…), as in ${EXAMPLE}, not "${text}"`);
  }
  if (url.pathname !== "/") {
    throw new Error(
      `PUBLIC_URL must be the address of the site's root, such as ${EXAMPLE}, not "${text}": Peer Practice is served at the root of its host name, not under a path`,
    );
  }
  if (isWildcardHost(url.hostname)) {
    throw new Error(`PUBLIC_URL names ${url.hostname}, which servers listen on but people cannot reach: give the host name people use, such as ${EXAMPLE}`);
  }
  return url.origin;
}

/** The configured PUBLIC_URL as an origin, or undefined when it is not set; throws when it is not valid. */
export function publicUrl(env = process.env) {
  const value = env.PUBLIC_URL?.trim();
  return value ? parsePublicUrl(value) : undefined;
}

/** TIME_ZONE's value as the IANA name Intl knows it by, or an Error naming the setting. */
export function parseTimeZone(value) {
  const text = value.trim();
  try {
    const known = new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
    // Its own spelling, or UTC for its aliases; otherwise the name as given, which Intl may know by an older one (Asia/Kolkata as Asia/Calcutta).
    return known === "UTC" || known.toLowerCase() === text.toLowerCase() ? known : text;
  } catch {
    throw new Error(`TIME_ZONE must be an IANA time zone such as UTC, Europe/Paris or America/New_York, not "${text}"`);
  }
}

/** The configured TIME_ZONE, UTC when it is not set; throws when it is not a time zone. */
export function timeZone(env = process.env) {
  const value = env.TIME_ZONE?.trim();
  return value ? parseTimeZone(value) : "UTC";
}

/** Every problem with these settings, as sentences (empty when they are fine). */
export function siteSettingProblems(env = process.env) {
  const problems = [];
  for (const check of [publicUrl, timeZone]) {
    try {
      check(env);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return problems;
}
