/**
 * The rule ids the program can put on a scenario problem, read from its source: every string
 * given as a `rule` (such as `rule: "next-unknown"` or `rule: missing ? "required" : "schema"`) in
 * the scenario domain and the library loader, and every `twee-…` id of the Twee importer.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every .ts file under a folder, recursively. */
function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFilesUnder(p);
    return e.isFile() && p.endsWith(".ts") ? [p] : [];
  });
}

const RULE_VALUE = /\brule:\s*([^,}\n]+)/g;
const ID_LITERAL = /"([a-z]+(?:-[a-z]+)*)"/g;
const TWEE_ID = /"(twee-[a-z]+(?:-[a-z]+)*)"/g;

/** The string literals given as a `rule` in one source text. */
export function ruleIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(RULE_VALUE)) for (const l of m[1]!.matchAll(ID_LITERAL)) ids.push(l[1]!);
  return ids;
}

const isTwee = (file: string) => /(^|[\\/])twee([\\/]|\.ts$)/.test(file);

/** The rule ids of the checker (`npm run scenarios -- check`) and of the app's library loader. */
export function checkerRuleIds(root: string): Set<string> {
  const files = [
    ...tsFilesUnder(path.join(root, "scenarios")).filter((f) => !isTwee(path.relative(root, f))),
    path.join(root, "server", "scenario-library.ts"),
  ];
  return new Set(files.flatMap((f) => ruleIdsIn(readFileSync(f, "utf8"))).filter((id) => !id.startsWith("twee-")));
}

/** The warnings of the Twee importer. */
export function tweeRuleIds(root: string): Set<string> {
  const files = tsFilesUnder(path.join(root, "scenarios")).filter((f) => isTwee(path.relative(root, f)));
  return new Set(files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(TWEE_ID)].map((m) => m[1]!)));
}
