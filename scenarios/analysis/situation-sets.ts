/**
 * How the analysis holds the situations at a node: per set of flags, the meter pairs reached with
 * it. A flag set is keyed by its flags sorted and comma-joined, "" for none.
 */
import type { MeterSet } from "./meter-set";

/** Situations per node: flag set key → meter pairs. */
export type SituationSets = Map<string, Map<string, MeterSet>>;

/** The flags of a flag set key. */
export const flagsOfKey = (key: string): string[] => (key === "" ? [] : key.split(","));

/** The key of a set of flags, whatever their order and repeats. */
export const keyOfFlags = (flags: Iterable<string>): string => [...new Set(flags)].sort().join(",");
