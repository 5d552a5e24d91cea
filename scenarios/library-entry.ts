/** A scenario file as the library offers it: checked and ready to play, or listed with its problems. */
import type { Problem } from "./problem";
import type { Scenario } from "./types";

export type LibraryEntry =
  | {
      ok: true;
      /** The file, relative to the project. */
      file: string;
      id: string;
      scenario: Scenario;
      hash: string;
      /** Most turns any play can take ("unbounded" if plays can loop); absent when too large to count. */
      longestTurns?: number | "unbounded";
      /** The endings some play can reach, in file order; absent when too large to work out. */
      reachableEndings?: string[];
    }
  | { ok: false; file: string; id: string; problems: Problem[] };
