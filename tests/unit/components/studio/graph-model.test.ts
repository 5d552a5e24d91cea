import { readdirSync, readFileSync } from "node:fs";
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { generateScenario } from "../../../../bench/generate-scenario";
import {
  ALL_EDGES_LAID_OUT_UP_TO,
  describeNode,
  EDGE_STYLES,
  elkGraphOf,
  firstViewOf,
  flowEdgesOf,
  keepUnchanged,
  SOURCE_HANDLES,
  flowNodesOf,
  layoutEdgesOf,
  layoutKeyOf,
  layoutMethodOf,
  NODE_SIZE,
  positionsOf,
  READABLE_ZOOM,
  scenarioGraphOf,
  shortText,
  type ScenarioGraph,
} from "../../../../components/studio/graph-model";
import { tidyTreeLayout } from "../../../../components/studio/tree-layout";
import { checkScenario } from "../../../../scenarios/check-scenario";
import { RESPONSE_KINDS } from "../../../../scenarios/kinds";
import type { Scenario } from "../../../../scenarios/types";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../../fakes";

const library = new URL("../../../../scenarios/library/", import.meta.url);
const rules = new URL("../../../fixtures/rules/", import.meta.url);

function checked(dir: URL, file: string) {
  const result = checkScenario(readFileSync(new URL(file, dir), "utf8"), file);
  if (!result.scenario) throw new Error(`${file} did not parse`);
  return { scenario: result.scenario, problems: result.problems, graph: scenarioGraphOf(result.scenario, result.problems) };
}

const libraryFiles = readdirSync(library).filter((f) => f.endsWith(".scenario.yaml"));

/** Every choice and branch entry of a scenario, as `<node>/<position> → <next>`. */
function writtenEdges(scenario: Scenario): string[] {
  return Object.entries(scenario.nodes).flatMap(([id, n]) =>
    n.type === "turn" ? n.choices.map((c, i) => `${id}/${i} → ${c.next}`) : n.type === "branch" ? n.branch.map((b, i) => `${id}/${i} → ${b.next}`) : [],
  );
}

