import { ButtonLink } from "../ui/button";
import { ExportButtons } from "./export-buttons";

/**
 * For a draft's page header: the version history of its scenario id (published versions, or
 * "not published yet") and downloads of the draft's saved text as YAML or Twee.
 */
export function DraftHeaderLinks({ draftId, scenarioId }: { draftId: string; scenarioId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <ButtonLink variant="quiet" href={`/studio/scenarios/${scenarioId}`} className="text-sm">
        Version history
      </ButtonLink>
      <ExportButtons href={`/api/studio/exports/drafts/${draftId}`} name={`the draft of ${scenarioId}`} />
    </div>
  );
}
