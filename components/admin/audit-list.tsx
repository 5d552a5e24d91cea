import { ButtonLink } from "../ui/button";
import { AUDIT_ACTION_LABELS } from "../../contracts/enum-labels";
import { auditDetailWords, auditTime, type AuditEntryView } from "./audit-words";

/** A party of an entry: a link to the account while it exists, its name as recorded otherwise. */
function Party({ party, linked }: { party: AuditEntryView["actor"]; linked: ReadonlySet<string> }) {
  if (!party) return null;
  if (party.id && linked.has(party.id)) return <ButtonLink variant="quiet" href={`/admin/people/${party.id}`}>{party.name}</ButtonLink>;
  return <span>{party.name}</span>;
}

/**
 * Audit entries, newest first: when, what, who did it and to whom, and the detail in words.
 * `linked` holds the ids of accounts that still exist (their names link to their page).
 */
export function AuditList({
  entries,
  linked,
  names,
}: {
  entries: AuditEntryView[];
  linked: ReadonlySet<string>;
  names: Parameters<typeof auditDetailWords>[1];
}) {
  return (
    <ol className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
      {entries.map((e) => {
        const detail = auditDetailWords(e, names);
        const self = e.actor && e.subject && e.actor.id === e.subject.id;
        return (
          <li key={e.id} className="space-y-0.5 px-3 py-2 text-sm">
            <div className="flex flex-wrap gap-x-3">
              <time dateTime={e.at} className="text-stone-600 tabular-nums">
                {auditTime(e.at)}
              </time>
              <span className="font-medium">{AUDIT_ACTION_LABELS[e.action]}</span>
            </div>
            <p>
              {e.actor && (
                <>
                  By <Party party={e.actor} linked={linked} />
                  {self && " (their own account)"}
                </>
              )}
              {e.subject && !self && (
                <>
                  {e.actor ? " · about " : "About "}
                  <Party party={e.subject} linked={linked} />
                </>
              )}
            </p>
            {detail && <p className="text-stone-700 break-words">{detail}</p>}
          </li>
        );
      })}
    </ol>
  );
}
