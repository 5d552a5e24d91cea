/**
 * Where a page's main thread spent its time in a Chromium trace (devtools.timeline events), by
 * kind of work: script, style, layout, paint and compositing, and the rest, as self time (an
 * event's duration less that of the events inside it, so a layout that a script forced counts as
 * layout). Used by `npm run bench:studio -- --profile` to say what a keystroke costs besides
 * JavaScript, which the CPU profile shows.
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      type?: string;
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url?: string; lineNumber: number; columnNumber: number } }[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

/** What each timeline event is, by its name. */
const KINDS: [RegExp, string][] = [
  [/^(FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|v8\.\w+|V8\.\w+|EvaluateScript|v8\.compile|GCEvent|MajorGC|MinorGC|BlinkGC\.\w+|ScheduleStyleRecalculation|XHRReadyStateChange|FireIdleCallback)$/, "script"],
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|StyleRecalcInvalidationTracking)$/, "style"],
  [/^(Layout|UpdateLayerTree|LayoutShift|IntersectionObserverController::computeIntersections|ResizeObserverController::\w+)$/, "layout"],
  [/^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|CompositeLayers|Commit|RasterTask|Decode Image|PaintSetup|Rasterize)$/, "paint and compositing"],
];

const kindOf = (name: string) => KINDS.find(([re]) => re.test(name))?.[1] ?? "other";

export interface TraceSummary {
  /**
   * The same for the keystrokes alone, per keystroke: from each keydown's dispatch to the end of
   * the first frame committed after its input events (what a trainer waits for to see the key).
   */
  keystrokes: { count: number; byKind: [string, number][]; byName: [string, number][]; busyMs: number; byFunction: [string, number][] };
  /** Self time per kind on the page's main thread, in ms, busiest first. */
  byKind: [string, number][];
  /** Self time per event name, in ms, busiest first. */
  byName: [string, number][];
  /** All the main thread's time in events, in ms. */
  busyMs: number;
}

/** Sums the renderer main thread's complete events ('X') of a trace (Playwright's browser.stopTracing()). */
export function summarizeTrace(json: string): TraceSummary {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  // The page's main thread: the CrRendererMain with the most events.
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`);
  const count = new Map<string, number>();
  for (const e of events) if (e.ph === "X") count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = mains.sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0))[0];
  const own = events.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === main && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // The keystrokes' windows: keydown's dispatch to the end of the first commit after its input events.
  const typing = new Set(["keydown", "keypress", "beforeinput", "input"]);
  const inputs = own.filter((e) => e.name === "EventDispatch" && typing.has(e.args?.data?.type ?? ""));
  const windows: { from: number; to: number }[] = [];
  inputs.forEach((e, i) => {
    if (e.args?.data?.type !== "keydown") return;
    const nextDown = inputs.slice(i + 1).find((x) => x.args?.data?.type === "keydown")?.ts ?? Infinity;
    const lastInput = inputs.slice(i).filter((x) => x.ts < nextDown).at(-1)!;
    const commit = own.find((x) => x.name === "Commit" && x.ts >= lastInput.ts + lastInput.dur! && x.ts < nextDown);
    if (commit) windows.push({ from: e.ts, to: commit.ts + commit.dur! });
  });
  const inWindow = (ts: number) => windows.some((w) => ts >= w.from && ts < w.to);
  const all = selfTimes(own, () => true);
  const keys = selfTimes(own, inWindow);
  return { ...all, keystrokes: { count: windows.length, ...keys, byFunction: sampledFunctions(events, main!, inWindow) } };
}

/**
 * The JavaScript functions sampled in the windows (the trace's own CPU profile, category
 * disabled-by-default-v8.cpu_profiler, on the main thread), by self samples, in ms.
 */
function sampledFunctions(events: TraceEvent[], main: string, counted: (ts: number) => boolean): [string, number][] {
  const tid = Number(main.split(":")[1]);
  const starts = new Map<string, number>();
  for (const e of events) if (e.name === "Profile" && e.tid === tid && e.id) starts.set(e.id, e.args?.data?.startTime ?? e.ts);
  const frames = new Map<number, string>();
  const byFunction = new Map<string, number>();
  const at = new Map<string, number>();
  for (const e of events) {
    if (e.name !== "ProfileChunk" || !e.id || !starts.has(e.id)) continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) {
      const f = n.callFrame;
      const file = (f.url ?? "").split("/").at(-1) ?? "";
      frames.set(n.id, f.url ? `${f.functionName || "(anonymous)"} (${file}:${f.lineNumber + 1}:${f.columnNumber + 1})` : f.functionName || "(native)");
    }
    let t = at.get(e.id) ?? starts.get(e.id)!;
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const dt = deltas[i] ?? 0;
      t += dt;
      const name = frames.get(id) ?? "?";
      if (name !== "(idle)" && counted(t)) byFunction.set(name, (byFunction.get(name) ?? 0) + (deltas[i + 1] ?? 0));
    });
    at.set(e.id, t);
  }
  return [...byFunction].map(([k, us]) => [k, us / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
}

/** Self time of the events that start where `counted` says, by kind and by name, in ms. */
function selfTimes(own: TraceEvent[], counted: (ts: number) => boolean): Omit<TraceSummary, "keystrokes"> {
  const byName = new Map<string, number>();
  let busy = 0;
  // Nesting by time: an event inside the one before it on the stack is its child.
  const stack: { end: number; name: string; self: number; counted: boolean }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      if (done.counted) byName.set(done.name, (byName.get(done.name) ?? 0) + done.self);
    }
  };
  for (const e of own) {
    close(e.ts);
    const parent = stack.at(-1);
    const here = counted(e.ts);
    if (parent) parent.self -= e.dur!;
    else if (here) busy += e.dur!;
    stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur!, counted: here });
  }
  close(Infinity);
  const byKind = new Map<string, number>();
  for (const [name, us] of byName) byKind.set(kindOf(name), (byKind.get(kindOf(name)) ?? 0) + us);
  const ms = (m: Map<string, number>) => [...m].map(([k, us]) => [k, us / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { byKind: ms(byKind), byName: ms(byName), busyMs: busy / 1000 };
}
