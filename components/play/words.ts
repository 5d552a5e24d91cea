/** Counting words for the play page, so a count never reads "1 turns". */

/** "1 turn", "3 turns"; `many` for words whose plural is not the word with an s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Where the conversation is: "Turn 3 of up to 11", where 11 is the most turns any play of the
 * scenario takes (`longest`); just "Turn 3" when plays can loop, the length is not known, or this
 * play has gone past it (a scenario changed under a saved session).
 */
export function progressText(turn: number, longest: number | "unbounded" | undefined): string {
  return typeof longest === "number" && longest >= turn ? `Turn ${turn} of up to ${longest}` : `Turn ${turn}`;
}

/** What "of up to" means, for the bar's explanation. */
export function progressMeaning(longest: number | "unbounded" | undefined): string | null {
  if (typeof longest !== "number") return null;
  return `The longest way through this conversation takes ${plural(longest, "turn")}; many end sooner, depending on your responses.`;
}
