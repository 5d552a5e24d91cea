import type { Scanner } from "./scanner";

/** The index just after the bracket that closes the one at `from`, or -1. */
function closing(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i + 1;
  }
  return -1;
}

/** Cuts macros (`<<…>>`, `<%…%>`, `(name: …)`), which a scenario cannot run; a hook keeps its text. */
export function scanMacros(sc: Scanner): void {
  for (const { at, match } of sc.find(/<<[\s\S]*?>>|<%[\s\S]*?%>/g)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-macro", `the macro "${match}" is not carried over`, match);
  }
  for (const { at } of sc.find(/\([A-Za-z][\w-]*:/g)) {
    const end = sc.mask[at] === "(" ? closing(sc.mask, at, "(", ")") : -1;
    if (end < 0) continue;
    const macro = sc.text.slice(at, end);
    sc.cut(at, end);
    // A hook is the text the macro acts on: it is kept, only its brackets go.
    const hookEnd = sc.mask[end] === "[" ? closing(sc.mask, end, "[", "]") : -1;
    if (hookEnd > 0) {
      sc.cut(end, end + 1);
      sc.cut(hookEnd - 1, hookEnd);
    }
    const hook = hookEnd > 0 ? "; the text of its hook is kept" : "";
    sc.note(at, "twee-macro", `the macro "${macro}" is not carried over${hook}`, macro);
  }
}
