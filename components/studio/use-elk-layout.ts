"use client";
/** Lays out an elkjs graph in a Web Worker, the newest request winning; the main thread never runs elkjs. */
import type { ElkNode } from "elkjs/lib/elk-api";
import { useEffect, useRef, useState } from "react";
import type { LayoutReply, LayoutRequest, WarmUpRequest } from "./layout-messages";

export type LayoutState =
  | { status: "laying-out"; layout?: undefined }
  | { status: "done"; layout: ElkNode; ms: number }
  | { status: "failed"; error: string; layout?: undefined };

const newLayoutWorker = () => new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "scenario-layout" });

/** A worker started ahead of the graph that will use it (see prepareLayoutWorker). */
let spare: Worker | null = null;

/**
 * Starts the layout worker before there is a graph to lay out: its script loads and elkjs warms up
 * (the worker lays out a small graph when it starts, and larger ones until the first request when
 * `large` says the graph to come is large) while the page does other work, such as the first check
 * of the text, so the first real layout does not pay for either. The next graph on the page takes it.
 */
export function prepareLayoutWorker({ large = false }: { large?: boolean } = {}): void {
  if (spare !== null || typeof Worker === "undefined") return;
  spare = newLayoutWorker();
  if (large) spare.postMessage({ warmUp: "large" } satisfies WarmUpRequest);
}

/** The layout of `graph` once the worker has made it; `graph` should keep its identity between renders (memoise it). */
export function useElkLayout(graph: ElkNode): LayoutState {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<LayoutState>({ status: "laying-out" });

  useEffect(() => {
    if (typeof Worker === "undefined") {
      setState({ status: "failed", error: "this browser cannot run the layout in the background" });
      return;
    }
    const w = spare ?? newLayoutWorker();
    spare = null;
    w.addEventListener("message", (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      if (reply.requestId !== latest.current) return;
      setState(reply.error === undefined ? { status: "done", layout: reply.layout, ms: reply.ms } : { status: "failed", error: reply.error });
    });
    w.addEventListener("error", (event) => {
      setState({ status: "failed", error: event.message || "the layout worker stopped" });
    });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    const w = worker.current;
    if (!w) return;
    const request: LayoutRequest = { requestId: ++latest.current, graph };
    setState((s) => (s.status === "done" ? s : { status: "laying-out" }));
    w.postMessage(request);
  }, [graph]);

  return state;
}
