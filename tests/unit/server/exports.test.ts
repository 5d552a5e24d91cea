import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { replay } from "../../../machines/replay";
import { sessionExportJsonSchema, type SessionTranscript } from "../../../contracts/session-export";
import { sessionTranscript } from "../../../server/exports/session-transcript";
import { sessionExport, toExportJson } from "../../../server/exports/to-json";
import { escapeMarkdown, formatTime, formatTimeTaken, toMarkdown } from "../../../server/exports/to-markdown";
import { isoDuration, toXapiStatements, type XapiStatement } from "../../../server/exports/to-xapi";
import { isUuid, URL_NAMESPACE, uuidV5 } from "../../../server/exports/uuid-v5";
import type { ChoiceRow, CommentRow, SessionRow } from "../../../server/store";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

const SCHEMA_FILE = "server/exports/session-export.schema.json";
const BASE = "https://practice.example.org";
const SESSION_ID = "3f1c2b7e-8d4a-4c1e-9b2f-5a6d7e8f9a0b";

const scenario = fakeScenario({
  id: "first-visit",
  title: "First *visit* to the [drop-in]",
  summary: "Marcus came for the coffee.",
  roles: { trainee: "Peer specialist", counterpart: { name: "Marcus" } },
  meters: { rapport: 40, mutuality: 50 },
  start: "coffee",
  nodes: {
    coffee: fakeTurn(
      [
        fakeChoice({
          id: "reflect",
          say: "Sounds like _coffee_ is [all] you want today.",
          kind: "listening-to",
          reflection: "complex",
          feedback: "You reflected *his* choice\nwithout pitching anything.",
          next: "programs",
        }),
        fakeChoice({ id: "form", say: "Let me grab you an intake form.", kind: "dominating", next: "programs" }),
        fakeChoice({ id: "why", kind: "closed-question", next: "programs" }),
      ],
      ["(by the coffee pot) You work here?", "I'm *just* here for the coffee."],
    ),
    programs: fakeTurn([
      fakeChoice({ id: "ask", say: "What happened in those places?", kind: "open-question", next: "stays" }),
      fakeChoice({ id: "validate", say: "That sounds exhausting.", kind: "validating", next: "stays" }),
      fakeChoice({
        id: "lecture",
        kind: "judging",
        when: { rapport: { op: "<", value: 20 } },
        next: "leaves",
      }),
    ]),
    stays: { ...fakeEnding("connected", ["(pours a second cup)"]), debrief: "Marcus stayed." },
    leaves: fakeEnding("disengaged", ["(walks out)"]),
  },
});
const HASH = "ab".repeat(32);

function sessionRow(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: SESSION_ID,
    scenarioId: "first-visit",
    scenarioHash: HASH,
    mode: "practice",
    participant: "Alex_R",
    userId: null,
    seed: 7,
    status: "completed",
    startedAt: "2025-03-04T10:00:00.000Z",
    endedAt: "2025-03-04T10:03:25.500Z",
    outcome: "connected",
    finalMeters: { rapport: 55, mutuality: 60 },
    reviewed: true,
    turns: 2,
    ...overrides,
  };
}

function choiceRow(seq: number, choiceId: string, sessionId = SESSION_ID, note: string | null = null): ChoiceRow {
  return {
    sessionId,
    seq,
    choiceId,
    timeTakenMs: seq * 4_200,
    createdAt: `2025-03-04T10:0${seq}:00.000Z`,
    note,
  };
}

function commentRow(id: string, turn: number | null, body: string, createdAt: string): CommentRow {
  return { id, sessionId: SESSION_ID, turn, author: "Dana *Lead*", authorId: null, body, createdAt, editedAt: null };
}

const choices = [choiceRow(2, "ask"), choiceRow(1, "reflect")];
const comments = [
  commentRow("c2", null, "Good session overall.", "2025-03-05T09:00:00.000Z"),
  commentRow("c1", 1, "Nice *reflection* - try [more] of these.", "2025-03-05T08:00:00.000Z"),
  commentRow("c3", 5, "On a turn that was taken back.", "2025-03-05T08:30:00.000Z"),
];

