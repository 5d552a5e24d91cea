import { printScenarioDocument, scenarioDocument } from "../serialize-scenario";
import { classifyPassages } from "./classify-passages";
import { commentBefore } from "./comment-before";
import { ImportLog, type TweeWarning } from "./import-log";
import { importNode } from "./import-node";
import { importStart } from "./import-start";
import { importStoryInfo } from "./import-story-info";
import type { Json } from "./json-object";
import { namePassages } from "./name-passages";
import { readPassages } from "./read-passages";

export interface TweeImport {
  /** A scenario file; placeholders stand in, with YAML comments, for what the Twee file lacked. */
  yaml: string;
  warnings: TweeWarning[];
}

/** Reads a Twee 3 story into a scenario file, with a warning for everything not carried over. */
export function importTwee(text: string): TweeImport {
  const source = text.replace(/\r\n?/g, "\n");
  const log = new ImportLog(source);
  const passages = readPassages(source, (n) => log.warn(n.offset, n.rule, n.message));
  const { title, data, metadata, story } = classifyPassages(passages, log);
  const names = namePassages(story);
  const nodes: Json = {};
  story.forEach((p, i) => {
    const id = names.ids[i] ?? "";
    nodes[id] = importNode(p, id, names, log);
  });
  // Story-wide fields after the nodes, so that warnings found at one position keep this order.
  const info = importStoryInfo(metadata, title, log);
  const start = importStart(data, names, log);

  const file: Json = {
    format: 1,
    id: info.id,
    title: info.title,
    summary: info.summary,
    ...info.optional,
    roles: info.roles,
    ...(info.meters !== undefined && { meters: info.meters }),
    start,
    nodes,
  };
  const doc = scenarioDocument(file);
  for (const c of log.comments) commentBefore(doc, c.path, c.text);
  return { yaml: printScenarioDocument(doc), warnings: log.warnings() };
}
