/**
 * The library's marks on each card: where the signed-in account stands with each scenario from
 * its own sessions, read in one query for the whole page.
 */
import type { Kysely } from "kysely";
import type { Mode } from "../contracts/enums";
import type { Database } from "./db/database";

/** Where an account stands with one scenario. */
export interface ScenarioProgress {
  /** Its latest unfinished session, to continue; null when none is under way. */
  inProgress: { sessionId: string; mode: Mode } | null;
  /** How many of its sessions of the scenario reached an ending. */
  completed: number;
}

/**
 * The account's own sessions, by scenario id: the latest one under way and how many were
 * completed. Abandoned sessions count for nothing. A scenario the account never played is absent.
 */
export async function libraryProgress(db: Kysely<Database>, userId: string): Promise<Map<string, ScenarioProgress>> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "scenario_id", "mode", "status", "started_at"])
    .where("user_id", "=", userId)
    .where("status", "in", ["active", "completed"])
    .orderBy("started_at")
    .orderBy("id")
    .execute();
  const out = new Map<string, ScenarioProgress>();
  for (const r of rows) {
    let p = out.get(r.scenario_id);
    if (!p) out.set(r.scenario_id, (p = { inProgress: null, completed: 0 }));
    // Oldest first, so the last session under way is the one kept.
    if (r.status === "active") p.inProgress = { sessionId: r.id, mode: r.mode as Mode };
    else p.completed += 1;
  }
  return out;
}
