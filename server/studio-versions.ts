/**
 * The text of a version published from the studio. A version is stored as the checked scenario
 * (by its hash), not as the draft's text, so its text is the scenario file the library writes
 * for it: the same layout for every version, which is what makes two versions comparable line
 * by line. The draft's comments are not part of a version.
 */
import type { PublishedVersion } from "../contracts/studio-answers";
import { scenarioToYaml } from "../scenarios/serialize-scenario";
import type { Scenario } from "../scenarios/types";
import type { Account } from "./accounts";
import { ServiceError } from "./service-error";
import type { Store } from "./store";
import { requireAuthor, versionHistory } from "./studio";

export interface VersionText {
  version: PublishedVersion;
  scenario: Scenario;
  /** The scenario as YAML file text. */
  text: string;
}

/** One published version of `scenarioId` with its text; 404 when the id has no such version. */
export async function publishedVersionText(store: Store, account: Account, scenarioId: string, hash: string): Promise<VersionText> {
  requireAuthor(account);
  const { db } = await store.database();
  const version = (await versionHistory(db, account, scenarioId)).find((v) => v.hash === hash);
  if (!version) throw new ServiceError(404, `no published version ${hash.slice(0, 12)} of scenario "${scenarioId}"`);
  const scenario = await store.getScenarioVersion(hash);
  // Recorded as published but not stored (or stored under another id): nothing to show for it.
  if (!scenario || scenario.id !== scenarioId) {
    throw new ServiceError(404, `the published version ${hash.slice(0, 12)} of scenario "${scenarioId}" is missing from the database`);
  }
  return { version, scenario, text: scenarioToYaml(scenario) };
}
