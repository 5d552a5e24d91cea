import type { PublishedVersion } from "../../contracts/studio-answers";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { shortHash, studioTime } from "./version-names";

const optionLabel = (v: PublishedVersion) => `${shortHash(v.hash)} · ${v.title} · ${studioTime(v.publishedAt)}${v.current ? " (current)" : ""}`;

/**
 * Picks the two versions to compare: "from" and "to", any two of the scenario's versions. A plain
 * form (GET, the choice in the address), so a comparison can be linked to and works without scripts.
 */
export function CompareVersionsForm({ action, versions, from, to }: { action: string; versions: PublishedVersion[]; from: string; to: string }) {
  const select = (name: string, value: string) => (
    <select name={name} defaultValue={value} className="w-full font-mono">
      {versions.map((v) => (
        <option key={v.hash} value={v.hash}>
          {optionLabel(v)}
        </option>
      ))}
    </select>
  );
  return (
    <form method="get" action={action} aria-label="Versions to compare" className="flex flex-col gap-2 rounded border border-stone-200 bg-white p-3 sm:flex-row sm:items-end">
      <Field label="From" size="sm" className="min-w-0 flex-1">
        {select("from", from)}
      </Field>
      <Field label="To" size="sm" className="min-w-0 flex-1">
        {select("to", to)}
      </Field>
      <Button type="submit" variant="primary" size="sm" className="self-start sm:self-auto">
        Compare
      </Button>
    </form>
  );
}
