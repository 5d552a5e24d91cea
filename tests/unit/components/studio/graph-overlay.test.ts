import { describe, expect, it } from "vitest";
import { choiceKey, flowEdgesOf, flowNodesOf, nodeFiguresText, scenarioGraphOf, type GraphOverlay } from "../../../../components/studio/graph-model";
import { fakeBranch, fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../../fakes";

/**
 * Four sessions: all reach "one"; two listen (helpful) and two judge (harmful), one of those two
 * after coming back to "one" once; three reach "two".
 */
const scenario = fakeScenario({
  start: "one",
  nodes: {
    one: fakeTurn([
      fakeChoice({ id: "listen", kind: "listening-to", next: "two" }),
      fakeChoice({ id: "judge", kind: "judging", next: "two" }),
      fakeChoice({ id: "lecture", kind: "dominating", next: "two" }),
      fakeChoice({ id: "again", kind: "closed-question", next: "one" }),
    ]),
    two: fakeTurn([fakeChoice({ id: "end", kind: "validating", next: "check" })]),
    check: fakeBranch([{ next: "well" }]),
    well: fakeEnding("connected"),
  },
});

const overlay: GraphOverlay = {
  nodes: { one: { visits: 5, sessions: 4 }, two: { visits: 3, sessions: 3 }, check: { visits: 1, sessions: 1 }, well: { visits: 1, sessions: 1 } },
  choices: {
    [choiceKey("one", "listen")]: { picks: 2, sessions: 2 },
    [choiceKey("one", "judge")]: { picks: 1, sessions: 1 },
    [choiceKey("one", "lecture")]: { picks: 1, sessions: 1 },
    [choiceKey("one", "again")]: { picks: 1, sessions: 1 },
    [choiceKey("two", "end")]: { picks: 1, sessions: 1 },
  },
};

const graph = scenarioGraphOf(scenario);
const positions = new Map(graph.nodes.map((n, i) => [n.id, { x: 0, y: i * 100 }]));

describe("the graph with figures", () => {
  it("says how often each node was reached, and that a node never reached was not", () => {
    const nodes = flowNodesOf(graph, positions, null, { ...overlay, nodes: { ...overlay.nodes, well: { visits: 0, sessions: 0 } } });
    expect(nodes.map((n) => n.data.figures)).toEqual(["Reached 5 times in 4 sessions", "Reached 3 times in 3 sessions", "Reached once in 1 session", "Not reached"]);
    expect(nodes[0]!.ariaLabel).toBe("Turn one, start, reached 5 times in 4 sessions");
    expect(nodeFiguresText(undefined)).toBe("Not reached");
  });

  it("labels each choice edge with the share of the sessions that reached its turn, harmful choices merged into one edge summed", () => {
    const edges = flowEdgesOf(graph, null, overlay);
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    // "listen" alone is the helpful edge; "judge" and "lecture" are both harmful, one → two, so one
    // edge; side by side, the two edges' labels are kept to the class and the percentage.
    expect(byId["one/0"]!.label).toBe("helpful 50%");
    expect(byId["one/1"]!.label).toBe("harmful 50%");
    expect(byId["one/1"]!.ariaLabel).toBe("2 harmful choices, Judging, Dominating: one to two, taken in 2 of the 4 sessions that reached it (50%), 2 picks");
    expect(byId["one/1"]!.className).toContain("scenario-edge-harmful");
    expect(byId["one/3"]!.label).toBe("Closed question (neutral) · 1 of 4, 25%");
    expect(byId["two/0"]!.label).toBe("Validating (helpful) · 1 of 3, 33%");
  });

  it("draws an edge thicker the larger its share, and leaves branch entries as they are", () => {
    const edges = flowEdgesOf(graph, null, overlay);
    const width = (id: string) => edges.find((e) => e.id === id)!.style!.strokeWidth;
    expect(width("one/0")).toBe(3.75);
    expect(width("one/3")).toBe(2.625);
    const branch = edges.find((e) => e.id === "check/0")!;
    expect(branch.label).toBe("otherwise");
    expect(branch.style!.strokeWidth).toBe(1.5);
  });

  it("shows a choice never picked, at a turn never reached, as 0 of 0", () => {
    const edges = flowEdgesOf(graph, null, { nodes: {}, choices: {} });
    expect(edges.find((e) => e.id === "two/0")!.label).toBe("Validating (helpful) · 0 of 0");
    expect(edges.find((e) => e.id === "one/1")!.label).toBe("harmful 0 of 0");
  });

  it("draws the studio's graph as before without an overlay", () => {
    expect(flowEdgesOf(graph).find((e) => e.id === "one/0")!.label).toBe("1 helpful");
    expect(flowEdgesOf(graph).find((e) => e.id === "one/3")!.label).toBe("Closed question (neutral)");
    expect(flowNodesOf(graph, positions)[0]!.data).toEqual({ node: graph.nodes[0] });
  });
});
