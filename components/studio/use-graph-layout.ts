"use client";
/** Lays out a graph in a Web Worker (elkjs, or a tidy tree for a large one), the newest request winning; the main thread never runs the layout. */
import type { ElkNode } from "elkjs/lib/elk-api";
import { useEffect, useRef, useState } from "react";
import type { LayoutInput, LayoutReply, LayoutRequest } from "./layout-messages";

export type LayoutState =
  | { status: "laying-out"; layout?: undefined }
  | { status: "done"; layout: ElkNode; ms: number }
  | { status: "failed"; error: string; layout?: undefined };

const newLayoutWorker = () => new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "scenario-layout" });

/** A worker started ahead of the graph that will use it (see prepareLayoutWorker). */
let spare: Worker | null = null;

/**
 * Starts the layout worker before there is a graph to lay out: its script loads and elkjs warms up
 * (the worker lays out a small graph when it starts) while the page does other work, such as the
 * first check of the text, so the first real layout does not pay for either. The next graph on
 * the page takes it.
 */
export function prepareLayoutWorker(): void {
  if (spare !== null || typeof Worker === "undefined") return;
  spare = newLayoutWorker();
}

/** The layout of `input` once the worker has made it; `input` should keep its identity between renders (memoise it). */
export function useGraphLayout(input: LayoutInput): LayoutState {
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
    const request: LayoutRequest = { requestId: ++latest.current, ...input };
    // A drawn layout stays until the new one comes; the state object is kept (no render) unless a failure is shown.
    setState((s) => (s.status === "failed" ? { status: "laying-out" } : s));
    w.postMessage(request);
  }, [input]);

  return state;
}
