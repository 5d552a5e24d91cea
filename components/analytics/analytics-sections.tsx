import type { ReactNode } from "react";
import type { AnalyticsTable, ScenarioAnalytics } from "../../contracts/analytics-answers";
import type { TableMode } from "../charts/chart-table";
import { analyticsCsvHref } from "./analytics-links";
import { ChoicesTable } from "./choices-table";
import { CsvLink } from "./csv-link";
import { AbandonmentTable, KindsChart, MetersChart, OutcomesChart, ReflectionsPanel, TimesTable } from "./figures-sections";
import { NodesTable } from "./nodes-table";
import { PitfallsList } from "./pitfalls-list";
import { Section } from "./section";

/** The sections in page order, for the page's own table of contents. */
export const SECTIONS = [
  { id: "graph", title: "Where sessions went" },
  { id: "choices", title: "Choices at each turn" },
  { id: "pitfalls", title: "Most common pitfalls" },
  { id: "outcomes", title: "Outcomes" },
  { id: "meters", title: "Meter trajectories" },
  { id: "kinds", title: "Kinds of response and reflections" },
  { id: "times", title: "Time per turn" },
  { id: "abandonment", title: "Where sessions are abandoned" },
] as const;

type SectionId = (typeof SECTIONS)[number]["id"];
const title = (id: SectionId) => SECTIONS.find((s) => s.id === id)!.title;

/**
 * Every section of a scenario's analytics: on the page with the graph drawn (`graph`), in the
 * printable report with the nodes as a table instead. Each table links to its CSV with the same filters.
 */
export function AnalyticsSections({ a, graph, tables = "visible" }: { a: ScenarioAnalytics; graph?: ReactNode; tables?: TableMode }) {
  const csv = (table: AnalyticsTable, what: string, label?: string) => (
    <CsvLink href={analyticsCsvHref(a.scenarioId, table, a.filters)} what={what} {...(label !== undefined && { label })} />
  );
  return (
    <>
      <Section
        id="graph"
        title={title("graph")}
        actions={csv("nodes", "the nodes reached")}
        intro={
          <>
            {graph && (
              <p className="print:hidden">
                Each box is a node of the scenario with how often it was reached (every return counted) and in how many sessions. Each arrow’s label ends with the share of
                the sessions that reached its turn which took that choice; the thicker the arrow, the larger the share. Harmful choices are dashed and marked “harmful”.
                Choices of one kind class between the same two nodes share an arrow, their figures added up; the table below the graph has each choice on its own.
              </p>
            )}
            <p className={graph ? "hidden print:block" : undefined}>
              Each node of the scenario with how often it was reached (every return counted), and by how many sessions and trainees.
            </p>
          </>
        }
      >
        {graph}
        {graph ? (
          <details className="chart-figures text-sm">
            <summary className="cursor-pointer text-brand-700 underline">Every node’s visits, as a table</summary>
            <NodesTable scenario={a.scenario} nodes={a.nodes} />
          </details>
        ) : (
          <NodesTable scenario={a.scenario} nodes={a.nodes} />
        )}
      </Section>

      <Section
        id="choices"
        title={title("choices")}
        actions={csv("choices", "the choices")}
        intro={<p>For each turn, the share of the sessions that reached it which took each choice, the times it was picked (a session that came back to a turn can pick again), and the trainees who took it.</p>}
      >
        <ChoicesTable scenario={a.scenario} choices={a.choices} nodes={a.nodes} />
      </Section>

      <Section
        id="pitfalls"
        title={title("pitfalls")}
        actions={csv("pitfalls", "the pitfalls")}
        intro={<p>The harmful choices picked most often, with the feedback trainees saw after them and the notes they wrote on why they chose them.</p>}
      >
        <PitfallsList pitfalls={a.pitfalls} choices={a.choices} />
      </Section>

      <Section id="outcomes" title={title("outcomes")} actions={csv("outcomes", "the outcomes")} intro={<p>How the sessions that reached an ending ended. Abandoned and unfinished sessions have no outcome.</p>}>
        <OutcomesChart outcomes={a.outcomes} table={tables} />
      </Section>

      <Section
        id="meters"
        title={title("meters")}
        actions={csv("meters", "the meter trajectories")}
        intro={<p>Rapport and mutuality after each turn: the line is the median of the sessions that got that far, the band the middle half of them (from the 25th to the 75th percentile). Fewer sessions reach the later turns, so read those with care.</p>}
      >
        <MetersChart meters={a.meters} table={tables} />
      </Section>

      <Section
        id="kinds"
        title={title("kinds")}
        actions={
          <span className="flex flex-wrap gap-2">
            {csv("kinds", "the kinds of response", "kinds")}
            {csv("reflections", "the reflection metrics", "reflections")}
          </span>
        }
        intro={<p>Every response chosen, by kind, as a share of all of them; and the reflection metrics of all the sessions pooled, beside the MITI thresholds the debrief uses.</p>}
      >
        <div className="grid gap-6 lg:grid-cols-2">
          <KindsChart kinds={a.kinds} table={tables} />
          <ReflectionsPanel reflections={a.reflections} />
        </div>
      </Section>

      <Section id="times" title={title("times")} actions={csv("times", "the time per turn")} intro={<p>How long trainees took to choose at each turn: the median, and the middle half of the times.</p>}>
        <TimesTable scenario={a.scenario} times={a.times} />
      </Section>

      <Section
        id="abandonment"
        title={title("abandonment")}
        actions={csv("abandonment", "where sessions are abandoned")}
        intro={<p>The node each abandoned session was at when it was abandoned, as a share of the abandoned sessions and of the sessions that got there.</p>}
      >
        <AbandonmentTable scenario={a.scenario} abandonment={a.abandonment} abandoned={a.counts.abandoned} />
      </Section>
    </>
  );
}
