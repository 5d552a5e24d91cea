import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { BrokenScenarios } from "../../../components/library/broken-scenarios";
import { INTRO_SEEN_COOKIE, readSavedHint, savedHintCookie } from "../../../components/play/browser-hints";
import { PlaySession } from "../../../components/play/play-session";
import { ButtonLink } from "../../../components/ui/button";
import type { SavedSession } from "../../../contracts/browser-storage";
import type { Account } from "../../../server/accounts";
import { rationaleNodesFor } from "../../../server/cohorts";
import { getStore } from "../../../server/open-store";
import { mayAuthor } from "../../../server/access";
import { accountForPage } from "../../../server/page-account";
import { unavailableReason } from "../../../server/store-errors";
import { findScenario } from "../../../server/scenario-library";
import { expectedSession } from "../../../server/session-service";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await findScenario((await params).id);
  return { title: entry?.ok ? entry.scenario.title : "Scenario" };
}

/**
 * The turns the account's assignments ask for a note on. Asking is a courtesy: when the database
 * cannot be used right now, play goes on without it (starting the session says why it cannot).
 */
async function assignedRationaleNodes(account: Account, scenarioId: string): Promise<string[]> {
  try {
    return await rationaleNodesFor((await (await getStore()).database()).db, account, scenarioId);
  } catch (e) {
    if (unavailableReason(e) === undefined) throw e;
    return [];
  }
}

/**
 * The session this browser says it keeps, as the server has it, to draw first. Also a courtesy:
 * when the database cannot be used right now, the page opens on "Loading your session…" instead.
 */
async function expectedFromServer(account: Account, scenarioId: string, hash: string, id: string): Promise<SavedSession | undefined> {
  try {
    return await expectedSession(await getStore(), account, scenarioId, hash, id);
  } catch (e) {
    if (unavailableReason(e) === undefined) throw e;
    return undefined;
  }
}

export default async function PlayPage({ params }: Props) {
  const { id } = await params;
  const account = await accountForPage(`/play/${encodeURIComponent(id)}`);
  const entry = await findScenario(id);
  if (!entry) notFound();
  if (!entry.ok) {
    // Its problems (with the file's place on the server) are for those who can fix them, as in the library.
    if (!mayAuthor(account)) {
      return (
        <div className="space-y-3">
          <h1 className="text-2xl font-semibold">This scenario cannot be played right now</h1>
          <p>It is being worked on. The other scenarios in the library are ready to play.</p>
          <ButtonLink variant="quiet" href="/">
            Back to the library
          </ButtonLink>
        </div>
      );
    }
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{entry.id} cannot be played</h1>
        <p>The scenario has problems that must be fixed first; trainees are told only that it cannot be played right now.</p>
        <BrokenScenarios entries={[entry]} />
        <ButtonLink variant="quiet" href="/">
          Back to the library
        </ButtonLink>
      </div>
    );
  }
  // What the browser will show, so the first paint is that (see components/play/browser-hints.ts).
  const jar = await cookies();
  const hint = readSavedHint(jar.get(savedHintCookie(entry.id))?.value, account.id);
  const expected = hint.serverId === undefined ? undefined : await expectedFromServer(account, entry.id, entry.hash, hint.serverId);
  return (
    <PlaySession
      scenario={entry.scenario}
      hash={entry.hash}
      participant={account.name}
      owner={account.id}
      askRationaleOn={await assignedRationaleNodes(account, entry.id)}
      longest={entry.longestTurns}
      {...(entry.reachableEndings && { reachableEndings: entry.reachableEndings })}
      savedHint={hint.kept}
      {...(expected && { expected })}
      introSeen={jar.has(INTRO_SEEN_COOKIE)}
    />
  );
}
