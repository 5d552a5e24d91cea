/**
 * How many times a choice was taken back in a session, worked out from its revision: every write
 * to a session raises the revision by one (a choice, a take-back, and its end), so
 * revision = choices made + take-backs + (1 once ended), and choices stored = choices made −
 * take-backs. What was taken back is not kept (a take-back removes the choice).
 */
import type { SessionStatus } from "../../../contracts/enums";

/** The take-backs; undefined when the figures do not add up (a session stored before revisions were counted, or edited by hand). */
export function takeBacksOf(revision: number, turns: number, status: SessionStatus): number | undefined {
  const twice = revision - turns - (status === "active" ? 0 : 1);
  if (!Number.isSafeInteger(twice) || twice < 0 || twice % 2 !== 0) return undefined;
  return twice / 2;
}
