// Timings of a studio page for bench/studio.ts, installed before any of the page's own scripts
// (Playwright's addInitScript). Everything is timed inside the page with performance.now(), on
// the page's clock, so no figure includes a round trip to the benchmark. Plain browser
// JavaScript: the page runs it as it is. It reads and times, and changes nothing the page does.
(() => {
  const bench = {
    /** Main-thread tasks over 50 ms (Long Tasks API). */
    longTasks: [],
    /** Event Timing entries of 16 ms and over: an input event's time from its timestamp to the next paint after its handlers. */
    events: [],
    /** One per keydown: its timestamp, and the end of the frame after the text changed (the paint, near enough). */
    keys: [],
    /** When the checking worker answered, and the end of the frame after each answer (the page has drawn it). */
    checkAnswers: [],
    checkSettled: [],
    /** Layout requests posted to the layout worker and its replies: `{ id, at }`, a reply with the worker's own time for the layout (`elkMs`). */
    layoutRequests: [],
    layoutReplies: [],
    /** The first graph node in the page, the first one shown (React Flow shows a node once measured), the end of that frame, and the most nodes in the page at once. */
    graph: { firstNode: undefined, drawn: undefined, painted: undefined, mostNodes: 0 },
    /** The finding being waited for (watchFinding): what it says and when it was in the list. */
    finding: undefined,
  };
  Object.defineProperty(window, "__bench", { value: bench });

  /** Calls `then` with the time just after the next frame: a task queued from requestAnimationFrame runs after that frame's paint. */
  const afterFrame = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        then(performance.now());
      };
      channel.port2.postMessage(null);
    });
  bench.afterFrame = afterFrame;

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    bench.noLongTasks = true;
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.events.push({ name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId });
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch {
    bench.noEventTiming = true;
  }

  // A keystroke: its keydown (in the capture phase, before the editor's own handlers), then the
  // frame after the text it typed changed.
  addEventListener(
    "keydown",
    (e) => {
      bench.keys.push({ key: e.key, down: e.timeStamp, painted: undefined });
    },
    true,
  );
  addEventListener(
    "input",
    () => {
      const key = bench.keys[bench.keys.length - 1];
      if (!key || key.painted !== undefined) return;
      key.painted = null;
      afterFrame((t) => {
        key.painted = t;
      });
    },
    true,
  );

  // The studio's workers, told apart by what they send: layout requests carry a requestId, the
  // checker's answers a seq and a check.
  const isObject = (v) => typeof v === "object" && v !== null;
  const Native = window.Worker;
  if (Native) {
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        this.addEventListener("message", (e) => {
          const at = performance.now();
          const d = e.data;
          if (isObject(d) && "requestId" in d) bench.layoutReplies.push({ id: d.requestId, at, elkMs: d.ms });
          else if (isObject(d) && "seq" in d && "check" in d) {
            bench.checkAnswers.push(at);
            afterFrame((t) => bench.checkSettled.push(t));
          }
        });
      }
      postMessage(message, ...rest) {
        if (isObject(message) && "requestId" in message) bench.layoutRequests.push({ id: message.requestId, at: performance.now() });
        return super.postMessage(message, ...rest);
      }
    };
  }

  // The graph's first node, the first one shown, and the most nodes in the page at once (React
  // Flow draws only those in view, but a view of the whole graph has them all).
  const nodes = document.getElementsByClassName("react-flow__node");
  const graphWatch = new MutationObserver(() => {
    const g = bench.graph;
    g.mostNodes = Math.max(g.mostNodes, nodes.length);
    if (g.firstNode === undefined && nodes.length > 0) g.firstNode = performance.now();
    if (g.drawn === undefined && document.querySelector('.react-flow__node[style*="visibility: visible"]')) {
      g.drawn = performance.now();
      afterFrame((t) => {
        g.painted = t;
      });
    }
  });
  graphWatch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["style"] });
  bench.stopGraphWatch = () => graphWatch.disconnect();

  /**
   * Resolves once the main thread is quiet: `frames` frames in a row, each within `gapMs` of the
   * one before and with no long task seen since (or after `maxFrames` frames, with `quiet: false`).
   */
  bench.quiet = (frames = 5, gapMs = 34, maxFrames = 600) =>
    new Promise((resolve) => {
      let last;
      let calm = 0;
      let seen = 0;
      let tasks = bench.longTasks.length;
      const tick = (now) => {
        seen++;
        const steady = last !== undefined && now - last < gapMs && bench.longTasks.length === tasks;
        last = now;
        tasks = bench.longTasks.length;
        calm = steady ? calm + 1 : 0;
        if (calm >= frames || seen >= maxFrames) resolve({ at: performance.now(), quiet: calm >= frames });
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });

  /** The editor's CodeMirror view, reached from its content element as EditorView.findFromDOM does. */
  bench.editorView = () => {
    const content = document.querySelector(".cm-content");
    const tile = content && (content.cmTile || content.cmView);
    const view = tile && (tile.root ? tile.root.view : tile.view);
    if (!view) throw new Error("[bench] no CodeMirror view found on .cm-content");
    return view;
  };

  /** Puts the cursor on a 1-based line (at `column`, 0-based, or at its end), scrolled into view, and focuses the editor; answers the line's text. */
  bench.placeCursor = (line, column) => {
    const view = bench.editorView();
    const l = view.state.doc.line(line);
    const at = column === undefined || column === null ? l.to : l.from + column;
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
    return view.state.doc.sliceString(l.from, l.to);
  };

  /** The findings section's text. */
  bench.findingsText = () => document.querySelector('section[aria-labelledby="findings-title"]')?.textContent ?? "";
  bench.findingsSummary = () => document.getElementById("findings-summary")?.textContent ?? "";

  /** Notes the time `needle` first appears in the findings list (a MutationObserver on it). */
  bench.watchFinding = (needle) => {
    const section = document.querySelector('section[aria-labelledby="findings-title"]');
    if (!section) throw new Error("[bench] no findings section");
    const finding = { needle, at: undefined };
    bench.finding = finding;
    const watch = new MutationObserver(() => {
      if (finding.at === undefined && section.textContent.includes(needle)) {
        finding.at = performance.now();
        watch.disconnect();
      }
    });
    watch.observe(section, { subtree: true, childList: true, characterData: true });
  };
})();
