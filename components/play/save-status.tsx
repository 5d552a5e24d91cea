import type { SaveState } from "../../machines/play-lifecycle";

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
  const style =
    state.state === "offline" ? "border-amber-300 bg-amber-50" : state.state === "refused" ? "border-red-300 bg-red-50" : "border-stone-200 bg-white";
  return (
    <p role="status" className={`mb-3 rounded border px-3 py-1.5 text-sm ${style}`} data-save-state={state.state}>
      {text}
    </p>
  );
}
