import type { Meters } from "../../scenarios/types";
import { Meter } from "../ui/meter";

/** Rapport and mutuality as meters a screen reader announces, with bars for the eye. */
export function MeterBars({ meters }: { meters: Meters }) {
  return (
    <div className="grid grid-cols-2 gap-3" aria-label="Meters" role="group">
      <Meter label="Rapport" value={meters.rapport} tone="brand" />
      <Meter label="Mutuality" value={meters.mutuality} tone="indigo" />
    </div>
  );
}
