/** What the analysis reports: a rule broken at a place in the data. */
import type { PathSegment } from "../problem";

/** One finding; `checkScenario` turns its data path into a line and column. */
export interface Finding {
  rule: string;
  severity: "error" | "warning";
  message: string;
  path: PathSegment[];
  /** Point at the key rather than its value (used for whole nodes). */
  atKey?: boolean;
}
