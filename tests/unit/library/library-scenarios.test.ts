import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createActor, getInitialMicrosteps, getMicrosteps, type AnyStateMachine } from "xstate";
import { createTestModel, getAdjacencyMap } from "xstate/graph";
import { compileScenario, type ScenarioEvent, type ScenarioSnapshot } from "../../../machines/compile-scenario";
import { replay, transcriptOf } from "../../../machines/replay";
import { offeredChoices } from "../../../machines/select-view";
import { RESPONSE_KINDS } from "../../../scenarios/kinds";
import { checkScenario } from "../../../scenarios/check-scenario";
import { parseScenario } from "../../../scenarios/parse";
import type { Scenario } from "../../../scenarios/types";

const dir = new URL("../../../scenarios/library/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".scenario.yaml")).sort();

function load(file: string): { text: string; scenario: Scenario } {
  const text = readFileSync(new URL(file, dir), "utf8");
  const r = parseScenario(text);
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join("; ")}`);
  return { text, scenario: r.scenario };
}

/** A situation: the node with the meters and flags, not the history that led there. */
const serializeState = (s: ScenarioSnapshot) =>
  JSON.stringify([s.value, s.context.rapport, s.context.mutuality, [...s.context.flags].sort()]);

const eventsFor = (scenario: Scenario) => (s: ScenarioSnapshot) =>
  offeredChoices(scenario, s).map((c) => ({ type: "choice.select" as const, choiceId: c.id }));

describe("the built-in library", () => {
  it("has at least six scenarios, including a supervision conversation", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const roles = files.map((f) => load(f).scenario.roles.trainee.toLowerCase());
    expect(roles.some((r) => r.includes("supervisor"))).toBe(true);
  });

  it("has the scenarios a program needs: crisis and safety, boundaries, self-disclosure, worldview, cultural humility, return to use", () => {
    const ids = files.map((f) => load(f).scenario.id);
    for (const id of [
      "crisis-and-safety",
      "boundaries-and-dual-relationships",
      "self-disclosure-with-purpose",
      "worldview-hearing-voices",
      "cultural-humility",
      "return-to-use-and-harm-reduction",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("gives every counterpart a name of their own, so two people are never confused", () => {
    const names = files.map((f) => load(f).scenario.roles.counterpart.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("passes the checker with no errors and no warnings: every question counted as written, every top tie decided", () => {
    for (const file of files) {
      const result = checkScenario(readFileSync(new URL(file, dir), "utf8"), file);
      expect(result.problems.map((p) => `${file}:${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([]);
    }
  });
});

/** Words that call for a content note before play. */
const SENSITIVE = /suicid|kill (my|him|her)self|self-harm|overdos|opioid|heroin|fentanyl|alcohol|drinking|detox|relapse|hospital|inpatient|trauma|abuse|voices/i;

