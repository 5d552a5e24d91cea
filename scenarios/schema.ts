/** The zod schema of scenario format 1, as trainers write it, and its normalization. */
import "./zod-in-browser";
import { z } from "zod";
import { defaultQuestion, RESPONSE_KIND_IDS, RESPONSE_KINDS } from "./kinds";
import { SIZE_LIMITS } from "./size-limits";
import { SKILLS } from "./skills";
import { OUTCOMES, type Comparison, type ComparisonOp, type Condition, type Scenario, type ScenarioNode } from "./types";

export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_TEXT = 2000;
// Lists the analysis works through per situation: a real scenario uses a handful of entries.
const MAX_LIST = SIZE_LIMITS.listItems;

const text = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` });

const kebabId = z
  .string({ error: "must be text" })
  .max(64, { error: "must be at most 64 characters" })
  .regex(KEBAB_CASE, { error: "must be kebab-case: lowercase letters and digits joined by single hyphens" });

const flagName = z.string({ error: "must be a flag name" }).regex(KEBAB_CASE, {
  error: "must be a kebab-case flag name",
});

const lines = z.union(
  [
    text,
    z
      .array(text)
      .min(1, { error: "must list at least one line" })
      .max(MAX_LIST, { error: `must list at most ${MAX_LIST} lines` }),
  ],
  {
    error: "must be a line of text or a list of lines",
  },
);

const meterValue = z
  .number({ error: "must be a whole number from 0 to 100" })
  .int({ error: "must be a whole number from 0 to 100" })
  .min(0, { error: "must be at least 0" })
  .max(100, { error: "must be at most 100" });

const delta = z
  .number({ error: "must be a whole number from -100 to 100" })
  .int({ error: "must be a whole number from -100 to 100" })
  .min(-100, { error: "must be at least -100" })
  .max(100, { error: "must be at most 100" });

const COMPARISON = /^\s*(<=|>=|==|<|>)\s*(\d{1,3})\s*$/;

/** Parses `">= 40"`; returns undefined when it is not a comparison with a value 0..100. */
export function parseComparison(input: string): Comparison | undefined {
  const m = COMPARISON.exec(input);
  if (!m) return undefined;
  const value = Number(m[2]);
  if (value > 100) return undefined;
  return { op: m[1] as ComparisonOp, value };
}

const comparison = z
  .string({ error: 'must be a comparison in quotes, such as "< 30" or ">= 60"' })
  // The pattern is for editors (it reaches the JSON Schema); the transform gives the message.
  .meta({ pattern: "^\\s*(<=|>=|==|<|>)\\s*(100|[1-9]?[0-9])\\s*$", description: 'A comparison such as "< 30"' })
  .transform((s, ctx) => {
    const parsed = parseComparison(s);
    if (!parsed) {
      ctx.addIssue({
        code: "custom",
        message: `"${s}" is not a comparison: write one of < <= > >= == and a whole number 0..100, such as "< 30"`,
      });
      return z.NEVER;
    }
    return parsed;
  });

const flagList = z
  .array(flagName, { error: "must be a list of flag names" })
  .max(MAX_LIST, { error: `must list at most ${MAX_LIST} flags` });

const condition = z.strictObject(
  {
    rapport: comparison.optional().meta({ description: 'Holds when the current rapport compares so: one of < <= > >= == and a whole number 0..100, in quotes, such as "< 30".' }),
    mutuality: comparison.optional().meta({ description: 'Holds when the current mutuality compares so: one of < <= > >= == and a whole number 0..100, in quotes, such as ">= 60".' }),
    flags: flagList.optional().meta({ description: "Holds when every flag listed is set." }),
    unset: flagList.optional().meta({ description: "Holds when no flag listed is set." }),
  },
  { error: "must be a condition with rapport, mutuality, flags or unset" },
);

const kind = z.enum(RESPONSE_KIND_IDS, {
  error: (iss) =>
    iss.input === undefined
      ? "is required"
      : `${JSON.stringify(iss.input)} is not a response kind; use one of ${RESPONSE_KIND_IDS.join(", ")}`,
});

const choice = z.strictObject(
  {
    id: kebabId.optional().meta({ description: "Names the choice in sessions and exports; unique within its node. Default: its 1-based position in the list." }),
    say: text.meta({ description: "What the trainee says: one line of text." }),
    kind: kind.meta({ description: "The response kind: gives the choice its default rapport and mutuality deltas, and its explanation of why it helps or hurts." }),
    reflection: z
      .enum(["simple", "complex"], { error: "must be simple or complex" })
      .optional()
      .meta({ description: "Only on listening-to choices: how deep the reflection goes, simple or complex, for the reflection metrics." }),
    question: z
      .enum(["open", "closed"], { error: "must be open or closed" })
      .optional()
      .meta({
        description:
          "The question this choice asks, open or closed, counted in the reflection-to-question ratio. Default: open for open-question, closed for closed-question, no question for the other kinds. Say it when a choice of another kind also asks (a reflection followed by a question counts as both).",
      }),
    best: z
      .literal(true, { error: "must be true, or left out" })
      .optional()
      .meta({
        description:
          "Marks this choice as the strongest on its turn, shown in the debrief as the option to learn from. Default: the choice with the largest rapport plus mutuality, ties decided by kind (a complex reflection first).",
      }),
    rapport: delta.optional().meta({ description: "Added to rapport when chosen, a whole number -100..100. Default: the kind's rapport delta." }),
    mutuality: delta.optional().meta({ description: "Added to mutuality when chosen, a whole number -100..100. Default: the kind's mutuality delta." }),
    feedback: text.optional().meta({ description: "Shown after the choice in practice mode, and in the debrief." }),
    set: flagList.optional().meta({ description: "Flags this choice sets; a flag stays set for the rest of the play." }),
    when: condition.optional().meta({ description: "The choice is offered only while this condition holds, tested when the turn is reached." }),
    next: kebabId.meta({ description: "The id of the node the conversation goes to after this choice." }),
  },
  { error: "must be a choice with say, kind and next" },
);

const branchRule = z.strictObject(
  {
    when: condition.optional().meta({ description: "When this entry is taken: needed on every entry but the last, never on the last." }),
    next: kebabId.meta({ description: "The id of the node the conversation goes to when this entry is taken." }),
  },
  { error: "must be a branch entry with next (and when)" },
);

const ending = z.strictObject(
  {
    outcome: z
      .enum(OUTCOMES, {
        error: (iss) => (iss.input === undefined ? "is required" : `must be ${OUTCOMES.slice(0, -1).join(", ")} or ${OUTCOMES.at(-1)}`),
      })
      .meta({ description: "How the conversation ended: connected, mixed or disengaged." }),
    debrief: text.optional().meta({ description: "Shown in the debrief: what happened and what would have helped." }),
  },
  { error: "must be an ending with an outcome" },
);

const node = z
  .strictObject(
    {
      say: lines.optional().meta({
        description: "The counterpart's line: a text, or a list of texts shown as consecutive lines. Needed on a turn, optional on an ending, not allowed on a branch.",
      }),
      choices: z
        .array(choice, { error: "must be a list of choices" })
        .min(1, { error: "must offer at least one choice" })
        .max(6, { error: "must offer at most 6 choices" })
        .optional()
        .meta({ description: "Makes the node a turn: the 1 to 6 responses the trainee can choose from." }),
      branch: z
        .array(branchRule, { error: "must be a list of branch entries" })
        .min(1, { error: "must list at least one entry" })
        .max(MAX_LIST, { error: `must list at most ${MAX_LIST} entries` })
        .optional()
        .meta({ description: "Makes the node a branch: its entries are tried in order, and the first whose when holds is taken at once. The last entry has no when." }),
      end: ending.optional().meta({ description: "Makes the node an ending: how the conversation ended, and the debrief." }),
      "ask-rationale": z
        .boolean({ error: "must be true or false" })
        .optional()
        .meta({
          description:
            "Only on a turn: true asks the trainee, in practice mode, for a short note on why they chose their response (they may still go on without one). Default: false.",
        }),
    },
    { error: "must be a node: a turn (say, choices), a branch (branch) or an ending (end)" },
  )
  .superRefine((n, ctx) => {
    const shapes = [n.choices && "choices", n.branch && "branch", n.end && "end"].filter(Boolean);
    if (shapes.length === 0) {
      ctx.addIssue({
        code: "custom",
        params: { rule: "no-way-on" },
        message: "has no way on and is no ending: give it choices (a turn), branch (a branch) or end (an ending)",
      });
    } else if (shapes.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: `mixes ${shapes.join(" and ")}: a node is exactly one of a turn, a branch or an ending`,
      });
    } else if (n.choices && n.say === undefined) {
      ctx.addIssue({ code: "custom", path: ["say"], message: "is required: a turn needs the counterpart's line" });
    } else if (n.branch && n.say !== undefined) {
      ctx.addIssue({ code: "custom", path: ["say"], message: "is not allowed on a branch node, which has no line" });
    }
    if (shapes.length === 1 && !n.choices && n["ask-rationale"] !== undefined) {
      ctx.addIssue({ code: "custom", path: ["ask-rationale"], message: "is only for a turn: a branch or an ending has no choice to explain" });
    }
  });

export const scenarioFileSchema = z.strictObject(
  {
    format: z.literal(1, { error: "must be 1" }).meta({ description: "The version of the scenario format: 1." }),
    id: kebabId.meta({ description: "The scenario's id, in kebab-case; the file is named <id>.scenario.yaml." }),
    title: text.meta({ description: "The scenario's title, shown in the library and on the play page." }),
    summary: text.meta({ description: "One or two sentences, shown in the library." }),
    skills: z
      // The known ids are offered to editors as examples, never enforced: a file naming another skill
      // stays valid, and the checker warns about it (skill-unknown).
      .array(kebabId.meta({ examples: SKILLS.map((s) => s.id) }), { error: "must be a list of kebab-case tags" })
      .optional()
      .meta({
        description:
          "What the scenario practises, from the skill vocabulary (docs/scenario-format.md, Skills): the library shows their labels and filters by their families. Another kebab-case id is read, with a warning.",
      }),
    "content-note": text.optional().meta({ description: "Shown before play starts: what the conversation mentions that a trainee may want to know beforehand." }),
    language: z
      .string({ error: "must be a language tag such as en" })
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "must be a BCP 47 language tag such as en or es-US" })
      .optional()
      .meta({ description: "The language the scenario is written in, as a BCP 47 tag such as en or es-US. Default: en." }),
    roles: z
      .strictObject(
        {
          trainee: text.meta({ description: "Who the trainee plays, such as Peer specialist or Peer supervisor." }),
          counterpart: z
            .strictObject(
              {
                name: text.meta({ description: "The name of the person the trainee talks with." }),
                description: text.optional().meta({ description: "A line about the counterpart, shown with the name in the library and before play starts." }),
              },
              { error: "must give the counterpart's name" },
            )
            .meta({ description: "Who the trainee talks with: a name, and a description." }),
        },
        { error: "must give roles.trainee and roles.counterpart" },
      )
      .meta({ description: "Who takes part: the trainee's role and the counterpart." }),
    meters: z
      .strictObject(
        {
          rapport: meterValue.optional().meta({ description: "Rapport at the start, a whole number 0..100. Default: 50." }),
          mutuality: meterValue.optional().meta({ description: "Mutuality at the start, a whole number 0..100. Default: 50." }),
        },
        { error: "must give start values for rapport and mutuality" },
      )
      .optional()
      .meta({ description: "The meters at the start: rapport and mutuality, 50 each when not given." }),
    start: kebabId.meta({ description: "The id of the first node: a turn or a branch, never an ending." }),
    nodes: z
      .record(kebabId, node, { error: "must map node ids to nodes" })
      .refine((nodes) => Object.keys(nodes).length > 0, { error: "must contain at least one node" })
      .meta({ description: "The conversation: a mapping from each node id to its node, a turn, a branch or an ending." }),
  },
  { error: "must be a scenario: a mapping with format, id, title, summary, roles, start and nodes" },
);

export type ScenarioFile = z.output<typeof scenarioFileSchema>;

function normalizeLines(say: string | string[] | undefined): string[] {
  if (say === undefined) return [];
  return typeof say === "string" ? [say] : say;
}

type FileCondition = z.output<typeof condition>;

function normalizeCondition(when: FileCondition | undefined): Condition | undefined {
  if (!when) return undefined;
  const out: Condition = {};
  if (when.rapport) out.rapport = when.rapport;
  if (when.mutuality) out.mutuality = when.mutuality;
  if (when.flags) out.flags = when.flags;
  if (when.unset) out.unset = when.unset;
  return out;
}

/** Applies the format's defaults to a file that passed the schema. */
export function normalizeScenario(file: ScenarioFile): Scenario {
  const nodes: Record<string, ScenarioNode> = {};
  for (const [id, n] of Object.entries(file.nodes)) {
    if (n.end) {
      nodes[id] = {
        type: "ending",
        say: normalizeLines(n.say),
        outcome: n.end.outcome,
        ...(n.end.debrief !== undefined && { debrief: n.end.debrief }),
      };
    } else if (n.branch) {
      nodes[id] = {
        type: "branch",
        branch: n.branch.map((b) => {
          const when = normalizeCondition(b.when);
          return when ? { when, next: b.next } : { next: b.next };
        }),
      };
    } else {
      nodes[id] = {
        type: "turn",
        say: normalizeLines(n.say),
        choices: (n.choices ?? []).map((c, i) => {
          const when = normalizeCondition(c.when);
          return {
            id: c.id ?? String(i + 1),
            say: c.say,
            kind: c.kind,
            ...(c.reflection !== undefined && { reflection: c.reflection }),
            // Kept only where it differs from the kind's, so writing out a default does not change the version hash.
            ...(c.question !== undefined && c.question !== defaultQuestion(c.kind) && { question: c.question }),
            ...(c.best === true && { best: true as const }),
            rapport: c.rapport ?? RESPONSE_KINDS[c.kind].rapport,
            mutuality: c.mutuality ?? RESPONSE_KINDS[c.kind].mutuality,
            ...(c.feedback !== undefined && { feedback: c.feedback }),
            set: c.set ?? [],
            ...(when && { when }),
            next: c.next,
          };
        }),
        // Only `true` is kept: false is the default, so writing it out does not change the version hash.
        ...(n["ask-rationale"] === true && { askRationale: true as const }),
      };
    }
  }
  return {
    format: 1,
    id: file.id,
    title: file.title,
    summary: file.summary,
    skills: file.skills ?? [],
    ...(file["content-note"] !== undefined && { contentNote: file["content-note"] }),
    language: file.language ?? "en",
    roles: {
      trainee: file.roles.trainee,
      counterpart: {
        name: file.roles.counterpart.name,
        ...(file.roles.counterpart.description !== undefined && {
          description: file.roles.counterpart.description,
        }),
      },
    },
    meters: { rapport: file.meters?.rapport ?? 50, mutuality: file.meters?.mutuality ?? 50 },
    start: file.start,
    nodes,
  };
}
