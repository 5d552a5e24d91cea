/**
 * Lays out a scenario graph with elkjs off the main thread. The page sends `LayoutRequest`s and
 * gets `LayoutReply`s back (see use-elk-layout.ts).
 *
 * elk.bundled.js, evaluated in a worker, also claims `self.onmessage` for elkjs's own protocol
 * (messages with a `cmd`); this worker listens with `addEventListener` and its messages carry no
 * `cmd`, so that handler ignores them. elkjs is compiled Java and needs no `eval`.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { LARGE_LAYOUT_OPTIONS, LAYOUT_OPTIONS, NODE_SIZE, type GraphNodeType } from "./layout-options";
import type { LayoutReply, LayoutRequest, WarmUpRequest } from "./layout-messages";

const elk = new ELK();

/**
 * A graph shaped like a scenario's: `nodes` turns, branches and endings, each leading on to up to
 * three, with a way back from every third (`loops`); laid out with the options a large scenario
 * gets when `large`.
 */
function practiceGraph(nodes: number, { large, loops }: { large: boolean; loops: boolean }): ElkNode {
  const type = (i: number): GraphNodeType => (i % 7 === 6 ? "ending" : i % 5 === 4 ? "branch" : "turn");
  const children = Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, ...NODE_SIZE[type(i)] }));
  const edges = children.slice(1).flatMap((_, i) => [
    { id: `a${i}`, sources: [`n${Math.floor(i / 3)}`], targets: [`n${i + 1}`] },
    ...(loops && i % 3 === 0 ? [{ id: `b${i}`, sources: [`n${i + 1}`], targets: [`n${Math.floor(i / 5)}`] }] : []),
  ]);
  return { id: "warm-up", layoutOptions: { ...LAYOUT_OPTIONS, ...(large && LARGE_LAYOUT_OPTIONS) }, children, edges };
}

/**
 * elkjs is compiled Java, and its first layouts run its code cold: on a thousand nodes the first
 * layout takes about twice as long as one after a few others. A small layout as soon as the worker
 * starts (often while the page is still checking the text) warms it up for the graphs most
 * scenarios make. When the page says the graph to come is large, layouts of a mid-sized graph with
 * a large graph's options follow, one task each, until the page's request arrives: the page's
 * first check of a large scenario takes seconds, in which this worker would otherwise wait.
 * A request waits behind the warm-up layout under way, never behind those not yet begun.
 */
const LARGE_WARM_UPS = 8;
const LARGE_WARM_UP_NODES = 100;

let requested = false;
const quietly = (graph: ElkNode) => elk.layout(graph).catch(() => undefined);
let warm: Promise<unknown> = quietly(practiceGraph(40, { large: false, loops: true }));

async function warmUpForLarge(): Promise<void> {
  for (let i = 0; i < LARGE_WARM_UPS; i++) {
    // Its own task: a request posted meanwhile is taken in first, and ends the warm-up.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (requested) return;
    await quietly(practiceGraph(LARGE_WARM_UP_NODES, { large: true, loops: false }));
  }
}

const scope = self as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<LayoutRequest | WarmUpRequest>) => void): void;
  postMessage(message: LayoutReply): void;
};

scope.addEventListener("message", (event) => {
  const message = event.data;
  if ("warmUp" in message) {
    if (!requested) warm = warm.then(warmUpForLarge);
    return;
  }
  requested = true;
  const { requestId, graph } = message;
  warm
    .then(async () => {
      const started = performance.now();
      const layout = await elk.layout(graph);
      scope.postMessage({ requestId, layout, ms: performance.now() - started });
    })
    .catch((error: unknown) => scope.postMessage({ requestId, error: error instanceof Error ? error.message : String(error) }));
});