function completed(): SessionTranscript {
  return sessionTranscript(sessionRow(), scenario, choices, comments);
}

function active(): SessionTranscript {
  return sessionTranscript(
    sessionRow({ status: "active", endedAt: null, outcome: null, finalMeters: null, turns: 1 }),
    scenario,
    [choiceRow(1, "form")],
    [],
  );
}

describe("session transcript", () => {
  it("replays the stored choices in seq order and takes every meter from the replay", () => {
    const t = completed();
    const r = replay(scenario, ["reflect", "ask"]);
    expect(t.turns.map((x) => x.choice.id)).toEqual(["reflect", "ask"]);
    t.turns.forEach((turn, i) => {
      const rt = r.turns[i]!;
      expect(turn).toMatchObject({
        number: i + 1,
        nodeId: rt.nodeId,
        lines: rt.lines,
        deltas: rt.deltas,
        before: rt.before,
        after: rt.after,
        kind: { id: rt.kind },
      });
    });
    expect(t.session.startMeters).toEqual({ rapport: 40, mutuality: 50 });
    expect(t.session.finalMeters).toEqual(r.meters);
    expect(t.session.outcome).toBe("connected");
    expect(t.ending).toEqual({ nodeId: "stays", outcome: "connected", lines: ["(pours a second cup)"], debrief: "Marcus stayed." });
  });

  it("carries the session's metadata, the choice's text, kind, feedback and time taken", () => {
    const t = completed();
    expect(t.session).toMatchObject({ id: SESSION_ID, mode: "practice", participant: "Alex_R", status: "completed", reviewed: true });
    expect(t.scenario).toMatchObject({ id: "first-visit", versionHash: HASH, counterpart: "Marcus", language: "en" });
    expect(t.turns[0]).toMatchObject({
      choice: { id: "reflect", text: "Sounds like _coffee_ is [all] you want today." },
      kind: { id: "listening-to", label: "Listening to", effect: "helpful" },
      reflection: "complex",
      feedback: "You reflected *his* choice\nwithout pitching anything.",
      timeTakenMs: 4_200,
      chosenAt: "2025-03-04T10:01:00.000Z",
    });
    expect(t.turns[1]?.feedback).toBeNull();
  });

  it("names the strongest alternative only when it beats the choice made, and marks hidden options", () => {
    const [first, second] = completed().turns;
    expect(first?.strongestAlternative).toBeNull();
    expect(second?.strongestAlternative).toEqual({
      id: "validate",
      text: "That sounds exhausting.",
      kind: "validating",
      kindLabel: "Validating",
      deltas: { rapport: 10, mutuality: 5 },
    });
    expect(second?.options.map((o) => [o.id, o.offered])).toEqual([
      ["ask", true],
      ["validate", true],
      ["lecture", false],
    ]);
  });

  it("puts comments on their turn, and whole-session and taken-back ones on the session, oldest first", () => {
    const t = completed();
    expect(t.turns[0]?.comments.map((c) => c.id)).toEqual(["c1"]);
    expect(t.turns[1]?.comments).toEqual([]);
    expect(t.comments.map((c) => c.id)).toEqual(["c3", "c2"]);
  });

  it("gives the debrief figures with MITI's thresholds", () => {
    const d = completed().debrief;
    expect(d.reflections).toMatchObject({ reflections: 1, complex: 1, questions: 1, ratio: 1, ratioBand: "fair", percentComplex: 100 });
    expect(d.thresholds).toMatchObject({ reflectionToQuestion: { fair: 1, good: 2 }, percentComplex: { fair: 40, good: 50 } });
    expect(d.thresholds.note).toMatch(/expert opinion/);
    expect(d.kindMix).toEqual([
      { kind: "listening-to", label: "Listening to", effect: "helpful", count: 1 },
      { kind: "open-question", label: "Open question", effect: "helpful", count: 1 },
    ]);
    expect([d.helpful, d.harmful]).toEqual([2, 0]);
    expect(d.series.map((s) => s.turn)).toEqual([0, 1, 2]);
  });

  it("refuses rows that do not belong together", () => {
    expect(() => sessionTranscript(sessionRow({ scenarioId: "other" }), scenario, choices, [])).toThrow(
      /\[exports\] session ".*": played on scenario "other", not "first-visit"/,
    );
    expect(() => sessionTranscript(sessionRow(), scenario, [choiceRow(1, "reflect", "someone-else")], [])).toThrow(
      /row of session "someone-else"/,
    );
  });

  it("covers the turns that replay when the stored choices do not, and says why in a notice", () => {
    expect(completed().notice).toBeNull();
    const open = { status: "active", endedAt: null, outcome: null, finalMeters: null } as const;

    const gap = sessionTranscript(sessionRow({ ...open, turns: 1 }), scenario, [choiceRow(2, "ask")], []);
    expect(gap.turns).toEqual([]);
    expect(gap.notice).toBe("Turn 1 of this session is missing from the database, so only no turn can be shown.");

    const hidden = sessionTranscript(sessionRow({ ...open, turns: 2 }), scenario, [choiceRow(1, "reflect"), choiceRow(2, "lecture")], []);
    expect(hidden.turns.map((t) => t.choice.id)).toEqual(["reflect"]);
    expect(hidden.notice).toMatch(/^Turn 2 of this session \(choice "lecture" at "[a-z-]+"\) was not on offer in the scenario version it was played on, so only turn 1 can be shown\.$/);
    expect(hidden.session.finalMeters).toEqual(hidden.turns[0]!.after);

    const mismatch = sessionTranscript(sessionRow({ outcome: "disengaged" }), scenario, choices, []);
    expect(mismatch.turns).toHaveLength(2);
    expect(mismatch.session.outcome).toBe("connected");
    expect(mismatch.notice).toBe(
      "This session is recorded as completed with the outcome disengaged, but its stored choices end connected; the transcript shows what the choices replay to.",
    );
    // Every export format carries the notice.
    expect(toMarkdown(hidden)).toContain("**Note:** Turn 2 of this session");
    expect(JSON.parse(toExportJson(hidden)).notice).toBe(hidden.notice);
  });
});

