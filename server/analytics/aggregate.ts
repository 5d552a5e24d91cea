/**
 * A scenario's analytics from session summaries (summary.ts), as pure functions: no storage, no
 * clock, no access rules; the loader (scenario-analytics.ts) decides which sessions count.
 *
 * Sessions on different versions of a scenario are counted together by node id and choice id;
 * texts, kinds and feedback are the drawn version's (else those of the newest version that has
 * the node or choice), and what the drawn version lacks is listed in `coverage`.
 */
import type {
  AbandonStat,
  AnalyticsCounts,
  ChoiceNote,
  ChoiceStat,
  KindStat,
  MeterPoint,
  NodeStat,
  OutcomeStat,
  Pitfall,
  PooledReflections,
  ReflectionMetricsAnswer,
  TimeStat,
  VersionCoverage,
} from "../../contracts/analytics-answers";
import { MAX_PITFALLS, NOTES_PER_PITFALL } from "../../contracts/analytics-answers";
import type { Mode, SessionStatus } from "../../contracts/enums";
import { metricsFromCounts as debriefMetricsFromCounts, MITI_THRESHOLDS } from "../../machines/debrief";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS, type ResponseKindId } from "../../scenarios/kinds";
import { OUTCOMES, type Choice, type Outcome, type Scenario, type ScenarioNode } from "../../scenarios/types";
import type { SessionSummary } from "./summary";

/** A session counted in the analytics: what its row says now, and its summary. */
export interface AnalyticsSession {
  id: string;
  /** The account that played it; null once erased (kept for the statistics) or from before accounts. */
  userId: string | null;
  participant: string;
  mode: Mode;
  status: SessionStatus;
  startedAt: string;
  /** The scenario version it was played (and replayed) on. */
  hash: string;
  summary: SessionSummary;
}

/** The versions the figures are drawn against. */
export interface AggregateVersions {
  /** The version whose graph and texts are shown. */
  drawn: { hash: string; scenario: Scenario };
  /** Every version with counted sessions, newest first (the drawn one among them only if it has some). */
  versions: readonly { hash: string; scenario: Scenario }[];
}

export interface Aggregate {
  counts: AnalyticsCounts;
  nodes: NodeStat[];
  choices: ChoiceStat[];
  pitfalls: Pitfall[];
  outcomes: OutcomeStat[];
  meters: MeterPoint[];
  kinds: KindStat[];
  reflections: PooledReflections;
  times: TimeStat[];
  abandonment: AbandonStat[];
  coverage: Omit<VersionCoverage, "drawnBecause">;
}

/**
 * The p-quantile of sorted numbers, interpolating linearly between the two nearest ranks (the
 * "R-7" rule of spreadsheets and NumPy): the median of 1, 2, 3, 10 is 2.5, its p25 1.75.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

const spread = (values: number[]) => {
  // A typed array sorts numerically without a comparator, several times faster on 10,000 values.
  const sorted = Float64Array.from(values).sort();
  return { median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) };
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Reflection metrics from counts, by the one rule of machines/debrief.ts. */
export function metricsFromCounts(c: { reflections: number; simple: number; complex: number; questions: number }): ReflectionMetricsAnswer {
  return debriefMetricsFromCounts(c);
}

/** The MITI thresholds as the answers carry them. */
export const thresholds = () => ({
  reflectionToQuestion: { ...MITI_THRESHOLDS.reflectionToQuestion },
  percentComplex: { ...MITI_THRESHOLDS.percentComplex },
});

const choiceKey = (node: string, choice: string) => `${node}\n${choice}`;

// The loop below runs once per turn of every counted session (about 100,000 times for 10,000
// sessions), so it allocates as little as it can: a tally remembers the last session that
// counted in it (`seen`) instead of a set per session, and choices are found by node then id
// rather than by a joined string key.
interface NodeTally {
  visits: number;
  sessions: number;
  trainees: Set<string>;
  /** The index of the last session counted in `sessions`. */
  seen: number;
}
interface ChoiceTally {
  node: string;
  choice: string;
  picks: number;
  sessions: number;
  trainees: Set<string>;
  notes: ChoiceNote[];
  seen: number;
}

