import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Unavailable } from "../../../../components/admin/unavailable";
import { DraftEditor } from "../../../../components/studio/draft-editor";
import { DraftHeaderLinks } from "../../../../components/studio/draft-header-links";
import { ButtonLink } from "../../../../components/ui/button";
import { DRAFT_ID } from "../../../../contracts/studio-requests";
import { getStore } from "../../../../server/open-store";
import { ServiceError } from "../../../../server/service-error";
import { getDraft } from "../../../../server/studio";
import { authorForPage } from "../../../../server/studio-page";
import { unavailableReason } from "../../../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Draft" };

/** One draft in the editor; a draft that does not exist is not found. */
export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const account = await authorForPage(`/studio/drafts/${id}`);
  if (!DRAFT_ID.test(id)) notFound();
  let draft;
  try {
    const { db } = await (await getStore()).database();
    draft = await getDraft(db, account, id);
  } catch (e) {
    if (e instanceof ServiceError && e.status === 404) notFound();
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return <Unavailable reason={unavailable} />;
  }
  return (
    <div className="space-y-4">
      <ButtonLink variant="quiet" href="/studio">
        ← Studio
      </ButtonLink>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div>
          <h1 className="text-2xl font-semibold">Draft of {draft.scenarioId}</h1>
          <p className="mt-1 text-sm text-stone-700">
            Saved as you type. Findings update as you type; select one to go to its place in the text.
          </p>
        </div>
        <DraftHeaderLinks draftId={draft.id} scenarioId={draft.scenarioId} />
      </div>
      <DraftEditor draft={draft} />
    </div>
  );
}
