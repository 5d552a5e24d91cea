/** What the meters and the modes mean, in one line each, wherever the play page explains them. */
import type { MeterName } from "../../scenarios/types";

/** One line on what a meter measures; about `name` when given, about "the person" otherwise. */
export function meterMeaning(meter: MeterName, name?: string): string {
  return meter === "rapport"
    ? `How much ${name ?? "the person"} trusts you and feels heard by you.`
    : "How much the relationship is two-way, with power shared between you.";
}

export const METER_LABELS: Record<MeterName, string> = { rapport: "Rapport", mutuality: "Mutuality" };

/** Both meters run from 0 to 100 and stop there. */
export const METER_MIN = 0;
export const METER_MAX = 100;