/** Where each node id and choice id is found: the drawn version first, then the others newest first. */
function lookup(v: AggregateVersions) {
  const order = [v.drawn, ...v.versions.filter((x) => x.hash !== v.drawn.hash)];
  const node = (id: string): ScenarioNode | undefined => {
    for (const x of order) {
      const n = x.scenario.nodes[id];
      if (n) return n;
    }
    return undefined;
  };
  const choice = (nodeId: string, choiceId: string): Choice | undefined => {
    for (const x of order) {
      const n = x.scenario.nodes[nodeId];
      const c = n?.type === "turn" ? n.choices.find((c) => c.id === choiceId) : undefined;
      if (c) return c;
    }
    return undefined;
  };
  /** The versions (of those counted) that have a node, or a choice at it. */
  const having = (nodeId: string, choiceId?: string) =>
    v.versions
      .filter((x) => {
        const n = x.scenario.nodes[nodeId];
        return choiceId === undefined ? n !== undefined : n?.type === "turn" && n.choices.some((c) => c.id === choiceId);
      })
      .map((x) => x.hash);
  return { node, choice, having };
}

/** Every figure of a scenario's analytics over these sessions. */
export function aggregateScenario(sessions: readonly AnalyticsSession[], versions: AggregateVersions): Aggregate {
  const aggregator = createAggregator(versions);
  for (const s of sessions) aggregator.add(s);
  return aggregator.result();
}

/**
 * The same figures, taking sessions one at a time: a loader adds each as soon as its summary is
 * found and lets it go, so 100,000 summaries never need to be held at once.
 */
