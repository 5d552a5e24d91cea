type Env = Readonly<Record<string, string | undefined>>;
/** Hosts that mean "every interface" to a server listening on them: never an address for a person. */
export const WILDCARD_HOSTS: readonly string[];
/** Whether a URL's hostname (as URL gives it: IPv6 in brackets) is a wildcard listen address. */
export function isWildcardHost(hostname: string): boolean;
/** PUBLIC_URL's value as an origin (no trailing slash); throws an Error saying what is wrong. */
export function parsePublicUrl(value: string): string;
/** The configured PUBLIC_URL as an origin, or undefined when it is not set; throws when it is not valid. */
export function publicUrl(env?: Env): string | undefined;
/** TIME_ZONE's value as the IANA name Intl knows it by; throws an Error naming the setting. */
export function parseTimeZone(value: string): string;
/** The configured TIME_ZONE, UTC when it is not set; throws when it is not a time zone. */
export function timeZone(env?: Env): string;
/** Every problem with these settings, as sentences (empty when they are fine). */
export function siteSettingProblems(env?: Env): string[];
