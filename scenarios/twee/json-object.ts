/** JSON objects as read from a Twee file, before anything has checked their keys. */
export type Json = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not an array, not null). */
export const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