export function createAggregator(versions: AggregateVersions): { add(session: AnalyticsSession): void; result(): Aggregate } {
  const find = lookup(versions);
  const drawnNodes = versions.drawn.scenario.nodes;

  const nodeTally = new Map<string, NodeTally>();
  /** By node id, then choice id. */
  const choiceTally = new Map<string, Map<string, ChoiceTally>>();
  const times = new Map<string, number[]>();
  const stops = new Map<string, number>();
  const outcomes = new Map<Outcome, number>();
  const kinds = new Map<ResponseKindId, number>();
  const meterValues: { rapport: number[]; mutuality: number[] }[] = [];
  const pooled = { reflections: 0, simple: 0, complex: 0, questions: 0 };
  const fair = { ratio: 0, withRatio: 0, complex: 0, withComplex: 0 };
  const trainees = new Set<string>();
  const counts = { sessions: 0, completed: 0, abandoned: 0, active: 0, trainees: 0, damaged: 0 };
  let turnsCounted = 0;
  const { reflectionToQuestion: ratioAt, percentComplex: complexAt } = MITI_THRESHOLDS;

  let index = -1;
  const add = (s: AnalyticsSession) => {
    index++;
    const { summary } = s;
    counts.sessions++;
    counts[s.status]++;
    if (summary.damage !== null) counts.damaged++;
    if (s.userId !== null) trainees.add(s.userId);

    for (const id of summary.path) {
      let t = nodeTally.get(id);
      if (!t) nodeTally.set(id, (t = { visits: 0, sessions: 0, trainees: new Set(), seen: -1 }));
      t.visits++;
      if (t.seen !== index) {
        t.seen = index;
        t.sessions++;
        if (s.userId !== null) t.trainees.add(s.userId);
      }
    }

    const turns = summary.turns;
    for (let i = 0; i < turns.length; i++) {
      const turn = turns[i]!;
      let atNode = choiceTally.get(turn.node);
      if (!atNode) choiceTally.set(turn.node, (atNode = new Map()));
      let c = atNode.get(turn.choice);
      if (!c) atNode.set(turn.choice, (c = { node: turn.node, choice: turn.choice, picks: 0, sessions: 0, trainees: new Set(), notes: [], seen: -1 }));
      c.picks++;
      if (c.seen !== index) {
        c.seen = index;
        c.sessions++;
        if (s.userId !== null) c.trainees.add(s.userId);
      }
      if (turn.note !== undefined) c.notes.push({ sessionId: s.id, participant: s.participant, turn: i + 1, text: turn.note, at: turn.at ?? s.startedAt });
      let t = times.get(turn.node);
      if (!t) times.set(turn.node, (t = []));
      t.push(turn.ms);
      kinds.set(turn.kind, (kinds.get(turn.kind) ?? 0) + 1);
      const m = (meterValues[i + 1] ??= { rapport: [], mutuality: [] });
      m.rapport.push(turn.rapport);
      m.mutuality.push(turn.mutuality);
    }
    turnsCounted += turns.length;
    const m0 = (meterValues[0] ??= { rapport: [], mutuality: [] });
    m0.rapport.push(summary.start.rapport);
    m0.mutuality.push(summary.start.mutuality);

    if (summary.outcome !== null) outcomes.set(summary.outcome, (outcomes.get(summary.outcome) ?? 0) + 1);
    if (s.status === "abandoned") {
      const at = summary.path[summary.path.length - 1];
      if (at !== undefined) stops.set(at, (stops.get(at) ?? 0) + 1);
    }

    const r = summary.reflections;
    pooled.reflections += r.reflections;
    pooled.simple += r.simple;
    pooled.complex += r.complex;
    pooled.questions += r.questions;
    // The session's own bands, by the rule of metricsFromCounts, without building its metrics.
    // Reflections with no question rate good; a session with neither has no ratio.
    if (r.questions > 0 || r.reflections > 0) {
      fair.withRatio++;
      if (r.questions === 0 || r.reflections / r.questions >= ratioAt.fair) fair.ratio++;
    }
    if (r.reflections > 0) {
      fair.withComplex++;
      if (Math.round((r.complex / r.reflections) * 100) >= complexAt.fair) fair.complex++;
    }
  };
  return { add, result };

  function result(): Aggregate {
    counts.trainees = trainees.size;

    // Nodes: the drawn version's in its order (zeros included, so the graph has a figure on each), then the others reached, by id.
    const nodeIds = [...Object.keys(drawnNodes), ...[...nodeTally.keys()].filter((id) => !(id in drawnNodes)).sort()];
    const nodes: NodeStat[] = nodeIds.map((id) => {
      const t = nodeTally.get(id);
      return {
        nodeId: id,
        type: find.node(id)?.type ?? "turn",
        visits: t?.visits ?? 0,
        sessions: t?.sessions ?? 0,
        trainees: t?.trainees.size ?? 0,
        inDrawn: id in drawnNodes,
      };
    });
    const reachedOf = (id: string) => nodeTally.get(id) ?? { visits: 0, sessions: 0, trainees: new Set<string>(), seen: -1 };

    // Choices: the drawn version's, each node's in file order, then the others picked.
    const choiceKeys: [string, string][] = [];
    for (const [id, n] of Object.entries(drawnNodes)) if (n.type === "turn") for (const c of n.choices) choiceKeys.push([id, c.id]);
    const drawnKeys = new Set(choiceKeys.map(([n, c]) => choiceKey(n, c)));
    const allChoices = [...choiceTally.values()].flatMap((m) => [...m.values()]);
    const others = allChoices
      .filter((c) => !drawnKeys.has(choiceKey(c.node, c.choice)))
      .sort((a, b) => a.node.localeCompare(b.node) || a.choice.localeCompare(b.choice));
    for (const c of others) choiceKeys.push([c.node, c.choice]);
    const choices: ChoiceStat[] = choiceKeys.map(([nodeId, choiceId]) => {
      const t = choiceTally.get(nodeId)?.get(choiceId);
      const at = reachedOf(nodeId);
      const c = find.choice(nodeId, choiceId);
      const kind = c?.kind ?? "closed-question";
      return {
        nodeId,
        choiceId,
        text: c?.say ?? "",
        kind,
        effect: RESPONSE_KINDS[kind].effect,
        picks: t?.picks ?? 0,
        sessions: t?.sessions ?? 0,
        reached: at.sessions,
        share: ratio(t?.sessions ?? 0, at.sessions),
        trainees: t?.trainees.size ?? 0,
        traineeShare: ratio(t?.trainees.size ?? 0, at.trainees.size),
        inDrawn: drawnKeys.has(choiceKey(nodeId, choiceId)),
      };
    });

    // Pitfalls: harmful choices, most picked first (then the larger share, then by id so the order is stable).
    const pitfalls: Pitfall[] = choices
      .filter((c) => c.effect === "harmful" && c.picks > 0)
      .sort((a, b) => b.picks - a.picks || b.share - a.share || a.nodeId.localeCompare(b.nodeId) || a.choiceId.localeCompare(b.choiceId))
      .slice(0, MAX_PITFALLS)
      .map((c) => {
        const n = find.node(c.nodeId);
        const notes = [...(choiceTally.get(c.nodeId)?.get(c.choiceId)?.notes ?? [])].sort(
          (a, b) => b.at.localeCompare(a.at) || a.sessionId.localeCompare(b.sessionId) || a.turn - b.turn,
        );
        return {
          nodeId: c.nodeId,
          turnLines: n?.type === "turn" ? [...n.say] : [],
          choiceId: c.choiceId,
          choiceText: c.text,
          kind: c.kind,
          picks: c.picks,
          sessions: c.sessions,
          share: c.share,
          feedback: find.choice(c.nodeId, c.choiceId)?.feedback ?? null,
          notes: notes.slice(0, NOTES_PER_PITFALL),
          notesTotal: notes.length,
        };
      });

    const ended = [...outcomes.values()].reduce((a, b) => a + b, 0);
    const outcomeStats: OutcomeStat[] = OUTCOMES.map((o) => ({ outcome: o, count: outcomes.get(o) ?? 0, share: ratio(outcomes.get(o) ?? 0, ended) }));

    const meters: MeterPoint[] = meterValues.map((m, turn) => ({
      turn,
      n: m.rapport.length,
      rapport: spread(m.rapport),
      mutuality: spread(m.mutuality),
    }));

    const kindStats: KindStat[] = RESPONSE_KIND_IDS.filter((k) => kinds.has(k)).map((k) => ({
      kind: k,
      effect: RESPONSE_KINDS[k].effect,
      count: kinds.get(k)!,
      share: ratio(kinds.get(k)!, turnsCounted),
    }));

    const reflections: PooledReflections = {
      ...metricsFromCounts(pooled),
      thresholds: thresholds(),
      sessionsRatioFair: fair.ratio,
      sessionsWithRatio: fair.withRatio,
      sessionsComplexFair: fair.complex,
      sessionsWithComplex: fair.withComplex,
    };

    const timeStats: TimeStat[] = nodeIds
      .filter((id) => times.has(id))
      .map((id) => {
        const s = spread(times.get(id)!);
        return { nodeId: id, n: times.get(id)!.length, medianMs: s.median, p25Ms: s.p25, p75Ms: s.p75 };
      });

    const abandoned = counts.abandoned;
    const abandonment: AbandonStat[] = [...stops]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, n]) => ({ nodeId: id, count: n, share: ratio(n, abandoned), ofReached: ratio(n, reachedOf(id).sessions) }));

    const included = versions.versions.map((v) => v.hash);
    const coverage: Aggregate["coverage"] = {
      drawn: versions.drawn.hash,
      included,
      acrossVersions: included.length > 1,
      nodesNotDrawn: nodes.filter((n) => !n.inDrawn).map((n) => ({ nodeId: n.nodeId, versions: find.having(n.nodeId) })),
      choicesNotDrawn: choices.filter((c) => !c.inDrawn).map((c) => ({ nodeId: c.nodeId, choiceId: c.choiceId, versions: find.having(c.nodeId, c.choiceId) })),
    };

    return {
      counts,
      nodes,
      choices,
      pitfalls,
      outcomes: outcomeStats,
      meters,
      kinds: kindStats,
      reflections,
      times: timeStats,
      abandonment,
      coverage,
    };
  }
}
