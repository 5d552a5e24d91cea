/** Twee 3 import and export of scenarios, so trainers can draft and review branches in Twine. */
export { exportTwee } from "./export-twee";
export { importTwee, type TweeImport } from "./import-twee";
export type { TweeWarning } from "./import-log";
