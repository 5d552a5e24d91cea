"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { MEMBERSHIP_LABELS } from "../../contracts/enum-labels";
import { MEMBERSHIPS, type Membership, type Role } from "../../contracts/enums";
import { requestJson } from "../api/request-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Notice } from "../ui/notice";

/** Someone who may be added to a cohort: an account that is not in it yet. */
export interface Candidate {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

/** Whether the roles let a person belong to a cohort in that way. */
const fits = (roles: readonly Role[], membership: Membership) =>
  membership === "trainee" ? roles.includes("trainee") : roles.includes("supervisor") || roles.includes("trainer");

/** Adds someone to the cohort: how they belong is chosen first, then among the accounts whose roles fit it. */
export function AddMemberForm({ cohortId, candidates }: { cohortId: string; candidates: Candidate[] }) {
  const router = useRouter();
  const [membership, setMembership] = useState<Membership>("trainee");
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const fitting = candidates.filter((c) => fits(c.roles, membership));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const userId = String(new FormData(e.currentTarget).get("userId") ?? "");
    if (!userId) return;
    setBusy(true);
    setResult(undefined);
    const r = await requestJson(`/api/admin/cohorts/${cohortId}/members`, "doneAnswerSchema", { body: { userId, membership } });
    setBusy(false);
    const who = candidates.find((c) => c.id === userId)?.name ?? "They";
    if (r.ok) {
      setResult({ ok: true, text: `${who} is added as ${MEMBERSHIP_LABELS[membership].toLowerCase()}.` });
      router.refresh();
    } else {
      setResult({ ok: false, text: r.status === null ? "The server cannot be reached. Try again." : `Not added: ${r.error}.` });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Add a member">
      <fieldset>
        <legend className="mb-1">Add as</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {MEMBERSHIPS.map((m) => (
            <label key={m} className="flex items-center gap-2">
              <input type="radio" name="membership" value={m} checked={membership === m} onChange={() => setMembership(m)} />
              {MEMBERSHIP_LABELS[m]}
            </label>
          ))}
        </div>
      </fieldset>
      {fitting.length === 0 ? (
        <p className="text-sm text-stone-700">
          {membership === "trainee"
            ? "Every account with the trainee role is in this cohort already (or there is none)."
            : "Every supervisor and trainer is in this cohort already (or there is none)."}{" "}
          Give someone the role on their account page first.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <Field label="Person" className="min-w-0 flex-1 sm:max-w-sm">
            <select name="userId" key={membership} className="w-full">
              {fitting.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? "Adding…" : "Add"}
          </Button>
        </div>
      )}
      {result && (
        <Notice tone={result.ok ? "info" : "error"} role={result.ok ? "status" : "alert"}>
          {result.text}
        </Notice>
      )}
    </form>
  );
}

/** Takes someone out of the cohort. */
export function RemoveMemberButton({ cohortId, userId, name }: { cohortId: string; userId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    const r = await requestJson(`/api/admin/cohorts/${cohortId}/members/${userId}`, "doneAnswerSchema", { method: "DELETE" });
    setBusy(false);
    if (r.ok) router.refresh();
    else setError(r.status === null ? "The server cannot be reached." : `Not removed: ${r.error}.`);
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void remove()} disabled={busy} aria-label={`Remove ${name} from the cohort`}>
        Remove
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
