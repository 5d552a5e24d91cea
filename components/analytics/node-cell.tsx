import type { Scenario } from "../../scenarios/types";
import { nodeLine } from "./node-names";

/** A node as a table cell names it: its id, and a line of what the counterpart says there. */
export function NodeName({ scenario, nodeId, notDrawn }: { scenario: Scenario; nodeId: string; notDrawn?: boolean }) {
  const line = nodeLine(scenario, nodeId);
  return (
    <>
      <span className="font-mono text-xs break-all">{nodeId}</span>
      {line && <span className="block text-stone-700">“{line}”</span>}
      {notDrawn && <span className="block text-stone-600">(not in the version shown)</span>}
    </>
  );
}
