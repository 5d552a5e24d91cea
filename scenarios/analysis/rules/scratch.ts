/** Sets the rules reuse from node to node: allocating sets is what costs most. */
import * as M from "../meter-set";
import { splitScratch, type SplitScratch } from "../when-region";

export interface Scratch {
  offered: M.MeterSet;
  helpful: M.MeterSet;
  region: M.MeterSet;
  tmp: M.MeterSet;
  split: SplitScratch;
}

/** Fresh scratch sets for one analysis. */
export function newScratch(): Scratch {
  return { offered: M.emptySet(), helpful: M.emptySet(), region: M.emptySet(), tmp: M.emptySet(), split: splitScratch() };
}
