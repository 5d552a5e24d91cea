import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Unavailable } from "../../../../components/admin/unavailable";
import { CompareVersionsForm } from "../../../../components/studio/compare-versions-form";
import { VersionDiff } from "../../../../components/studio/version-diff";
import { VersionList } from "../../../../components/studio/version-list";
import { shortHash, studioTime } from "../../../../components/studio/version-names";
import { ButtonLink } from "../../../../components/ui/button";
import { Notice } from "../../../../components/ui/notice";
import type { DraftSummary, PublishedVersion } from "../../../../contracts/studio-answers";
import { scenarioIdSchema } from "../../../../contracts/studio-requests";
import { getStore } from "../../../../server/open-store";
import { ServiceError } from "../../../../server/service-error";
import { listDrafts, versionHistory } from "../../../../server/studio";
import { authorForPage } from "../../../../server/studio-page";
import { publishedVersionText } from "../../../../server/studio-versions";
import { unavailableReason } from "../../../../server/store-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Version history" };

type Query = { from?: string | string[]; to?: string | string[] };

/**
 * The pair compared unless the address names another: the version before the current one (or,
 * when the current one is the oldest, the newest other) to the current one.
 */
function pair(versions: PublishedVersion[], query: Query): { from: string; to: string; ignored: boolean } {
  const known = (h: string | string[] | undefined) => (typeof h === "string" && versions.some((v) => v.hash === h) ? h : undefined);
  const at = Math.max(versions.findIndex((v) => v.current), 0);
  const to = known(query.to) ?? versions[at]!.hash;
  const older = versions.slice(versions.findIndex((v) => v.hash === to) + 1)[0];
  const from = known(query.from) ?? (older ?? versions.find((v) => v.hash !== to)!).hash;
  const ignored = (query.from !== undefined && !known(query.from)) || (query.to !== undefined && !known(query.to));
  return { from, to, ignored };
}

async function load(id: string, query: Query) {
  const account = await authorForPage(`/studio/scenarios/${id}`);
  if (!scenarioIdSchema.safeParse(id).success) notFound();
  const store = await getStore();
  const { db } = await store.database();
  let versions: PublishedVersion[] = [];
  try {
    versions = await versionHistory(db, account, id);
  } catch (e) {
    if (!(e instanceof ServiceError && e.status === 404)) throw e;
  }
  const drafts: DraftSummary[] = (await listDrafts(db, account)).filter((d) => d.scenarioId === id);
  if (versions.length === 0 && drafts.length === 0) notFound();
  if (versions.length < 2) return { versions, drafts };
  const { from, to, ignored } = pair(versions, query);
  const text = async (hash: string) => {
    try {
      return (await publishedVersionText(store, account, id, hash)).text;
    } catch (e) {
      if (e instanceof ServiceError && e.status === 404) return undefined;
      throw e;
    }
  };
  const [before, after] = await Promise.all([text(from), text(to)]);
  return { versions, drafts, compare: { from, to, ignored, before, after } };
}

/** A scenario published from the studio: every version, any two compared line by line, an older one made current again. */
export default async function VersionHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Query> }) {
  const { id } = await params;
  let page;
  try {
    page = await load(id, await searchParams);
  } catch (e) {
    const unavailable = unavailableReason(e);
    if (unavailable === undefined) throw e;
    return <Unavailable reason={unavailable} />;
  }
  const { versions, drafts, compare } = page;
  const current = versions.find((v) => v.current);
  const name = (hash: string) => {
    const v = versions.find((x) => x.hash === hash)!;
    return `${shortHash(hash)} (${v.title}${v.current ? ", current" : ""})`;
  };
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <ButtonLink variant="quiet" href="/studio">
          ← Studio
        </ButtonLink>
        <h1 className="text-2xl font-semibold">Version history{current ? ` of “${current.title}”` : ""}</h1>
        <p className="text-sm text-stone-700">
          <span className="font-mono">{id}</span> ·{" "}
          {versions.length === 0 ? "not published yet" : `${versions.length} published version${versions.length === 1 ? "" : "s"}`}
          {current && (
            <>
              {" "}
              ·{" "}
              <ButtonLink variant="quiet" href={`/play/${id}`}>
                Play the current version
              </ButtonLink>{" "}
              ·{" "}
              <ButtonLink variant="quiet" href={`/analytics/${id}`}>
                Analytics of every version
              </ButtonLink>
            </>
          )}
        </p>
        {drafts.length > 0 && (
          <p className="text-sm text-stone-700">
            {drafts.length === 1 ? "Draft" : "Drafts"} of this scenario:{" "}
            {drafts.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <ButtonLink variant="quiet" href={`/studio/drafts/${d.id}`}>
                  {d.title ?? d.scenarioId}, changed {studioTime(d.updatedAt)}
                </ButtonLink>
              </span>
            ))}
          </p>
        )}
      </div>

      <section aria-labelledby="versions" className="space-y-3">
        <h2 id="versions" className="text-lg font-semibold">
          Published versions
        </h2>
        {versions.length === 0 ? (
          <Notice tone="plain">Not published yet. Publish the draft from its editor; every version published is listed here.</Notice>
        ) : (
          <>
            <p className="text-sm text-stone-700">
              Newest first. New sessions start on the current version; sessions already started keep the version they started on.
            </p>
            <VersionList scenarioId={id} versions={versions} />
          </>
        )}
      </section>

      {versions.length > 0 && (
        <section aria-labelledby="compare" className="space-y-3">
          <h2 id="compare" className="text-lg font-semibold">
            Compare two versions
          </h2>
          {!compare ? (
            <Notice tone="plain">There is one version so far. Once another is published, the changes between any two can be seen here.</Notice>
          ) : (
            <>
              <p className="text-sm text-stone-700">
                Each version is shown as the scenario file the library keeps for it, so comments written in the draft are not part of it.
              </p>
              <CompareVersionsForm action={`/studio/scenarios/${id}`} versions={versions} from={compare.from} to={compare.to} />
              {compare.ignored && (
                <Notice tone="warning">A version named in the address is not one of this scenario&apos;s versions; the comparison below is of the versions selected above.</Notice>
              )}
              <h3 className="font-medium">
                From {name(compare.from)} to {name(compare.to)}
              </h3>
              {compare.before === undefined || compare.after === undefined ? (
                <Notice tone="error">One of the two versions is missing from the database, so they cannot be compared.</Notice>
              ) : compare.from === compare.to ? (
                <Notice tone="plain">“From” and “to” are the same version; choose two different ones.</Notice>
              ) : (
                <VersionDiff before={compare.before} after={compare.after} label={`Changes from ${name(compare.from)} to ${name(compare.to)}`} />
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
