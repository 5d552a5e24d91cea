import type { SaveState } from "../../machines/play-lifecycle";
import { Notice } from "../ui/notice";

/** Whether the server has everything, announced politely to screen readers. */
export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.state === "saved"
      ? "All changes saved"
      : state.state === "saving"
        ? "Saving…"
        : state.state === "offline"
          ? `Offline: ${state.waiting} ${state.waiting === 1 ? "change is" : "changes are"} kept in this browser and will be sent when the connection returns`
          : `The server did not accept a change: ${state.message}`;
  const tone = state.state === "offline" ? "warning" : state.state === "refused" ? "error" : "plain";
  return (
    <Notice tone={tone} role="status" className="mb-3" data-save-state={state.state}>
      {text}
    </Notice>
  );
}
