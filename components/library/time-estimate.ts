/**
 * How long a scenario takes, from the most turns a play can take: about a minute a turn (the
 * counterpart's line, three or four responses to weigh, the feedback), rounded up to the next
 * five minutes. The debrief is read at the trainee's own pace and is not counted.
 */
export function minutesFor(longestTurns: number): number {
  return Math.max(5, Math.ceil(longestTurns / 5) * 5);
}

/** The card's length line: "About 15 minutes · up to 14 turns", or what can be said without a count. */
export function lengthLine(longestTurns: number | "unbounded" | undefined): string {
  if (longestTurns === undefined) return "Long (too many ways through to count the turns)";
  if (longestTurns === "unbounded") return "Open-ended (a play can come back to a turn)";
  return `About ${minutesFor(longestTurns)} minutes · up to ${longestTurns} turn${longestTurns === 1 ? "" : "s"}`;
}
