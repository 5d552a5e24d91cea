/** What the page and the layout worker (layout.worker.ts) send each other. */
import type { ElkNode } from "elkjs/lib/elk-api";

/**
 * Sent once, before any request, when the graph to come is large: the worker then warms elkjs
 * up on larger graphs until the request comes (see layout.worker.ts).
 */
export interface WarmUpRequest {
  warmUp: "large";
}

export interface LayoutRequest {
  /** Increases with every request, so a reply to an older one is recognised and dropped. */
  requestId: number;
  graph: ElkNode;
}

export type LayoutReply =
  | { requestId: number; layout: ElkNode; /** Time elkjs took in the worker. */ ms: number; error?: undefined }
  | { requestId: number; error: string; layout?: undefined };
