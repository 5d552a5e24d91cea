/**
 * Reads a V8 .cpuprofile of `next start` (node --cpu-prof) and says where the server's CPU time
 * went. The production server code is minified, so every frame in .next/server is mapped back
 * through the build's source maps to its original file and name, then grouped: the app's own
 * files, each npm package, Node's internals (web streams, undici, …), garbage collection.
 * Only samples inside a time window (CLOCK_MONOTONIC µs, as process.hrtime) count when given.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Frame {
  /** Where the time is counted: "app server/session-service.ts", "kysely", "node web streams", … */
  area: string;
  /** For the app's own code: "appendChoice (server/session-service.ts:80)". */
  appFunction?: string;
}

export interface ProfileSummary {
  /** Busy milliseconds (idle excluded) in the window. */
  busyMs: number;
  /** Whether samples were limited to the window (false: the whole profile). */
  windowed: boolean;
  /** Self time by area, busiest first, in ms. */
  selfByArea: [string, number][];
  /** Time with each area on the stack (counted once per sample), in ms. */
  inclusiveByArea: [string, number][];
  /** Time with each app function on the stack, in ms. */
  inclusiveByAppFunction: [string, number][];
}

const lines = new Map<string, string[]>();
/** The name a line of source declares (function, method, const … = () =>), if any. */
function declaredName(file: string, line: number): string | undefined {
  if (!lines.has(file)) {
    try {
      lines.set(file, readFileSync(file, "utf8").split("\n"));
    } catch {
      lines.set(file, []);
    }
  }
  const text = lines.get(file)![line - 1]?.trim() ?? "";
  const m =
    /\bfunction\s*\*?\s*([\w$]+)/.exec(text) ??
    /^(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*=/.exec(text) ??
    /^(?:async\s+)?([\w$]+)\s*\(/.exec(text) ??
    /([\w$]+)\s*:\s*(?:async\s*)?(?:function|\()/.exec(text);
  return m?.[1];
}

function packageOf(p: string): string {
  const rest = p.slice(p.lastIndexOf("node_modules/") + "node_modules/".length).split("/");
  return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

export function summarizeProfile(file: string, root: string, window?: { startUs: number; endUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (script: string): SourceMap | null => {
    if (!maps.has(script)) {
      let map: SourceMap | null = null;
      try {
        if (existsSync(`${script}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${script}.map`, "utf8")));
      } catch {
        map = null;
      }
      maps.set(script, map);
    }
    return maps.get(script)!;
  };

  const frames = new Map<number, Frame>();
  const frameOf = (node: ProfileNode): Frame => {
    let f = frames.get(node.id);
    if (f) return f;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === "(garbage collector)" || functionName === "(program)" || functionName === "(idle)" || functionName === "(root)") {
      f = { area: functionName };
    } else if (url.startsWith("file://")) {
      const script = fileURLToPath(url);
      let source = script;
      let line = lineNumber + 1;
      const map = script.includes(`${path.sep}.next${path.sep}`) ? mapFor(script) : null;
      const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
      if (entry?.originalSource) {
        // Turbopack writes sources as turbopack:///[project]/… or relative paths.
        source = entry.originalSource.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^(\.\.\/)+/, "");
        line = (entry.originalLine ?? 0) + 1;
      }
      const rel = path.isAbsolute(source) ? path.relative(root, source) : source;
      if (rel.includes("node_modules/")) f = { area: packageOf(rel) };
      else if (rel.startsWith(".next/")) f = { area: "next (build output)" };
      else {
        const file = decodeURIComponent(rel);
        const declared = declaredName(path.join(root, file), line);
        f = { area: `app ${file}`, appFunction: `${declared ?? "(anonymous)"} (${file}:${line})` };
      }
    } else if (url.startsWith("node:internal/webstreams")) f = { area: "node web streams" };
    else if (url.includes("undici")) f = { area: "node undici (Request/Response)" };
    else if (url.startsWith("node:")) f = { area: `node ${url.slice(5).replace(/^internal\//, "").split("/")[0]}` };
    else f = { area: "native / V8 builtins" };
    frames.set(node.id, f);
    return f;
  };

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let t = profile.startTime;
  const inWindow: boolean[] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    inWindow.push(!window || (t >= window.startUs && t <= window.endUs));
  }
  const windowed = !!window && inWindow.some(Boolean);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const appInclusive = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (windowed && !inWindow[i]) continue;
    // A sample's time is the gap to the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const leaf = byId.get(profile.samples[i]!)!;
    const leafFrame = frameOf(leaf);
    if (leafFrame.area === "(idle)") continue;
    busy += us;
    self.set(leafFrame.area, (self.get(leafFrame.area) ?? 0) + us);
    const areas = new Set<string>();
    const fns = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = frameOf(byId.get(id)!);
      if (f.area !== "(root)") areas.add(f.area);
      if (f.appFunction) fns.add(f.appFunction);
    }
    for (const a of areas) inclusive.set(a, (inclusive.get(a) ?? 0) + us);
    for (const fn of fns) appInclusive.set(fn, (appInclusive.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([k, v]): [string, number] => [k, v / 1_000]).sort((a, b) => b[1] - a[1]);
  return {
    busyMs: busy / 1_000,
    windowed,
    selfByArea: sorted(self),
    inclusiveByArea: sorted(inclusive),
    inclusiveByAppFunction: sorted(appInclusive),
  };
}
