// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PlaytestArea } from "../../../components/studio/playtest-area";
import { PlaytestPanel } from "../../../components/studio/playtest-panel";
import { answerStats } from "../../../components/studio/stats-messages";
import { StatsPanel } from "../../../components/studio/stats-panel";
import { currentOf, playtestReplay } from "../../../machines/playtest";
import { checkScenario } from "../../../scenarios/check-scenario";
import { scenarioStats } from "../../../scenarios/stats";
import type { Scenario } from "../../../scenarios/types";

afterEach(cleanup);

function library(file: string): Scenario {
  const r = checkScenario(readFileSync(path.join(process.cwd(), "scenarios/library", file), "utf8"), file);
  if (!r.scenario || r.errors) throw new Error(`${file} does not check clean`);
  return r.scenario;
}

const mutuality = library("mutuality.scenario.yaml");

/** The status box: node, status, flags and meters. */
const statusBox = () => within(screen.getByRole("group", { name: "Where the play is" }));
const statusOf = (term: string) => {
  const dt = statusBox().getByText(term, { selector: "dt" });
  return dt.nextElementSibling!.textContent;
};
const meter = (name: "Rapport" | "Mutuality") => statusBox().getByRole("meter", { name }).getAttribute("aria-valuenow");
const choiceButtons = () => within(screen.getByRole("group", { name: "Your response" })).queryAllByRole("button");
const log = () => screen.getByRole("log", { name: "Conversation" });