describe("notes on choices", () => {
  const NOTE = "He *said* coffee: [I] took him at his word.\n<script>alert(1)</script>";
  const noted = () => sessionTranscript(sessionRow(), scenario, [choiceRow(2, "ask"), choiceRow(1, "reflect", SESSION_ID, NOTE)], comments);

  it("carries each turn's note, null where there is none", () => {
    expect(noted().turns.map((t) => t.note)).toEqual([NOTE, null]);
    expect(completed().turns.map((t) => t.note)).toEqual([null, null]);
  });

  it("gives the note under the trainee's line in Markdown as text, never as markup", () => {
    const md = toMarkdown(noted());
    expect(md).toContain(
      "**You:** Sounds like \\_coffee\\_ is \\[all\\] you want today.\n\n**Why:** He \\*said\\* coffee: \\[I\\] took him at his word.\\\n\\<script\\>alert(1)\\</script\\>\n",
    );
    expect(md.match(/\*\*Why:\*\*/g)).toHaveLength(1);
    expect(toMarkdown(completed())).not.toContain("**Why:**");
  });

  it("puts the note in the JSON export, which the committed schema accepts", () => {
    const json = JSON.parse(toExportJson(noted())) as { turns: { note: string | null }[] };
    expect(json.turns.map((t) => t.note)).toEqual([NOTE, null]);
  });

  it("says the note in xAPI as a commented statement about the choice's statement, its result.response the note", () => {
    const statements = toXapiStatements(noted(), { baseUrl: BASE });
    expect(statements.map((s) => s.verb.display["en-US"])).toEqual(["responded", "commented", "responded", "completed"]);
    statements.forEach(expectStatementShape);
    const [responded, commented] = statements;
    // The choice's own statement is as it was without the note: its response stays the choice's id.
    expect(responded).toEqual(toXapiStatements(completed(), { baseUrl: BASE })[0]);
    expect(commented).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/commented" },
      object: { objectType: "StatementRef", id: responded!.id },
      result: { response: NOTE },
      timestamp: responded!.timestamp,
      context: { registration: SESSION_ID },
    });
    // A changed note is a new statement, never new content under an id an LRS already holds.
    const changed = toXapiStatements(
      sessionTranscript(sessionRow(), scenario, [choiceRow(2, "ask"), choiceRow(1, "reflect", SESSION_ID, "Changed.")], comments),
      { baseUrl: BASE },
    );
    expect(changed[1]!.id).not.toBe(commented!.id);
    expect(changed[0]!.id).toBe(responded!.id);
  });
});

