/** What the page and the layout worker (layout.worker.ts) send each other. */
import type { ElkNode } from "elkjs/lib/elk-api";
import type { LayoutMethod } from "./layout-options";

/** A graph to lay out, and how (see layoutMethodOf in graph-model.ts). */
export interface LayoutInput {
  graph: ElkNode;
  method: LayoutMethod;
}

export interface LayoutRequest extends LayoutInput {
  /** Increases with every request, so a reply to an older one is recognised and dropped. */
  requestId: number;
}

export type LayoutReply =
  | { requestId: number; layout: ElkNode; /** Time the layout took in the worker. */ ms: number; error?: undefined }
  | { requestId: number; error: string; layout?: undefined };