describe("PlaytestPanel", () => {
  it("plays a library scenario to an ending by clicking choices, with the play page's feedback, and takes the last one back", () => {
    const onNodeChange = vi.fn();
    render(<PlaytestPanel scenario={mutuality} onNodeChange={onNodeChange} />);
    expect(statusOf("Node")).toBe("arrival (turn)");
    expect(statusOf("Status")).toBe("Active, turn 1");
    expect(screen.getByText(/^This play began/)).toHaveTextContent("This play began at the scenario's start.");
    expect([meter("Rapport"), meter("Mutuality")]).toEqual(["35", "45"]);

    // Always the first choice on offer, until the conversation ends.
    const chosen: string[] = [];
    for (let turn = 0; turn < 40 && screen.queryByRole("group", { name: "Your response" }); turn++) {
      const first = choiceButtons()[0]!;
      const node = mutuality.nodes[statusOf("Node")!.split(" ")[0]!];
      const choice = node?.type === "turn" ? node.choices.find((c) => first.textContent!.includes(c.say)) : undefined;
      expect(choice, `a choice of ${statusOf("Node")}`).toBeDefined();
      chosen.push(choice!.id);
      act(() => fireEvent.click(first));
    }
    const expected = currentOf(playtestReplay(mutuality, { at: "start" }, chosen).playtest);
    expect(expected.status).toBe("done");
    const ending = mutuality.nodes[expected.value];
    expect(ending?.type).toBe("ending");
    expect(statusOf("Node")).toBe(`${expected.value} (ending)`);
    expect(statusOf("Status")).toBe(`Ended at ${expected.value}: ${ending?.type === "ending" && ending.outcome}, after ${chosen.length} choices`);
    expect([meter("Rapport"), meter("Mutuality")]).toEqual([String(expected.context.rapport), String(expected.context.mutuality)]);
    expect(statusOf("Flags")).toBe(expected.context.flags.length ? expected.context.flags.join(", ") : "none set");
    expect(screen.getByText(/^The conversation ended at/)).toHaveTextContent(`The conversation ended at ${expected.value}:`);
    // The graph is told every node the conversation came to.
    expect(onNodeChange).toHaveBeenCalledTimes(chosen.length);
    expect(onNodeChange).toHaveBeenLastCalledWith(expected.value);
    // The play page's transcript: the trainee's lines, each with its feedback card.
    const first = mutuality.nodes.arrival!.type === "turn" ? mutuality.nodes.arrival!.choices.find((c) => c.id === chosen[0])! : null;
    expect(log()).toHaveTextContent(first!.say);
    expect(within(log()).getAllByText(/^Rapport [+−±]\d* → \d+; mutuality/)).toHaveLength(chosen.length);

    act(() => fireEvent.click(screen.getByRole("button", { name: "Take back" })));
    expect(statusOf("Status")).toBe(`Active, turn ${chosen.length}`);
    expect(screen.getByRole("status")).toHaveTextContent("The last choice was taken back.");
    expect(choiceButtons().length).toBeGreaterThan(0);

    act(() => fireEvent.click(screen.getByRole("button", { name: "Restart" })));
    expect(statusOf("Node")).toBe("arrival (turn)");
    expect(within(log()).queryAllByText(/^Rapport [+−±]/)).toHaveLength(0);
    expect(onNodeChange).toHaveBeenLastCalledWith("arrival");
  });

  it("starts at a node the author picks, with the meters and flags they set, and refuses meters out of bounds", () => {
    const onNodeChange = vi.fn();
    render(<PlaytestPanel scenario={mutuality} onNodeChange={onNodeChange} />);
    fireEvent.click(screen.getByText("Start at a node, with meters and flags"));
    const node = screen.getByRole("combobox", { name: "Node" });
    expect(within(node).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(expect.arrayContaining(["arrival", "before-kim", "walks-out"]));

    // A branch on a flag: with it set, the machine takes the entry to "bed-promise".
    fireEvent.change(node, { target: { value: "before-kim" } });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Rapport" }), { target: { value: "150" } });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Mutuality" }), { target: { value: "70" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "promised-bed" }));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Start here" })));
    expect(screen.getByRole("spinbutton", { name: "Rapport" })).toHaveAccessibleDescription("Rapport must be a whole number from 0 to 100");
    expect(screen.getByRole("spinbutton", { name: "Rapport" })).toBeInvalid();
    expect(statusOf("Node")).toBe("arrival (turn)");
    expect(onNodeChange).not.toHaveBeenCalled();

    fireEvent.change(screen.getByRole("spinbutton", { name: "Rapport" }), { target: { value: "62" } });
    act(() => fireEvent.click(screen.getByRole("button", { name: "Start here" })));
    expect(screen.getByRole("spinbutton", { name: "Rapport" })).toBeValid();
    expect(statusOf("Node")).toBe("bed-promise (turn)");
    expect(statusOf("Flags")).toBe("promised-bed");
    expect(screen.getByText(/^This play began/)).toHaveTextContent("This play began at before-kim with rapport 62, mutuality 70, flags promised-bed.");
    expect([meter("Rapport"), meter("Mutuality")]).toEqual(["62", "70"]);
    expect(onNodeChange).toHaveBeenLastCalledWith("bed-promise");
    // Focus goes to the first choice, as on the play page.
    expect(choiceButtons()[0]).toHaveFocus();

    // A branch on rapport: low rapport ends the conversation at once, which the panel shows.
    fireEvent.change(node, { target: { value: "guarded-check" } });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Rapport" }), { target: { value: "10" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "promised-bed" }));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Start here" })));
    expect(statusOf("Node")).toBe("walks-out (ending)");
    expect(statusOf("Status")).toBe("Ended at walks-out: disengaged, after 0 choices");
    expect(screen.getByText(/^The conversation ended at/)).toHaveTextContent("The conversation ended at walks-out: disengaged.");
    expect(screen.queryByRole("group", { name: "Your response" })).toBeNull();

    // Restart begins again where this play began; "Start from the start" goes back to the scenario's start.
    act(() => fireEvent.click(screen.getByRole("button", { name: "Restart" })));
    expect(statusOf("Node")).toBe("walks-out (ending)");
    act(() => fireEvent.click(screen.getByRole("button", { name: "Start from the start" })));
    expect(statusOf("Node")).toBe("arrival (turn)");
    expect([meter("Rapport"), meter("Mutuality")]).toEqual(["35", "45"]);
  });

  it("offers first in its start form the node the page names, such as the one selected in the graph", () => {
    const { rerender } = render(<PlaytestPanel scenario={mutuality} startNodeId="options" />);
    expect(screen.getByRole("combobox", { name: "Node" })).toHaveValue("options");
    rerender(<PlaytestPanel scenario={mutuality} startNodeId="closing" />);
    expect(screen.getByRole("combobox", { name: "Node" })).toHaveValue("closing");
  });

  it("keeps the play going when the draft changes, replayed on the new text as far as it goes", () => {
    const { rerender } = render(<PlaytestPanel scenario={mutuality} />);
    act(() => fireEvent.click(choiceButtons()[0]!));
    const at = statusOf("Node");
    // The same text parsed again is a new object with the same play.
    rerender(<PlaytestPanel scenario={library("mutuality.scenario.yaml")} />);
    expect(statusOf("Node")).toBe(at);
    expect(statusOf("Status")).toBe("Active, turn 2");
    // A draft without the choice made goes back as far as it can, and says so.
    const arrival = mutuality.nodes.arrival!;
    if (arrival.type !== "turn") throw new Error("arrival is a turn");
    const renamed: Scenario = { ...mutuality, nodes: { ...mutuality.nodes, arrival: { ...arrival, choices: arrival.choices.map((c) => ({ ...c, id: `${c.id}-2` })) } } };
    rerender(<PlaytestPanel scenario={renamed} />);
    expect(statusOf("Node")).toBe("arrival (turn)");
    expect(screen.getByRole("status")).toHaveTextContent(/^The draft changed, so the play was replayed as far as it goes\. Choice ".*" is not on offer at "arrival"\.$/);
  });
});