describe("markdown export", () => {
  const md = toMarkdown(completed());

  it("has the title, metadata, outcome, turns, debrief and comment sections", () => {
    expect(md.startsWith("# First \\*visit\\* to the \\[drop-in\\]\n")).toBe(true);
    for (const heading of ["## Outcome", "## Turns", "### Turn 1", "### Turn 2", "## Debrief", "### Response kinds", "## Session comments"]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain("- **Participant:** Alex\\_R");
    expect(md).toContain("- **Mode:** practice");
    expect(md).toContain("- **Reviewed:** yes");
    expect(md).toContain("**Connected** after 2 turns. Rapport 40 → 55, mutuality 50 → 60.");
  });

  it("quotes the counterpart, gives the trainee's line, kind, meters, feedback, time and comments", () => {
    expect(md).toContain("**Marcus:**\n\n> (by the coffee pot) You work here?\n>\n> I'm \\*just\\* here for the coffee.\n");
    expect(md).toContain("**You:** Sounds like \\_coffee\\_ is \\[all\\] you want today.");
    expect(md).toContain("- **Kind:** Listening to, complex reflection (helpful).");
    expect(md).toContain("- **Rapport:** 40 → 50 (+10)");
    expect(md).toContain("- **Mutuality:** 50 → 55 (+5)");
    expect(md).toContain("- **Feedback:** You reflected \\*his\\* choice\\\n  without pitching anything.");
    expect(md).toContain("- **Time taken:** 4.2 s");
    expect(md).toContain("- **Strongest option on offer:** “That sounds exhausting.” (Validating; rapport +10, mutuality +5)");
    expect(md).toContain("- **Dana \\*Lead\\***, 2025-03-05 08:00 UTC: Nice \\*reflection\\* - try \\[more\\] of these.");
    expect(md).toContain("(on turn 5, since taken back)");
  });

  it("shows the reflection metrics beside MITI's thresholds and notes they are expert opinion", () => {
    expect(md).toContain("- **Reflection-to-question ratio:** 1:1 (fair; MITI fair 1:1, good 2:1)");
    expect(md).toContain("- **Complex reflections:** 100% of 1 (good; MITI fair 40%, good 50%)");
    expect(md).toContain("expert opinion");
    expect(md).toContain("| Listening to | helpful | 1 |");
  });

  it("never lets user or scenario text turn into emphasis or links", () => {
    expect(md).not.toMatch(/(?<!\\)\*just(?<!\\)\*/);
    expect(md).not.toMatch(/(?<!\\)\[all/);
    expect(md).not.toMatch(/(?<!\\)_coffee/);
  });

  it("writes every time with its zone: UTC unless TIME_ZONE says another", () => {
    expect(md).toContain("- **Started:** 2025-03-04 10:00 UTC\n- **Ended:** 2025-03-04 10:03 UTC\n");
    expect(md).toContain("- **Dana \\*Lead\\*** (on turn 5, since taken back), 2025-03-05 08:30 UTC: On a turn");
    const ny = toMarkdown(completed(), { timeZone: "America/New_York" });
    expect(ny).toContain("- **Started:** 2025-03-04 05:00 America/New_York (UTC-05:00)\n- **Ended:** 2025-03-04 05:03 America/New_York (UTC-05:00)\n");
    expect(ny).toContain("- **Dana \\*Lead\\***, 2025-03-05 03:00 America/New_York (UTC-05:00): Nice");
    // No time is left without its zone.
    for (const text of [md, ny]) {
      const times = [...text.matchAll(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d\S*( UTC| America\/New_York \(UTC-05:00\))?/g)];
      // Started, ended and the three comments.
      expect(times).toHaveLength(5);
      for (const t of times) expect(t[1], t[0]).toBeDefined();
    }
  });

  it("says so when no ending was reached and nothing was commented", () => {
    const a = toMarkdown(active());
    expect(a).toContain("**No ending reached** (active) after 1 turn.");
    expect(a).toContain("- **Ended:** not yet");
    expect(a).toMatch(/## Session comments\n\nNone\.\n$/);
  });
});

describe("escapeMarkdown", () => {
  it("escapes emphasis, links, code, HTML and table characters", () => {
    expect(escapeMarkdown("*a* _b_ [c](d) `e` <f> g|h ~i~ \\")).toBe("\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\<f\\> g\\|h \\~i\\~ \\\\");
  });

  it("escapes what would start a block only at the start of a line", () => {
    expect(escapeMarkdown("# no\n- no\n+ no\n1. no\n    code? no\n== x\nnot - here # here")).toBe(
      "\\# no\n\\- no\n\\+ no\n1\\. no\ncode? no\n\\== x\nnot - here # here",
    );
  });

  it("keeps entity-looking text literal", () => {
    expect(escapeMarkdown("a &amp; b & c")).toBe("a \\&amp; b & c");
  });
});

describe("formatTime", () => {
  it("writes an ISO time to the minute with its zone, the offset it had on that day", () => {
    expect(formatTime("2025-03-04T10:00:59.999Z")).toBe("2025-03-04 10:00 UTC");
    expect(formatTime("2025-03-04T10:00:00+02:00", "UTC")).toBe("2025-03-04 08:00 UTC");
    expect(formatTime("2025-07-01T23:30:00.000Z", "Europe/Paris")).toBe("2025-07-02 01:30 Europe/Paris (UTC+02:00)");
    expect(formatTime("2025-01-01T12:00:00.000Z", "Europe/London")).toBe("2025-01-01 12:00 Europe/London (UTC+00:00)");
    expect(formatTime("2025-01-01T12:00:00.000Z", "Asia/Kolkata")).toBe("2025-01-01 17:30 Asia/Kolkata (UTC+05:30)");
    expect(formatTime("2025-01-01T00:10:00.000Z", "Etc/UTC")).toBe("2025-01-01 00:10 UTC");
  });

  it("gives a text that is no time as it is", () => {
    expect(formatTime("yesterday")).toBe("yesterday");
  });
});

describe("formatTimeTaken", () => {
  it("reads seconds under a minute and minutes beyond", () => {
    expect([formatTimeTaken(4_200), formatTimeTaken(60_000), formatTimeTaken(65_400)]).toEqual(["4.2 s", "1 min", "1 min 5 s"]);
  });
});

/** A JSON Schema node, as far as the walks below look. */
interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $ref?: string;
}

function walk(node: SchemaNode, path: string, visit: (node: SchemaNode, path: string) => void): void {
  visit(node, path);
  for (const [k, v] of Object.entries(node.properties ?? {})) walk(v, `${path}.${k}`, visit);
  if (node.items) walk(node.items, `${path}[]`, visit);
  node.anyOf?.forEach((v, i) => walk(v, `${path}|${i}`, visit));
}

describe("JSON export", () => {
  const committed = readFileSync(SCHEMA_FILE, "utf8");
  const schema = JSON.parse(committed) as SchemaNode;
  const validator = z.fromJSONSchema(JSON.parse(committed) as Parameters<typeof z.fromJSONSchema>[0]);

  it("the committed JSON Schema is the one the zod schema generates (see session-export-schema.ts to regenerate)", () => {
    expect(committed).toBe(sessionExportJsonSchema());
  });

  it("documents every property, requires every key and allows no others", () => {
    const problems: string[] = [];
    walk(schema, "$", (node, path) => {
      if (node.$ref) problems.push(`${path}: uses $ref`);
      if (!node.properties) return;
      const keys = Object.keys(node.properties);
      if (JSON.stringify([...(node.required ?? [])].sort()) !== JSON.stringify([...keys].sort())) {
        problems.push(`${path}: required ${JSON.stringify(node.required)} is not every key`);
      }
      if (node.additionalProperties !== false) problems.push(`${path}: allows additional properties`);
      for (const [k, v] of Object.entries(node.properties)) {
        if (!v.description) problems.push(`${path}.${k}: no description`);
      }
    });
    expect(problems).toEqual([]);
  });

  it("is versioned and validates against the committed schema", () => {
    const json = JSON.parse(toExportJson(completed())) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 2)).toEqual(["format", "version"]);
    expect(json).toMatchObject({ format: "peer-practice-session", version: 3 });
    expect(validator.safeParse(json).error).toBeUndefined();
    expect(validator.safeParse(JSON.parse(toExportJson(active()))).error).toBeUndefined();
  });

  it("the committed schema rejects a missing key, an unknown key and a wrong type", () => {
    const good = JSON.parse(toExportJson(completed())) as Record<string, unknown> & { turns: Record<string, unknown>[] };
    const { session: _dropped, ...missing } = good;
    expect(validator.safeParse(missing).success).toBe(false);
    expect(validator.safeParse({ ...good, extra: true }).success).toBe(false);
    expect(validator.safeParse({ ...good, version: 1 }).success).toBe(false);
    const badTurn = { ...good.turns[0], timeTakenMs: "4.2 s" };
    expect(validator.safeParse({ ...good, turns: [badTurn] }).success).toBe(false);
  });

  it("refuses to produce an export the schema would reject", () => {
    const t = completed();
    expect(() => sessionExport({ ...t, session: { ...t.session, startedAt: "yesterday" } })).toThrow();
  });
});

