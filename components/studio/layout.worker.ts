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

const scope = self as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutReply): void;
};

scope.addEventListener("message", (event) => {
  const { requestId, graph } = event.data;
  const started = performance.now();
  elk.layout(graph).then(
    (layout) => scope.postMessage({ requestId, layout, ms: performance.now() - started }),
    (error: unknown) => scope.postMessage({ requestId, error: error instanceof Error ? error.message : String(error) }),
  );
});
