import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { displayNameSchema } from "../../../contracts/account-requests";
import {
  choiceRequestSchema,
  commentRequestSchema,
  endRequestSchema,
  reviewRequestSchema,
  startRequestSchema,
  takeBackRequestSchema,
} from "../../../contracts/session-requests";

const SEED = 20_260_301;

// A display name follows the one-line text rules: as an account's name, and as the participant of every session it plays.
const named = z.strictObject({ participant: displayNameSchema });
const start = (participant: string) => named.safeParse({ participant });
const comment = (body: string) => commentRequestSchema.safeParse({ turn: null, body });
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")} ${i.message}`) ?? [];

describe("text fields", () => {
  it("refuse control characters in one-line fields, naming the field", () => {
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\n", "\t", "\u2028"]) {
      expect(messages(start(`Sam${c}Lee`))).toEqual(["participant must be one line without control characters"]);
    }
  });

  it("let a comment body keep tabs and line breaks but no other control character", () => {
    expect(comment("First line\r\n\tsecond line").success).toBe(true);
    for (const c of ["\u0000", "\u000b", "\u000c", "\u001f", "\u007f", "\u0080"]) {
      expect(messages(comment(`Good${c}work`))).toEqual(["body must not contain control characters other than tabs and line breaks"]);
    }
  });

  it("refuse names made only of invisible characters", () => {
    const invisible = ["\u200b", "\u200c\u200d", "\ufeff", "\u2060", "\u00ad", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\ufe0f", "\u0301", "\u3000", "\u00a0\u2003", "\u200e\u200f", "\u{e0041}"];
    for (const s of invisible) {
      expect(messages(start(s)), JSON.stringify(s)).toEqual([
        s.trim() === "" ? "participant must not be empty" : "participant must contain a visible character",
      ]);
    }
    expect(messages(comment("\u200b\n\u2800"))).toEqual(["body must contain a visible character"]);
  });

  it("refuse lone surrogates, which have no UTF-8 form", () => {
    for (const s of ['"Sam\\ud800"', '"\\udfff Lee"', '"\\ude00\\ud83d"']) {
      expect(messages(start(JSON.parse(s) as string))).toEqual(["participant must be well-formed Unicode (it has a lone surrogate)"]);
    }
    // A pair is one character, and a name may be made of it.
    expect(start(JSON.parse('"\\ud83d\\ude00"') as string).success).toBe(true);
  });

  it("accept names in any script, with the marks they need", () => {
    for (const name of ["José", "Jose\u0301", "\u05d0\u05d1\u200f", "\u0645\u062d\u0645\u062f", "\u674e\u5c0f\u9f8d", "\ud55c\u00a0\uac15", "O'Brien-Smith", "\ud83c\udf08"]) {
      expect(start(name).success, name).toBe(true);
    }
  });

  it("store only well-formed text with something visible and no control character", () => {
    const anyText = fc.string({ unit: "binary", maxLength: 12 });
    fc.assert(
      fc.property(anyText, (s) => {
        const r = start(s);
        if (!r.success) return;
        const p = r.data.participant;
        expect(p.isWellFormed()).toBe(true);
        expect(p).not.toMatch(/\p{Cc}/u);
        expect(p).toMatch(/[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}]/u);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe("choice ids", () => {
  const choice = (choiceId: unknown) => choiceRequestSchema.safeParse({ seq: 1, choiceId, timeTakenMs: 0 });

  it("are kebab-case ids or 1-based positions", () => {
    for (const id of ["reflect-feelings", "ask2", "1", "12"]) expect(choice(id).success, id).toBe(true);
    for (const id of ["", "Reflect", "a_b", "-a", "a--b", "a-", "1 ", "\u0000", "x".repeat(65), "é"]) {
      expect(messages(choice(id)).join(), JSON.stringify(id)).toMatch(/^choiceId must/);
    }
  });
});

describe("request bodies", () => {
  const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join(".") || "(body)") ?? [];

  it("refuse a missing field, an unknown one, and a field of the wrong type, naming each", () => {
    expect(fields(startRequestSchema.safeParse({ scenarioId: "active-listening" }))).toEqual(["mode"]);
    expect(fields(startRequestSchema.safeParse({ scenarioId: "active-listening", mode: "practice", rapport: 100 }))).toEqual(["(body)"]);
    expect(fields(choiceRequestSchema.safeParse({ seq: "1", choiceId: "ask", timeTakenMs: 1.5 }))).toEqual(["seq", "timeTakenMs"]);
    expect(fields(reviewRequestSchema.safeParse({ reviewed: "yes" }))).toEqual(["reviewed"]);
    expect(fields(startRequestSchema.safeParse([]))).toEqual(["(body)"]);
  });

  it("refuse numbers out of range: turns from 1 to 10,000, a time taken up to a day", () => {
    for (const seq of [0, -1, 10_001]) expect(fields(takeBackRequestSchema.safeParse({ seq })), String(seq)).toEqual(["seq"]);
    expect(takeBackRequestSchema.safeParse({ seq: 10_000 }).success).toBe(true);
    expect(fields(choiceRequestSchema.safeParse({ seq: 1, choiceId: "ask", timeTakenMs: -1 }))).toEqual(["timeTakenMs"]);
    expect(fields(choiceRequestSchema.safeParse({ seq: 1, choiceId: "ask", timeTakenMs: 24 * 60 * 60 * 1000 + 1 }))).toEqual(["timeTakenMs"]);
    expect(fields(commentRequestSchema.safeParse({ turn: 0, body: "?" }))).toEqual(["turn"]);
  });

  it("take only the modes and end statuses there are", () => {
    expect(fields(startRequestSchema.safeParse({ scenarioId: "a", mode: "fun" }))).toEqual(["mode"]);
    expect(endRequestSchema.safeParse({ status: "abandoned" }).success).toBe(true);
    expect(fields(endRequestSchema.safeParse({ status: "active" }))).toEqual(["status"]);
  });

  it("trim text and bound its length: a name to 80 characters, a comment to 4,000", () => {
    expect(named.parse({ participant: "  Sam  " }).participant).toBe("Sam");
    expect(named.safeParse({ participant: ` ${"x".repeat(80)} ` }).success).toBe(true);
    expect(fields(named.safeParse({ participant: "x".repeat(81) }))).toEqual(["participant"]);
    expect(commentRequestSchema.safeParse({ turn: null, body: "x".repeat(4000) }).success).toBe(true);
    expect(fields(commentRequestSchema.safeParse({ turn: null, body: "x".repeat(4001) }))).toEqual(["body"]);
  });

  it("take a scenario id only in kebab-case", () => {
    expect(fields(startRequestSchema.safeParse({ scenarioId: "Active Listening", mode: "practice" }))).toEqual(["scenarioId"]);
  });
});
