/**
 * Lays out a scenario graph with elkjs off the main thread. The page sends `LayoutRequest`s and
 * gets `LayoutReply`s back (see use-elk-layout.ts).
 *
 * elk.bundled.js, evaluated in a worker, also claims `self.onmessage` for elkjs's own protocol
 * (messages with a `cmd`); this worker listens with `addEventListener` and its messages carry no
 * `cmd`, so that handler ignores them. elkjs is compiled Java and needs no `eval`.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { LayoutReply, LayoutRequest } from "./layout-messages";

const elk = new ELK();

/**
 * elkjs is compiled Java, and its first layouts run its code cold: on a thousand nodes the first
 * layout takes about twice as long as the next. A small layout as soon as the worker starts (often
 * while the page is still checking the text) warms it up; requests wait behind it.
 */
function warmUp(): Promise<unknown> {
  const children = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, width: 180, height: 80 }));
  const edges = children.slice(1).flatMap((_, i) => [
    { id: `a${i}`, sources: [`n${Math.floor(i / 2)}`], targets: [`n${i + 1}`] },
    { id: `b${i}`, sources: [`n${i + 1}`], targets: [`n${Math.floor(i / 3)}`] },
  ]);
  return elk.layout({ id: "warm-up", layoutOptions: { "elk.algorithm": "layered", "elk.direction": "DOWN" }, children, edges }).catch(() => undefined);
}
const warm = warmUp();

const scope = self as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutReply): void;
};

scope.addEventListener("message", (event) => {
  const { requestId, graph } = event.data;
  warm
    .then(async () => {
      const started = performance.now();
      const layout = await elk.layout(graph);
      scope.postMessage({ requestId, layout, ms: performance.now() - started });
    })
    .catch((error: unknown) => scope.postMessage({ requestId, error: error instanceof Error ? error.message : String(error) }));
});
