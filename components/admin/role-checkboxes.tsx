import { ROLE_LABELS } from "../../contracts/enum-labels";
import { ROLES, type Role } from "../../contracts/enums";

/** What each role may do, in a few words, beside its checkbox. */
const ROLE_HINTS: Record<Role, string> = {
  trainee: "plays scenarios",
  supervisor: "reviews the sessions of their cohorts' trainees and assigns them scenarios",
  trainer: "the same as a supervisor, for the cohorts they train",
  admin: "manages accounts and cohorts, reads every session",
};

/** The four roles as checkboxes named `role`, in a fieldset with its legend; `errorId` names the error for screen readers. */
export function RoleCheckboxes({ legend, checked, error, errorId }: { legend: string; checked?: readonly Role[]; error?: string; errorId: string }) {
  return (
    <fieldset className="space-y-1" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1">{legend}</legend>
      {ROLES.map((role) => (
        <label key={role} className="flex items-start gap-2">
          <input type="checkbox" name="role" value={role} defaultChecked={checked?.includes(role)} className="mt-1.5" />
          <span>
            {ROLE_LABELS[role]} <span className="text-sm text-stone-600">({ROLE_HINTS[role]})</span>
          </span>
        </label>
      ))}
      {error && (
        <p id={errorId} className="text-sm text-red-800">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The roles checked in a form with RoleCheckboxes. */
export function checkedRoles(form: FormData): Role[] {
  const picked = new Set(form.getAll("role").map(String));
  return ROLES.filter((r) => picked.has(r));
}