const nodeOf = (graph: ScenarioGraph, id: string) => {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

describe("the scenario graph", () => {
  it.each(libraryFiles)("has every node and every choice of %s exactly once, and no marker on a clean scenario", (file) => {
    const { scenario, graph } = checked(library, file);
    expect(graph.nodes.map((n) => n.id)).toEqual(Object.keys(scenario.nodes));
    expect(graph.edges.map((e) => `${e.id} → ${e.target}`)).toEqual(writtenEdges(scenario));
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
    expect(graph.nodes.flatMap((n) => n.edges)).toEqual(graph.edges);
    expect(graph.nodes.filter((n) => n.isStart).map((n) => n.id)).toEqual([scenario.start]);
    expect(graph.nodes.flatMap((n) => n.markers)).toEqual([]);
    expect(graph.edges.every((e) => e.targetExists)).toBe(true);
  });

  it("gives each node its type, each ending its outcome, and each choice its kind's class", () => {
    const scenario = fakeScenario({
      start: "hello",
      nodes: {
        hello: fakeTurn(
          [
            fakeChoice({ id: "a", kind: "listening-to", next: "fork" }),
            fakeChoice({ id: "b", kind: "advising", next: "gone" }),
            fakeChoice({ id: "c", kind: "closed-question", next: "meh", when: { rapport: { op: ">=", value: 40 } } }),
          ],
          ["Hi.", "  (She looks   away.)"],
        ),
        fork: fakeBranch([{ when: { rapport: { op: ">=", value: 60 } }, next: "good" }, { next: "meh" }]),
        good: fakeEnding("connected", ["Thanks."]),
        meh: fakeEnding("mixed"),
        gone: fakeEnding("disengaged"),
      },
    });
    const graph = scenarioGraphOf(scenario);
    expect(graph.nodes.map((n) => [n.id, n.type, n.outcome])).toEqual([
      ["hello", "turn", undefined],
      ["fork", "branch", undefined],
      ["good", "ending", "connected"],
      ["meh", "ending", "mixed"],
      ["gone", "ending", "disengaged"],
    ]);
    expect(nodeOf(graph, "hello").say).toBe("Hi. (She looks away.)");
    expect(graph.edges.map((e) => [e.id, e.edgeClass, e.label, e.conditional])).toEqual([
      ["hello/0", "helpful", "Listening to", false],
      ["hello/1", "harmful", "Advising", false],
      ["hello/2", "neutral", "Closed question", true],
      ["fork/0", "branch", "when rapport >= 60", true],
      ["fork/1", "branch", "otherwise", false],
    ]);
    expect(describeNode(nodeOf(graph, "hello"))).toBe("Turn hello, start");
    expect(describeNode(nodeOf(graph, "gone"))).toBe("Ending gone, outcome disengaged");
  });

  it("classes every choice of the library by its kind's effect: harmful kinds are harmful edges", () => {
    for (const file of libraryFiles) {
      const { scenario, graph } = checked(library, file);
      for (const e of graph.edges) {
        const node = scenario.nodes[e.source]!;
        if (node.type === "turn") expect(e.edgeClass).toBe(RESPONSE_KINDS[node.choices[e.index]!.kind].effect);
        else expect(e.edgeClass).toBe("branch");
      }
      expect(graph.edges.some((e) => e.edgeClass === "harmful"), file).toBe(true);
    }
  });

  it("marks a node no play reaches as unreachable, in words, and nothing else", () => {
    const { graph } = checked(rules, "unreachable.scenario.yaml");
    expect(nodeOf(graph, "orphan").markers).toEqual([expect.objectContaining({ rule: "unreachable", severity: "error", label: "Unreachable" })]);
    expect(describeNode(nodeOf(graph, "orphan"))).toBe("Ending orphan, outcome mixed, unreachable");
    expect(graph.nodes.filter((n) => n.markers.length > 0).map((n) => n.id)).toEqual(["orphan"]);
  });

  it("marks the nodes of a loop with no way out as traps", () => {
    const { graph, problems } = checked(rules, "trap.scenario.yaml");
    const trapped = problems.filter((p) => p.rule === "trap").map((p) => p.nodeId);
    expect(trapped.length).toBeGreaterThan(0);
    for (const id of trapped) expect(nodeOf(graph, id!).markers.map((m) => m.label)).toContain("Trap");
  });

  it("marks a turn whose choices can all be hidden as a dead end", () => {
    const { graph } = checked(rules, "choices-all-hidden.scenario.yaml");
    const ask = nodeOf(graph, "ask");
    expect(ask.markers.map((m) => [m.rule, m.label])).toContainEqual(["choices-all-hidden", "Dead end"]);
    expect(ask.markers[0]!.severity).toBe("error");
  });

  it("shows any other problem at a node as an error or a warning, errors first, and keeps scenario-wide ones apart", () => {
    const scenario = fakeScenario({
      start: "hello",
      nodes: { hello: fakeTurn([fakeChoice({ id: "a", next: "end" })]), end: fakeEnding("mixed") },
    });
    const graph = scenarioGraphOf(scenario, [
      { rule: "no-feedback", severity: "warning", message: "w", nodeId: "hello" },
      { rule: "when-never", severity: "error", message: "e", nodeId: "hello" },
      { rule: "no-connected-ending", severity: "warning", message: "s" },
      { rule: "unreachable", severity: "error", message: "gone", nodeId: "no-such-node" },
    ]);
    expect(nodeOf(graph, "hello").markers.map((m) => [m.label, m.message])).toEqual([
      ["Error", "e"],
      ["Warning", "w"],
    ]);
    expect(graph.scenarioMarkers.map((m) => m.rule)).toEqual(["no-connected-ending"]);
    expect(nodeOf(graph, "end").markers).toEqual([]);
  });

  it("keeps a choice to a missing node in the graph, but out of the layout and the drawn edges", () => {
    const scenario = fakeScenario({
      start: "hello",
      nodes: { hello: fakeTurn([fakeChoice({ id: "a", next: "end" }), fakeChoice({ id: "b", next: "nowhere" })]), end: fakeEnding("mixed") },
    });
    const graph = scenarioGraphOf(scenario);
    expect(graph.edges.map((e) => [e.target, e.targetExists])).toEqual([
      ["end", true],
      ["nowhere", false],
    ]);
    expect(elkGraphOf(graph).edges!.map((e) => e.id)).toEqual(["hello/0"]);
    expect(flowEdgesOf(graph).map((e) => e.id)).toEqual(["hello/0"]);
  });

  it("shortens long lines at a word, with an ellipsis", () => {
    expect(shortText("short")).toBe("short");
    const long = shortText("word ".repeat(40), 30);
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long).toMatch(/^word( word)*…$/);
  });
});

