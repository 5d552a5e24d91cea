/** How the review pages write times and figures. */

/**
 * A stored time (ISO 8601) as its day and minute in UTC, saying so: the server renders the page
 * and does not know the reader's time zone.
 */
export function utcMinute(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}

/** A meter change with its sign, as the play page writes it: +5, −3, ±0. */
export const signedDelta = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `−${Math.abs(n)}`);

/** "1 turn", "2 turns". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
