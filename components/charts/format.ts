/** How the charts and the analytics tables write figures, so every page says a share the same way. */

/** A whole percentage of `count` out of `total`; null when there is nothing to share out. */
export function percentOf(count: number, total: number): number | null {
  return total > 0 ? Math.round((count / total) * 100) : null;
}

/** "50%", or "none" when there is nothing to share out. */
export function percentText(count: number, total: number): string {
  const p = percentOf(count, total);
  return p === null ? "none" : `${p}%`;
}

/** A share of 0 to 1 as a whole percentage: "33%". */
export const sharePercent = (share: number) => `${Math.round(share * 100)}%`;

/** "2 of 4, 50%": a share with the counts it comes from; "0 of 0" when nobody got there. */
export function shareText(count: number, total: number): string {
  const p = percentOf(count, total);
  return p === null ? `${count} of ${total}` : `${count} of ${total}, ${p}%`;
}

/** A figure that may be missing: a dash for a screen reader to read as "no figure" is not clear, so the words say it. */
export function figure(value: number | null | undefined, digits = 0, none = "none"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return none;
  return digits === 0 ? String(Math.round(value)) : value.toFixed(digits);
}

/** A duration in milliseconds as people say it: "850 ms", "12 s", "2 min 5 s". */
export function durationText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "none";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}