describe("the layout and React Flow's nodes and edges", () => {
  it.each(libraryFiles)("lays out every node of %s once, apart from the others, at its size", async (file) => {
    const { graph } = checked(library, file);
    const input = elkGraphOf(graph);
    expect(input.children!.map((c) => c.id)).toEqual(graph.nodes.map((n) => n.id));
    const layout = await new ELK().layout(input);
    const positions = positionsOf(layout);
    const nodes = flowNodesOf(graph, positions, graph.nodes[1]!.id);
    expect(nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([graph.nodes[1]!.id]);
    const boxes = nodes.map((n) => ({ ...n.position, ...NODE_SIZE[n.data.node.type] }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${nodes[i]!.id} and ${nodes[j]!.id}`).toBe(false);
      }
    }
    // Every edge leaves from a handle its node has, and arrives at one (React Flow is given them, not measuring them).
    for (const e of flowEdgesOf(graph)) {
      const from = nodes.find((n) => n.id === e.source)!;
      const to = nodes.find((n) => n.id === e.target)!;
      expect(from.handles!.some((h) => h.type === "source" && h.id === e.sourceHandle), e.id).toBe(true);
      expect(to.handles!.some((h) => h.type === "target"), e.id).toBe(true);
    }
    // The start comes first, at the top: the layout reads from top to bottom.
    const start = nodes.find((n) => n.data.node.isStart)!;
    expect(Math.min(...nodes.map((n) => n.position.y))).toBe(start.position.y);
  });

  it("draws each edge by its class: colour, dash and words", () => {
    const scenario = fakeScenario({
      start: "hello",
      nodes: {
        hello: fakeTurn([
          fakeChoice({ id: "a", kind: "validating", next: "end" }),
          fakeChoice({ id: "b", kind: "judging", next: "end" }),
          fakeChoice({ id: "c", kind: "closed-question", next: "end" }),
        ]),
        end: fakeEnding("mixed"),
      },
    });
    const edges = flowEdgesOf(scenarioGraphOf(scenario), "end");
    expect(edges.map((e) => [e.label, e.style?.stroke, e.style?.strokeDasharray])).toEqual([
      ["1 helpful", EDGE_STYLES.helpful.stroke, undefined],
      ["1 harmful", EDGE_STYLES.harmful.stroke, EDGE_STYLES.harmful.strokeDasharray],
      ["1 neutral", EDGE_STYLES.neutral.stroke, EDGE_STYLES.neutral.strokeDasharray],
    ]);
    expect(new Set(Object.values(EDGE_STYLES).map((s) => s.strokeDasharray)).size).toBe(4);
    expect(edges.map((e) => e.ariaLabel)).toEqual([
      "helpful choice, Validating: hello to end",
      "harmful choice, Judging: hello to end",
      "neutral choice, Closed question: hello to end",
    ]);
    // Edges into or out of the selected node stand out.
    expect(edges.every((e) => e.style?.strokeWidth === 3)).toBe(true);
  });

  it("draws choices of one class between the same two nodes as one arrow, each class from its own handle", () => {
    const scenario = fakeScenario({
      start: "hello",
      nodes: {
        hello: fakeTurn([
          fakeChoice({ id: "a", kind: "validating", next: "end" }),
          fakeChoice({ id: "b", kind: "listening-to", next: "end" }),
          fakeChoice({ id: "c", kind: "judging", next: "end" }),
          fakeChoice({ id: "d", kind: "judging", next: "end" }),
          fakeChoice({ id: "e", kind: "validating", next: "other" }),
        ]),
        other: fakeTurn([fakeChoice({ id: "f", kind: "validating", next: "end" }), fakeChoice({ id: "g", kind: "open-question", next: "end" }), fakeChoice({ id: "h", kind: "sharing-with", next: "end" })]),
        end: fakeEnding("mixed"),
      },
    });
    const edges = flowEdgesOf(scenarioGraphOf(scenario));
    // Beside another class's arrow to the same node, a label is a count; alone, it names the kinds.
    expect(edges.map((e) => [e.source, e.target, e.sourceHandle, e.label])).toEqual([
      ["hello", "end", "helpful", "2 helpful"],
      ["hello", "end", "harmful", "2 harmful"],
      ["hello", "other", "helpful", "Validating (helpful)"],
      ["other", "end", "helpful", "3 helpful choices"],
    ]);
    const two = flowEdgesOf(scenarioGraphOf(fakeScenario({ start: "a", nodes: { a: fakeTurn([fakeChoice({ id: "x", kind: "validating", next: "z" }), fakeChoice({ id: "y", kind: "listening-to", next: "z" })]), z: fakeEnding("mixed") } })));
    expect(two.map((e) => e.label)).toEqual(["Validating, Listening to (helpful)"]);
    const same = flowEdgesOf(scenarioGraphOf(fakeScenario({ start: "a", nodes: { a: fakeTurn([fakeChoice({ id: "x", kind: "judging", next: "z" }), fakeChoice({ id: "y", kind: "judging", next: "z" })]), z: fakeEnding("mixed") } })));
    expect(same.map((e) => e.label)).toEqual(["2 × Judging (harmful)"]);
    expect(edges[1]!.ariaLabel).toBe("2 harmful choices, Judging, Judging: hello to end");
    expect(edges[3]!.ariaLabel).toBe("3 helpful choices, Validating, Open question, Sharing with: other to end");
    expect(new Set(Object.values(SOURCE_HANDLES).slice(0, 3)).size).toBe(3);
  });

  it("keeps the objects of nodes and edges a new text left as they were, so only what changed is drawn again", () => {
    const scenario = (say: string) =>
      fakeScenario({ start: "hello", nodes: { hello: fakeTurn([fakeChoice({ id: "a", next: "end" })]), end: fakeEnding("mixed", [say]) } });
    const positions = new Map([
      ["hello", { x: 0, y: 0 }],
      ["end", { x: 0, y: 150 }],
    ]);
    const first = keepUnchanged(new Map(), flowNodesOf(scenarioGraphOf(scenario("Bye.")), positions));
    const same = keepUnchanged(first.kept, flowNodesOf(scenarioGraphOf(scenario("Bye.")), positions));
    expect(same.items[0]).toBe(first.items[0]);
    expect(same.items[1]).toBe(first.items[1]);
    const changed = keepUnchanged(same.kept, flowNodesOf(scenarioGraphOf(scenario("See you.")), positions));
    expect(changed.items[0]).toBe(first.items[0]);
    expect(changed.items[1]).not.toBe(first.items[1]);
    expect(changed.items[1]!.data.node.say).toBe("See you.");
    const selected = keepUnchanged(changed.kept, flowNodesOf(scenarioGraphOf(scenario("See you.")), positions, "hello"));
    expect(selected.items[0]).not.toBe(first.items[0]);
    expect(selected.items[0]!.selected).toBe(true);
  });

  it("is laid out again only when a node or an edge changes, not when a line, a kind or a finding does", () => {
    const base = () =>
      fakeScenario({
        start: "hello",
        nodes: { hello: fakeTurn([fakeChoice({ id: "a", next: "end" }), fakeChoice({ id: "b", next: "end" })]), end: fakeEnding("mixed"), other: fakeEnding("connected") },
      });
    const key = layoutKeyOf(scenarioGraphOf(base()));
    const edited = base();
    edited.nodes.hello = fakeTurn([fakeChoice({ id: "a", next: "end", kind: "judging", say: "Changed." }), fakeChoice({ id: "b", next: "end" })], ["New line."]);
    expect(layoutKeyOf(scenarioGraphOf(edited, [{ rule: "no-feedback", severity: "warning", message: "m", nodeId: "hello" }]))).toBe(key);
    const rewired = base();
    rewired.nodes.hello = fakeTurn([fakeChoice({ id: "a", next: "end" }), fakeChoice({ id: "b", next: "other" })]);
    expect(layoutKeyOf(scenarioGraphOf(rewired))).not.toBe(key);
    const retyped = base();
    retyped.nodes.other = fakeEnding("disengaged");
    expect(layoutKeyOf(scenarioGraphOf(retyped))).toBe(key);
  });

  it("lays out a small scenario with every edge", () => {
    for (const file of libraryFiles) {
      const { graph } = checked(library, file);
      expect(graph.edges.length).toBeLessThanOrEqual(ALL_EDGES_LAID_OUT_UP_TO);
      expect(layoutEdgesOf(graph)).toEqual(graph.edges);
    }
  });

  it("lays out a large scenario by a breadth-first tree from the start: one edge into every node but the start", () => {
    const scenario = generateScenario({ nodes: 300, seed: 7 });
    const graph = scenarioGraphOf(scenario);
    expect(graph.edges.length).toBeGreaterThan(ALL_EDGES_LAID_OUT_UP_TO);
    const tree = layoutEdgesOf(graph);
    const targets = tree.map((e) => e.target);
    expect(new Set(targets).size).toBe(targets.length);
    // Breadth-first: each tree edge goes one step further from the start.
    const depth = new Map([[scenario.start, 0]]);
    const queue = [scenario.start];
    for (let i = 0; i < queue.length; i++) {
      for (const e of graph.edges.filter((x) => x.source === queue[i])) {
        if (!depth.has(e.target)) {
          depth.set(e.target, depth.get(queue[i]!)! + 1);
          queue.push(e.target);
        }
      }
    }
    for (const e of tree) if (depth.has(e.source)) expect(depth.get(e.target)).toBe(depth.get(e.source)! + 1);
    // Every node the start reaches is in the tree; the others start trees of their own.
    const roots = Object.keys(scenario.nodes).filter((id) => !targets.includes(id));
    expect(roots.filter((id) => depth.has(id))).toEqual([scenario.start]);
    // Laid out as a tidy tree (tree-layout.ts); a library scenario by elkjs with every edge.
    expect(layoutMethodOf(graph)).toBe("tree");
    expect(layoutMethodOf(checked(library, libraryFiles[0]!).graph)).toBe("layered");
  });

  it("lays out a generated scenario of 300 nodes with cycles, every node placed", () => {
    const scenario = generateScenario({ nodes: 300, seed: 7 });
    const graph = scenarioGraphOf(scenario);
    expect(graph.edges.map((e) => `${e.id} → ${e.target}`)).toEqual(writtenEdges(scenario));
    const positions = positionsOf(tidyTreeLayout(elkGraphOf(graph)));
    expect([...positions.keys()].sort()).toEqual(Object.keys(scenario.nodes).sort());
  });

  it("shows a first layout whole when it can be read so, else at a readable size from the start or the selected node", async () => {
    const small = checked(library, libraryFiles[0]!).graph;
    const smallAt = positionsOf(await new ELK().layout(elkGraphOf(small)));
    expect(firstViewOf(small, smallAt, null, { width: 4000, height: 4000 })).toEqual({ fit: true });

    const scenario = generateScenario({ nodes: 300, seed: 7 });
    const graph = scenarioGraphOf(scenario);
    const positions = positionsOf(tidyTreeLayout(elkGraphOf(graph)));
    const box = { width: 800, height: 512 };
    // The node in view is where React Flow's setCenter would put it: in the middle across, a little above the middle down.
    const placed = (nodeId: string) => {
      const view = firstViewOf(graph, positions, nodeId === scenario.start ? null : nodeId, box);
      if (view.fit) throw new Error("a 300-node graph fitted whole");
      expect(view.viewport.zoom).toBe(READABLE_ZOOM);
      const node = graph.nodes.find((n) => n.id === nodeId)!;
      const at = positions.get(nodeId)!;
      const size = NODE_SIZE[node.type];
      return { x: view.viewport.x + (at.x + size.width / 2) * READABLE_ZOOM, y: view.viewport.y + (at.y + size.height / 2) * READABLE_ZOOM };
    };
    for (const nodeId of [scenario.start, graph.nodes[150]!.id]) {
      const centre = placed(nodeId);
      expect(centre.x).toBeCloseTo(box.width / 2);
      expect(centre.y).toBeCloseTo(box.height / 2 - 150 * READABLE_ZOOM);
    }
    // Without a box to fit into (not yet in the page), the graph is fitted when React Flow has measured it.
    expect(firstViewOf(graph, positions, null, null)).toEqual({ fit: true });
  });
});
