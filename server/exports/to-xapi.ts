/**
 * A session as xAPI 1.0.3 statements for a Learning Record Store: one "responded" per choice, one
 * "commented" per note the trainee wrote on a choice, and one "completed" when the session is
 * completed.
 *
 * A note is its own "commented" statement about the choice's "responded" statement (a
 * StatementRef), with the note as its `result.response`, as ADL's "commented" verb has it. It is
 * not put on the "responded" statement: that statement's `response` is the chosen choice's id, as
 * a cmi.interaction of type choice requires, and a note can be written or changed after the
 * session was exported, which would give the choice's statement new content under an id an LRS
 * already holds (it refuses that). A changed note makes a new "commented" statement instead.
 *
 * Ids are version-5 UUIDs in a namespace derived from `baseUrl` (so two deployments never mint
 * the same id), from these names:
 * - registration: `session/<session id>`, unless the session id is already a UUID (then that, lowercased);
 * - responded: `session/<session id>/responded/<seq>/<choice id>/<chosen at>`: a choice taken back in
 *   practice and made again differently gets a new id, because an LRS refuses a known id with
 *   different content;
 * - commented: `session/<session id>/commented/<seq>/<choice id>/<chosen at>/<note>`;
 * - completed: `session/<session id>/completed`.
 *
 * `version` is left out: the LRS sets it. The nodes' activity definitions list every choice of
 * the node, not only those on offer, so each activity id keeps one definition.
 */
import type { SessionTranscript } from "../../contracts/session-export";
import { isUuid, URL_NAMESPACE, uuidV5 } from "./uuid-v5";

/** A language map: BCP 47 tag → text. */
export type XapiLanguageMap = Record<string, string>;

export interface XapiAgent {
  objectType: "Agent";
  name: string;
  account: { homePage: string; name: string };
}

export interface XapiVerb {
  id: string;
  display: XapiLanguageMap;
}

export interface XapiActivityDefinition {
  name: XapiLanguageMap;
  description?: XapiLanguageMap;
  type: string;
  interactionType?: "choice";
  choices?: { id: string; description: XapiLanguageMap }[];
}

export interface XapiActivity {
  objectType: "Activity";
  id: string;
  definition: XapiActivityDefinition;
}

/** Another statement, as the object of one about it. */
export interface XapiStatementRef {
  objectType: "StatementRef";
  id: string;
}

export interface XapiResult {
  success?: boolean;
  completion?: boolean;
  response?: string;
  /** ISO 8601 duration. */
  duration?: string;
  /** Absent on a "commented" statement, whose result is only the comment. */
  extensions?: Record<string, unknown>;
}

export interface XapiContext {
  registration: string;
  contextActivities?: { parent: XapiActivity[] };
  platform: string;
  language: string;
  extensions: Record<string, unknown>;
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: XapiVerb;
  object: XapiActivity | XapiStatementRef;
  result: XapiResult;
  context: XapiContext;
  /** ISO 8601 time of the experience, not of the export. */
  timestamp: string;
}

export interface XapiOptions {
  /** Where the program is served; activity ids and extension IRIs are built under it. */
  baseUrl: string;
  /** The system participants' account names belong to; defaults to `baseUrl`. */
  homePage?: string;
}

export const XAPI_VERBS = {
  responded: { id: "http://adlnet.gov/expapi/verbs/responded", display: { "en-US": "responded" } },
  commented: { id: "http://adlnet.gov/expapi/verbs/commented", display: { "en-US": "commented" } },
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
} as const satisfies Record<string, XapiVerb>;

export const XAPI_ACTIVITY_TYPES = {
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
  simulation: "http://adlnet.gov/expapi/activities/simulation",
} as const;

/** The program's extension names; each becomes `<baseUrl>/xapi/extensions/<name>`. */
export const XAPI_EXTENSIONS = [
  "response-kind",
  "rapport",
  "mutuality",
  "rapport-delta",
  "mutuality-delta",
  "outcome",
  "scenario-version",
  "mode",
] as const;
export type XapiExtensionName = (typeof XAPI_EXTENSIONS)[number];

function absoluteUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`[exports] ${what} "${value}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`[exports] ${what} "${value}" is not an http(s) URL`);
  }
  // A trailing slash would double up when paths are appended.
  return value.replace(/\/+$/, "");
}

/** ISO 8601 duration of `ms`, truncated to the hundredth of a second xAPI keeps. */
export function isoDuration(ms: number): string {
  // Truncated rather than rounded, as an LRS does, so the stored statement equals the one sent;
  // a clock that moved backwards must not produce a negative duration, which ISO 8601 lacks.
  const cs = Math.floor(Math.max(0, ms) / 10);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6_000);
  const s = (cs % 6_000) / 100;
  const parts = `${h > 0 ? `${h}H` : ""}${m > 0 ? `${m}M` : ""}${s > 0 || (h === 0 && m === 0) ? `${s}S` : ""}`;
  return `PT${parts}`;
}

/** The session's xAPI statements, in the order they happened; the same input always gives the same statements. */
export function toXapiStatements(t: SessionTranscript, options: XapiOptions): XapiStatement[] {
  const base = absoluteUrl(options.baseUrl, "baseUrl");
  const homePage = options.homePage === undefined ? base : absoluteUrl(options.homePage, "homePage");
  const namespace = uuidV5(URL_NAMESPACE, base);
  const sessionName = `session/${t.session.id}`;
  const registration = isUuid(t.session.id) ? t.session.id.toLowerCase() : uuidV5(namespace, sessionName);
  const lang = t.scenario.language;
  const ext = (name: XapiExtensionName) => `${base}/xapi/extensions/${name}`;
  const scenarioIri = `${base}/scenarios/${encodeURIComponent(t.scenario.id)}`;
  const scenarioActivity: XapiActivity = {
    objectType: "Activity",
    id: scenarioIri,
    definition: {
      name: { [lang]: t.scenario.title },
      description: { [lang]: t.scenario.summary },
      type: XAPI_ACTIVITY_TYPES.simulation,
    },
  };
  const actor: XapiAgent = { objectType: "Agent", name: t.session.participant, account: { homePage, name: t.session.participant } };
  const context = (parent: boolean): XapiContext => ({
    registration,
    // The scenario cannot be its own parent, so the completed statement has none.
    ...(parent && { contextActivities: { parent: [scenarioActivity] } }),
    platform: "Peer Practice",
    language: lang,
    extensions: { [ext("scenario-version")]: t.scenario.versionHash, [ext("mode")]: t.session.mode },
  });

  const statements = t.turns.flatMap((turn): XapiStatement[] => {
    const responded: XapiStatement = {
      id: uuidV5(namespace, `${sessionName}/responded/${turn.number}/${turn.choice.id}/${turn.chosenAt}`),
      actor,
      verb: XAPI_VERBS.responded,
      object: {
        objectType: "Activity",
        id: `${scenarioIri}/nodes/${encodeURIComponent(turn.nodeId)}`,
        definition: {
          name: { [lang]: `${t.scenario.title}: ${turn.nodeId}` },
          description: { [lang]: turn.lines.join("\n") },
          type: XAPI_ACTIVITY_TYPES.interaction,
          interactionType: "choice",
          choices: turn.options.map((o) => ({ id: o.id, description: { [lang]: o.text } })),
        },
      },
      result: {
        response: turn.choice.id,
        duration: isoDuration(turn.timeTakenMs),
        extensions: {
          [ext("response-kind")]: turn.kind.id,
          [ext("rapport")]: turn.after.rapport,
          [ext("mutuality")]: turn.after.mutuality,
          [ext("rapport-delta")]: turn.deltas.rapport,
          [ext("mutuality-delta")]: turn.deltas.mutuality,
        },
      },
      context: context(true),
      timestamp: turn.chosenAt,
    };
    if (turn.note === null) return [responded];
    const commented: XapiStatement = {
      id: uuidV5(namespace, `${sessionName}/commented/${turn.number}/${turn.choice.id}/${turn.chosenAt}/${turn.note}`),
      actor,
      verb: XAPI_VERBS.commented,
      object: { objectType: "StatementRef", id: responded.id },
      result: { response: turn.note },
      context: context(true),
      // The note is about the choice made then; when it was written is not kept.
      timestamp: turn.chosenAt,
    };
    return [responded, commented];
  });

  if (t.session.status === "completed") {
    const s = t.session;
    const endedAt = s.endedAt ?? t.turns.at(-1)?.chosenAt ?? s.startedAt;
    statements.push({
      id: uuidV5(namespace, `${sessionName}/completed`),
      actor,
      verb: XAPI_VERBS.completed,
      object: scenarioActivity,
      result: {
        completion: true,
        ...(s.outcome !== null && { success: s.outcome === "connected" }),
        ...(s.endedAt !== null && { duration: isoDuration(Date.parse(s.endedAt) - Date.parse(s.startedAt)) }),
        extensions: {
          ...(s.outcome !== null && { [ext("outcome")]: s.outcome }),
          [ext("rapport")]: s.finalMeters.rapport,
          [ext("mutuality")]: s.finalMeters.mutuality,
        },
      },
      context: context(false),
      timestamp: endedAt,
    });
  }
  // Statements share actor, verb and activity objects while built; copies keep a caller who
  // edits one statement (say, to add `authority`) from changing the others.
  return structuredClone(statements);
}
