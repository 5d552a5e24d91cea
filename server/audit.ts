/**
 * The audit log: who signed in, who made, changed, deactivated, exported or erased an account,
 * and who changed a cohort or its assignments. Administrators read it at /admin/audit. An entry
 * names its actor and subject by id and by the name they had then; erasing an account removes its
 * name (and email) from the entries about it, keeping only that the event happened.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditAction } from "../contracts/enums";
import type { Database } from "./db/database";

/** Who did something, or whom it was done to. */
export interface AuditParty {
  id: string;
  name: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actor: AuditParty | null;
  subject: AuditParty | null;
  /** What changed, as the action records it (roles, cohort, mode…). */
  detail: Record<string, unknown> | null;
}

let last = 0;
/** Now, strictly increasing within the process, so entries written in one request keep their order. */
function now(): string {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}

/** Writes one entry. */
export async function audit(
  db: Kysely<Database>,
  action: AuditAction,
  actor: AuditParty | null,
  subject: AuditParty | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: now(),
      action,
      actor_id: actor?.id ?? null,
      actor_name: actor?.name ?? null,
      subject_id: subject?.id ?? null,
      subject_name: subject?.name ?? null,
      detail: detail === null ? null : JSON.stringify(detail),
    })
    .execute();
}

const party = (id: string | null, name: string | null): AuditParty | null => (id === null && name === null ? null : { id: id ?? "", name: name ?? "" });

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of entries, newest first; only those by or about `personId` when given. */
export async function listAudit(
  db: Kysely<Database>,
  { page = 1, personId }: { page?: number; personId?: string } = {},
): Promise<{ entries: AuditEntry[]; total: number }> {
  let q = db.selectFrom("audit_log");
  if (personId !== undefined) q = q.where((eb) => eb.or([eb("actor_id", "=", personId), eb("subject_id", "=", personId)]));
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(AUDIT_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action as AuditAction,
      actor: party(r.actor_id, r.actor_name),
      subject: party(r.subject_id, r.subject_name),
      detail: parseDetail(r.detail),
    })),
  };
}

/** What an entry's detail may hold that names a person (the email an account was made with). */
const PERSONAL_DETAIL = ["email"];

/**
 * Removes an erased account's name from the entries by or about it, and its email from their
 * details (the ids stay: they name no one once the account is gone).
 */
export async function forgetInAudit(db: Kysely<Database>, personId: string, placeholder: string): Promise<void> {
  await db.updateTable("audit_log").set({ actor_name: placeholder }).where("actor_id", "=", personId).execute();
  await db.updateTable("audit_log").set({ subject_name: placeholder }).where("subject_id", "=", personId).execute();
  const detailed = await db.selectFrom("audit_log").select(["id", "detail"]).where("subject_id", "=", personId).where("detail", "is not", null).execute();
  for (const row of detailed) {
    const detail = parseDetail(row.detail);
    if (!detail || !PERSONAL_DETAIL.some((key) => key in detail)) continue;
    for (const key of PERSONAL_DETAIL) delete detail[key];
    await db.updateTable("audit_log").set({ detail: JSON.stringify(detail) }).where("id", "=", row.id).execute();
  }
}
