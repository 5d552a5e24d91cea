/**
 * Reads a CPU profile of a page's main thread, as CDP's Profiler.stop gives it, and says where
 * the time went: per script (each chunk named by what it holds) and per function, self time and
 * time on the stack. Production chunks are minified, so functions are named as the chunk names
 * them, with their place (chunk:line:column) to find them by.
 */
/** A CPU profile as CDP's Profiler.stop answers it (the fields read here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples?: number[];
  /** Microseconds between samples, the first from the profile's start. */
  timeDeltas?: number[];
}

export interface BrowserProfileSummary {
  /** Milliseconds sampled, and those busy (not idle). */
  totalMs: number;
  busyMs: number;
  /** Self time by script (or "(garbage collector)", "(program)"), busiest first, in ms. */
  selfByScript: [string, number][];
  /** Self time by function, busiest first, in ms. */
  selfByFunction: [string, number][];
  /** Time with each function on the stack (counted once per sample), busiest first, in ms. */
  inclusiveByFunction: [string, number][];
}

const IDLE = new Set(["(idle)", "(root)"]);

/** `scriptName` names a script from its URL (such as its chunk file and the package it holds). */
export function summarizeBrowserProfile(profile: CpuProfile, scriptName: (url: string) => string): BrowserProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const script = (url: string) => (url ? scriptName(url) : "");
  const fnName = (id: number) => {
    const f = byId.get(id)!.callFrame;
    if (!f.url) return f.functionName || "(anonymous)";
    return `${f.functionName || "(anonymous)"} (${script(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1})`;
  };
  const selfScript = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let busy = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    total += ms;
    const node = byId.get(samples[i]!)!;
    if (IDLE.has(node.callFrame.functionName)) continue;
    busy += ms;
    add(selfScript, node.callFrame.url ? script(node.callFrame.url) : node.callFrame.functionName, ms);
    add(selfFn, fnName(node.id), ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = fnName(id);
      if (IDLE.has(byId.get(id)!.callFrame.functionName) || seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name, ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, busyMs: busy, selfByScript: sorted(selfScript), selfByFunction: sorted(selfFn), inclusiveByFunction: sorted(inclusive) };
}
