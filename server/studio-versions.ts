/**
 * The text of a version published from the studio. A version is stored as the checked scenario
 * (by its hash), not as the draft's text, so its text is the scenario file the library writes
 * for it: the same layout for every version, which is what makes two versions comparable line
 * by line. The draft's comments are not part of a version, nor the order its nodes were written
 * in (a version is stored with its keys sorted): nodes are written in reading order instead.
 */
import type { PublishedVersion } from "../contracts/studio-answers";
import { scenarioToYaml } from "../scenarios/serialize-scenario";
import type { Scenario, ScenarioNode } from "../scenarios/types";
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

const nextOf = (node: ScenarioNode): string[] =>
  node.type === "turn" ? node.choices.map((c) => c.next) : node.type === "branch" ? node.branch.map((r) => r.next) : [];

/**
 * The scenario laid out for reading, whatever order its keys were stored in: the meters as the
 * format lists them, and the nodes in reading order (the start, then each node in the order the
 * conversation first leads to it, choices and branches in their order, then any node nothing
 * leads to, by id).
 */
export function inReadingOrder(scenario: Scenario): Scenario {
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = [scenario.start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const node = scenario.nodes[id];
    if (seen.has(id) || !node) continue;
    seen.add(id);
    order.push(id);
    queue.push(...nextOf(node));
  }
  order.push(...Object.keys(scenario.nodes).filter((id) => !seen.has(id)).sort());
  return {
    ...scenario,
    // The meters as the format lists them, not as a stored version's sorted keys have them.
    meters: { rapport: scenario.meters.rapport, mutuality: scenario.meters.mutuality },
    nodes: Object.fromEntries(order.map((id) => [id, scenario.nodes[id]!])),
  };
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
  const ordered = inReadingOrder(scenario);
  return { version, scenario: ordered, text: scenarioToYaml(ordered) };
}
