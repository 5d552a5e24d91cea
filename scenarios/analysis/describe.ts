/** Situations and meter ranges in words, for the rules' messages. */
import * as M from "./meter-set";
import { flagsOfKey } from "./situation-sets";

/** A situation in words: "rapport 20, mutuality 35 and no flags". */
export function describeSituation(pair: { rapport: number; mutuality: number } | null, key: string): string {
  const flags = flagsOfKey(key);
  const f = flags.length ? `flags ${flags.join(", ")}` : "no flags";
  return pair ? `rapport ${pair.rapport}, mutuality ${pair.mutuality} and ${f}` : f;
}

/** The meter ranges plays reach at a node, over all its flag sets: "rapport 20–60 and mutuality 35–50". */
export function describeRanges(byKey: Map<string, M.MeterSet>): string {
  let all = M.emptySet();
  for (const s of byKey.values()) all = M.or(all, s);
  const b = M.bounds(all);
  return b ? `rapport ${b.rapport[0]}–${b.rapport[1]} and mutuality ${b.mutuality[0]}–${b.mutuality[1]}` : "nothing";
}