describe.each(files)("library scenario %s", (file) => {
  const { text, scenario } = load(file);
  const machine = compileScenario(scenario);
  const events = eventsFor(scenario);
  const turns = Object.entries(scenario.nodes).filter(([, n]) => n.type === "turn");

  it("is valid, named after its id, and tells editors where the schema is", () => {
    expect(file).toBe(`${scenario.id}.scenario.yaml`);
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../scenario.schema.json");
  });

  // The situation graph, built once: every node with every meter value and flag set that reaches it.
  type Entry = { state: ScenarioSnapshot; transitions: Record<string, { event: ScenarioEvent; state: ScenarioSnapshot }> };
  let adjacency: Record<string, Entry> | undefined;
  const graph = () =>
    (adjacency ??= getAdjacencyMap(machine, { events, serializeState }) as unknown as Record<string, Entry>);

  it("offers three or four choices at every turn a play reaches, mixing helpful and harmful kinds", () => {
    for (const { state, transitions } of Object.values(graph())) {
      if (state.status === "done") continue;
      const offered = offeredChoices(scenario, state);
      const where = `${String(state.value)} at ${serializeState(state)}`;
      expect(Object.keys(transitions)).toHaveLength(offered.length);
      expect(offered.length, where).toBeGreaterThanOrEqual(3);
      expect(offered.length, where).toBeLessThanOrEqual(4);
      const effects = new Set(offered.map((c) => RESPONSE_KINDS[c.kind].effect));
      expect(effects.has("helpful"), `${where} offers a helpful kind`).toBe(true);
      expect(effects.has("harmful"), `${where} offers a harmful kind`).toBe(true);
    }
  });

  it("uses at least six kinds of response", () => {
    const kinds = new Set(turns.flatMap(([, n]) => (n.type === "turn" ? n.choices.map((c) => c.kind) : [])));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  });

  it("gives no stage directions in the trainee's lines, which would give the answer away", () => {
    for (const [id, node] of turns) {
      if (node.type !== "turn") continue;
      for (const c of node.choices) expect(c.say, `${id}/${c.id}`).not.toMatch(/\([^)]*\)|\*[^*]+\*|\[[^\]]+\]/);
    }
  });

  it("offers simple reflections beside complex ones, so the share of complex reflections means something", () => {
    const reflections = turns.flatMap(([, n]) => (n.type === "turn" ? n.choices.filter((c) => c.kind === "listening-to") : []));
    const complex = reflections.filter((c) => c.reflection === "complex").length;
    expect(complex, "complex reflections on offer").toBeGreaterThan(0);
    expect(reflections.length - complex, "simple reflections on offer").toBeGreaterThan(0);
  });

  it("has a content note when it touches on something a trainee may want warning of", () => {
    const words = JSON.stringify(scenario.nodes);
    if (SENSITIVE.test(words)) expect(scenario.contentNote, `mentions "${SENSITIVE.exec(words)?.[0]}"`).toBeTruthy();
  });

  it("gives feedback on every choice", () => {
    for (const [id, node] of turns) {
      if (node.type !== "turn") continue;
      for (const c of node.choices) expect(c.feedback, `${id}/${c.id} has feedback`).toBeTruthy();
    }
  });

  it("branches on a meter at least once", () => {
    const meterBranch = Object.values(scenario.nodes).some(
      (n) => n.type === "branch" && n.branch.some((b) => b.when?.rapport || b.when?.mutuality),
    );
    expect(meterBranch).toBe(true);
  });

  it("reaches every node, branches included, and endings of all three outcomes (xstate/graph)", () => {
    const reached = new Set<string>();
    // Branch nodes are passed through, never rested in: the microsteps of each transition show them.
    for (const [snapshot] of getInitialMicrosteps(machine)) reached.add(String(snapshot.value));
    for (const { state, transitions } of Object.values(graph())) {
      reached.add(String(state.value));
      for (const { event } of Object.values(transitions)) {
        for (const [snapshot] of getMicrosteps(machine, state, event)) reached.add(String(snapshot.value));
      }
    }
    expect(Object.keys(scenario.nodes).filter((n) => !reached.has(n))).toEqual([]);

    const outcomes = new Set(
      Object.values(graph())
        .filter(({ state }) => state.status === "done")
        .map(({ state }) => (state.output as { outcome: string }).outcome),
    );
    expect([...outcomes].sort()).toEqual(["connected", "disengaged", "mixed"]);
  });

  it("ends on every path: no dead end, no loop, and a longest play of at least eight turns", () => {
    const adjacency = graph();
    const longest = new Map<string, number>();
    const onStack = new Set<string>();
    const walk = (key: string): number => {
      const known = longest.get(key);
      if (known !== undefined) return known;
      expect(onStack.has(key), `a loop through ${key}`).toBe(false);
      const entry = adjacency[key]!;
      const next = Object.values(entry.transitions);
      if (entry.state.status === "done") {
        longest.set(key, 0);
        return 0;
      }
      expect(next.length, `dead end at ${key}`).toBeGreaterThan(0);
      onStack.add(key);
      const best = Math.max(...next.map((t) => 1 + walk(serializeState(t.state))));
      onStack.delete(key);
      longest.set(key, best);
      return best;
    };
    const [initialKey] = Object.keys(adjacency);
    expect(walk(initialKey!)).toBeGreaterThanOrEqual(8);
  });

  it("replays a shortest path to every node it rests at to the state the model reached (model-based)", async () => {
    // The model is the compiled machine; the system under test is `replay`, the pure transcript builder.
    const model = createTestModel(machine as unknown as AnyStateMachine, { events, serializeState } as never);
    // One path per node: the first, shortest, way there.
    const byNode = new Map<string, ReturnType<typeof model.getShortestPaths>[number]>();
    for (const p of model.getShortestPaths({ allowDuplicatePaths: true })) {
      const node = String(p.state.value);
      const known = byNode.get(node);
      if (!known || p.steps.length < known.steps.length) byNode.set(node, p);
    }
    const resting = Object.keys(scenario.nodes).filter((n) => scenario.nodes[n]?.type !== "branch");
    expect([...byNode.keys()].sort()).toEqual(resting.sort());
    for (const path of byNode.values()) {
      const choices: string[] = [];
      await path.test({
        events: { "choice.select": ({ event }) => void choices.push((event as ScenarioEvent).choiceId) },
        states: {
          "*": (state: ScenarioSnapshot) => {
            const r = replay(scenario, choices, machine);
            expect(r.snapshot.value).toEqual(state.value);
            expect(r.meters).toEqual({ rapport: state.context.rapport, mutuality: state.context.mutuality });
            expect(r.done).toBe(state.status === "done");
          },
        },
      });
    }
  });

  it("replays random walks to identical transcripts (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (picks) => {
        const actor = createActor(machine).start();
        const chosen: string[] = [];
        for (const pick of picks) {
          const s = actor.getSnapshot();
          if (s.status === "done") break;
          const offered = offeredChoices(scenario, s);
          const c = offered[pick % offered.length]!;
          chosen.push(c.id);
          actor.send({ type: "choice.select", choiceId: c.id });
        }
        const live = transcriptOf(scenario, actor.getSnapshot());
        const first = replay(scenario, chosen, machine);
        const second = replay(scenario, chosen);
        expect(live.done).toBe(true);
        expect(first.turns).toEqual(live.turns);
        expect(second.turns).toEqual(first.turns);
        expect(first.ending).toEqual(live.ending);
      }),
      { seed: 20261125, numRuns: 200 },
    );
  });
});