describe("StatsPanel and PlaytestArea", () => {
  it("shows the analysis of `npm run scenarios -- stats` and plays the best path to its ending in the playtest", async () => {
    const stats = scenarioStats(mutuality);
    const best = stats.best!;
    const onNodeChange = vi.fn();
    render(<PlaytestArea scenario={mutuality} onNodeChange={onNodeChange} />);
    const play = await screen.findByRole("button", { name: "Play the best path" });

    const bestBox = within(screen.getByRole("group", { name: "Best path" }));
    expect(bestBox.getByText(/^Ends at/)).toHaveTextContent(
      `Ends at ${best.endingId} (${best.outcome}) after ${best.steps.length} turns, with rapport ${best.meters.rapport} and mutuality ${best.meters.mutuality}.`,
    );
    const worst = stats.worst!;
    expect(within(screen.getByRole("group", { name: "Worst path" })).getByText(/^Ends at/)).toHaveTextContent(`Ends at ${worst.endingId} (${worst.outcome})`);
    const endings = within(screen.getByRole("list", { name: "Every ending" })).getAllByRole("listitem");
    expect(endings).toHaveLength(stats.endings.length);
    expect(screen.getByText(/^Distinct paths:/)).toHaveTextContent(`Distinct paths: ${(stats.paths as bigint).toLocaleString("en-US")} from the start to an ending.`);
    expect(screen.getByText(/^Analysed/)).toHaveTextContent(`Analysed ${stats.counts.situations.toLocaleString("en-US")} situations in`);

    act(() => fireEvent.click(play));
    expect(statusOf("Node")).toBe(`${best.endingId} (ending)`);
    expect(statusOf("Status")).toBe(`Ended at ${best.endingId}: ${best.outcome}, after ${best.steps.length} choices`);
    expect([meter("Rapport"), meter("Mutuality")]).toEqual([String(best.meters.rapport), String(best.meters.mutuality)]);
    expect(onNodeChange).toHaveBeenLastCalledWith(best.endingId);
    expect(screen.getByRole("group", { name: "Where the play is" })).toHaveFocus();
    expect(screen.getAllByRole("status")[0]).toHaveTextContent(`Played a path of ${best.steps.length} choices from the start.`);
    // The transcript holds every choice of the path.
    for (const step of best.steps) {
      const node = mutuality.nodes[step.nodeId];
      const say = node?.type === "turn" ? node.choices.find((c) => c.id === step.choiceId)!.say : "";
      expect(log()).toHaveTextContent(say);
    }

    // The worst path plays from the start too, replacing the play.
    act(() => fireEvent.click(screen.getByRole("button", { name: "Play the worst path" })));
    expect(statusOf("Status")).toBe(`Ended at ${worst.endingId}: ${worst.outcome}, after ${worst.steps.length} choices`);

    // The analysis folds away.
    const fold = screen.getByRole("button", { name: /^Analysis/ });
    expect(fold).toHaveAttribute("aria-expanded", "true");
    act(() => fireEvent.click(fold));
    expect(fold).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("button", { name: "Play the best path" })).toBeNull();
  });

  it("names the endings no play reaches", async () => {
    const scenario: Scenario = {
      ...mutuality,
      nodes: { ...mutuality.nodes, unreached: { type: "ending", say: [], outcome: "mixed" } },
    };
    render(<StatsPanel scenario={scenario} onPlayPath={() => {}} />);
    expect(screen.getByRole("status")).toHaveTextContent("Analysing the draft…");
    await screen.findByRole("button", { name: "Play the best path" });
    const reachable = scenarioStats(mutuality).endings.filter((e) => e.reachable).length;
    expect(screen.getByText(/can be reached/)).toHaveTextContent(
      new RegExp(`^${reachable} of ${reachable + 1} endings can be reached; never reached: unreached\\.$`),
    );
    const unreached = within(screen.getByRole("list", { name: "Every ending" })).getAllByRole("listitem").at(-1)!;
    expect(unreached).toHaveTextContent("unreached, mixedNo play reaches it");
  });

  it("explains, in the worker's answer, a scenario with more situations than the analysis explores", () => {
    expect(answerStats({ seq: 3, scenario: mutuality, limit: 100 })).toEqual({
      seq: 3,
      error: "This draft can be in more than 100 situations (a node with the meters and flags a play reaches it with), too many to explore exactly. The playtest still plays it.",
    });
    expect(answerStats({ seq: 4, scenario: mutuality })).toMatchObject({ seq: 4, stats: scenarioStats(mutuality) });
  });
});
