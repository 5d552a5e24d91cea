/**
 * Lays out a scenario graph off the main thread: with elkjs's layered algorithm, or a large
 * graph as a tidy tree (tree-layout.ts). The page sends `LayoutRequest`s and gets `LayoutReply`s
 * back (see use-graph-layout.ts).
 *
 * elk.bundled.js, evaluated in a worker, also claims `self.onmessage` for elkjs's own protocol
 * (messages with a `cmd`); this worker listens with `addEventListener` and its messages carry no
 * `cmd`, so that handler ignores them. elkjs is compiled Java and needs no `eval`.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { LAYOUT_OPTIONS, NODE_SIZE, type GraphNodeType } from "./layout-options";
import type { LayoutReply, LayoutRequest } from "./layout-messages";
import { tidyTreeLayout } from "./tree-layout";

const elk = new ELK();

/** A graph shaped like a small scenario's: turns, branches and endings, each leading on to up to three, with a way back from every third. */
function practiceGraph(nodes: number): ElkNode {
  const type = (i: number): GraphNodeType => (i % 7 === 6 ? "ending" : i % 5 === 4 ? "branch" : "turn");
  const children = Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, ...NODE_SIZE[type(i)] }));
  const edges = children.slice(1).flatMap((_, i) => [
    { id: `a${i}`, sources: [`n${Math.floor(i / 3)}`], targets: [`n${i + 1}`] },
    ...(i % 3 === 0 ? [{ id: `b${i}`, sources: [`n${i + 1}`], targets: [`n${Math.floor(i / 5)}`] }] : []),
  ]);
  return { id: "warm-up", layoutOptions: { ...LAYOUT_OPTIONS }, children, edges };
}

/**
 * elkjs is compiled Java, and its first layouts run its code cold. A small layout as soon as the
 * worker starts (often while the page is still checking the text) warms it up for the graphs most
 * scenarios make; a request waits for it to end.
 */
const warm: Promise<unknown> = elk.layout(practiceGraph(40)).catch(() => undefined);

const scope = self as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutReply): void;
};

scope.addEventListener("message", (event) => {
  const { requestId, graph, method } = event.data;
  const reply = (layOut: () => Promise<ElkNode> | ElkNode) =>
    Promise.resolve()
      .then(async () => {
        const started = performance.now();
        const layout = await layOut();
        scope.postMessage({ requestId, layout, ms: performance.now() - started });
      })
      .catch((error: unknown) => scope.postMessage({ requestId, error: error instanceof Error ? error.message : String(error) }));
  // A tree needs no elkjs, warm or not.
  if (method === "tree") void reply(() => tidyTreeLayout(graph));
  else void warm.then(() => reply(() => elk.layout(graph)));
});