const IRI = /^https?:\/\/[^\s]+$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function expectStatementShape(s: XapiStatement) {
  expect(isUuid(s.id)).toBe(true);
  expect(s.actor).toEqual({ objectType: "Agent", name: "Alex_R", account: { homePage: BASE, name: "Alex_R" } });
  expect(s.verb.id).toMatch(IRI);
  expect(Object.keys(s.verb.display)).toEqual(["en-US"]);
  if (s.object.objectType === "StatementRef") {
    expect(isUuid(s.object.id)).toBe(true);
  } else {
    expect(s.object.objectType).toBe("Activity");
    expect(s.object.id).toMatch(IRI);
    expect(s.object.definition.type).toMatch(IRI);
  }
  expect(s.timestamp).toMatch(ISO_TIME);
  expect(isUuid(s.context.registration)).toBe(true);
  if (s.result.duration !== undefined) expect(s.result.duration).toMatch(ISO_DURATION);
  for (const key of [...Object.keys(s.result.extensions ?? {}), ...Object.keys(s.context.extensions)]) expect(key).toMatch(IRI);
  for (const parent of s.context.contextActivities?.parent ?? []) expect(parent.id).toMatch(IRI);
  expect(s).not.toHaveProperty("version");
}

describe("xAPI statements", () => {
  const statements = toXapiStatements(completed(), { baseUrl: `${BASE}/` });

  it("has an id, actor, verb, object and timestamp in the 1.0.3 shape on every statement", () => {
    expect(statements).toHaveLength(3);
    statements.forEach(expectStatementShape);
    expect(new Set(statements.map((s) => s.id)).size).toBe(3);
  });

  it("has one responded statement per choice, in order, with its response, kind and meters", () => {
    const responded = statements.filter((s) => s.verb.id === "http://adlnet.gov/expapi/verbs/responded");
    expect(responded.map((s) => s.result.response)).toEqual(["reflect", "ask"]);
    expect(responded.map((s) => s.timestamp)).toEqual(["2025-03-04T10:01:00.000Z", "2025-03-04T10:02:00.000Z"]);
    const [first] = responded;
    expect(first?.object).toEqual({
      objectType: "Activity",
      id: `${BASE}/scenarios/first-visit/nodes/coffee`,
      definition: {
        name: { en: "First *visit* to the [drop-in]: coffee" },
        description: { en: "(by the coffee pot) You work here?\nI'm *just* here for the coffee." },
        type: "http://adlnet.gov/expapi/activities/cmi.interaction",
        interactionType: "choice",
        choices: [
          { id: "reflect", description: { en: "Sounds like _coffee_ is [all] you want today." } },
          { id: "form", description: { en: "Let me grab you an intake form." } },
          { id: "why", description: { en: "Choice why" } },
        ],
      },
    });
    expect(first?.result).toEqual({
      response: "reflect",
      duration: "PT4.2S",
      extensions: {
        [`${BASE}/xapi/extensions/response-kind`]: "listening-to",
        [`${BASE}/xapi/extensions/rapport`]: 50,
        [`${BASE}/xapi/extensions/mutuality`]: 55,
        [`${BASE}/xapi/extensions/rapport-delta`]: 10,
        [`${BASE}/xapi/extensions/mutuality-delta`]: 5,
      },
    });
    expect(first?.context).toEqual({
      registration: SESSION_ID,
      contextActivities: { parent: [expect.objectContaining({ id: `${BASE}/scenarios/first-visit` })] },
      platform: "Peer Practice",
      language: "en",
      extensions: {
        [`${BASE}/xapi/extensions/scenario-version`]: HASH,
        [`${BASE}/xapi/extensions/mode`]: "practice",
      },
    });
  });

  it("ends a completed session with a completed statement carrying success, duration and outcome", () => {
    const last = statements.at(-1);
    expect(last?.verb).toEqual({ id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } });
    expect(last?.object).toMatchObject({
      id: `${BASE}/scenarios/first-visit`,
      definition: { type: "http://adlnet.gov/expapi/activities/simulation", name: { en: scenario.title } },
    });
    expect(last?.result).toEqual({
      completion: true,
      success: true,
      duration: "PT3M25.5S",
      extensions: {
        [`${BASE}/xapi/extensions/outcome`]: "connected",
        [`${BASE}/xapi/extensions/rapport`]: 55,
        [`${BASE}/xapi/extensions/mutuality`]: 60,
      },
    });
    expect(last?.timestamp).toBe("2025-03-04T10:03:25.500Z");
  });

  it("has no completed statement while the session is active", () => {
    const s = toXapiStatements(active(), { baseUrl: BASE });
    expect(s.map((x) => x.verb.display["en-US"])).toEqual(["responded"]);
    s.forEach(expectStatementShape);
  });

  it("gives the same statement ids on every call, and a UUID registration for a non-UUID session id", () => {
    expect(toXapiStatements(completed(), { baseUrl: BASE }).map((s) => s.id)).toEqual(statements.map((s) => s.id));
    const t = sessionTranscript(sessionRow({ id: "s-42" }), scenario, choices.map((c) => ({ ...c, sessionId: "s-42" })), []);
    const a = toXapiStatements(t, { baseUrl: BASE, homePage: "https://accounts.example.org" });
    const b = toXapiStatements(t, { baseUrl: BASE, homePage: "https://accounts.example.org" });
    expect(a).toEqual(b);
    expect(isUuid(a[0]!.context.registration)).toBe(true);
    expect(a[0]?.context.registration).toBe(a[1]?.context.registration);
    expect(a[0]?.actor.account.homePage).toBe("https://accounts.example.org");
  });

  it("refuses a base URL that is not absolute", () => {
    expect(() => toXapiStatements(completed(), { baseUrl: "/relative" })).toThrow(/\[exports\] baseUrl "\/relative"/);
  });
});

describe("helpers", () => {
  it("makes RFC 9562 version-5 UUIDs", () => {
    expect(uuidV5(URL_NAMESPACE, "https://example.org/")).toBe("527dda32-a0de-5105-a042-cb475b5f7d11");
  });

  it("writes ISO 8601 durations truncated to the hundredth of a second, as an LRS stores them", () => {
    expect([isoDuration(0), isoDuration(4_237), isoDuration(3_600_000), isoDuration(3_723_000), isoDuration(-5)]).toEqual([
      "PT0S",
      "PT4.23S",
      "PT1H",
      "PT1H2M3S",
      "PT0S",
    ]);
  });
});
