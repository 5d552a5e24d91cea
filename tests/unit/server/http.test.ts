import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceBody, commentBody, HttpError, MAX_BODY_BYTES, readBody, startBody } from "../../../server/http";

const SEED = 20_260_301;

/** A POST whose body is a stream of `chunks` chunks of `size` bytes; `pulled()` says how many were read. */
function streamedPost(chunks: number, size: number) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://localhost/api", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled, cancelled: () => cancelled };
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  const e = await p.then(
    () => expect.unreachable("the body was accepted"),
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(HttpError);
  return { status: (e as HttpError).status, message: (e as HttpError).message };
}

const post = (body: Uint8Array<ArrayBuffer>) => new Request("http://localhost/api", { method: "POST", body });

describe("readBody", () => {
  it("refuses a body without content-length as soon as it passes the limit, and cancels the rest", async () => {
    // 500 MB announced by nothing but its chunks.
    const s = streamedPost(500 * 1024, 1024);
    expect(await refusal(readBody(s.request, startBody))).toEqual({ status: 413, message: `the request body is over ${MAX_BODY_BYTES} bytes` });
    expect(s.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES / 1024 + 2);
    expect(s.cancelled()).toBe(true);
  });

  it("reads a body in many small chunks up to the limit", async () => {
    const s = streamedPost(MAX_BODY_BYTES / 1024, 1024);
    // All spaces: within the limit, so it is read whole, and then it is not JSON.
    expect(await refusal(readBody(s.request, startBody))).toEqual({ status: 400, message: "the request body is not valid JSON" });
  });

  it("refuses a body that is not UTF-8", async () => {
    const bytes = new TextEncoder().encode('{"participant":"Sam"}');
    bytes[17] = 0xff;
    expect(await refusal(readBody(post(bytes), startBody))).toEqual({ status: 400, message: "the request body is not valid UTF-8" });
  });
});

const start = (participant: string) => startBody.safeParse({ scenarioId: "active-listening", mode: "practice", participant });
const comment = (author: string, body: string) => commentBody.safeParse({ turn: null, author, body });
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")} ${i.message}`) ?? [];

describe("text fields", () => {
  it("refuse control characters in one-line fields, naming the field", () => {
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\n", "\t", "\u2028"]) {
      expect(messages(start(`Sam${c}Lee`))).toEqual(["participant must be one line without control characters"]);
      expect(messages(comment(`An${c}a`, "Good"))).toEqual(["author must be one line without control characters"]);
    }
  });

  it("let a comment body keep tabs and line breaks but no other control character", () => {
    expect(comment("Ana", "First line\r\n\tsecond line").success).toBe(true);
    for (const c of ["\u0000", "\u000b", "\u000c", "\u001f", "\u007f", "\u0080"]) {
      expect(messages(comment("Ana", `Good${c}work`))).toEqual(["body must not contain control characters other than tabs and line breaks"]);
    }
  });

  it("refuse names made only of invisible characters", () => {
    const invisible = ["\u200b", "\u200c\u200d", "\ufeff", "\u2060", "\u00ad", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\ufe0f", "\u0301", "\u3000", "\u00a0\u2003", "\u200e\u200f", "\u{e0041}"];
    for (const s of invisible) {
      expect(messages(start(s)), JSON.stringify(s)).toEqual([
        s.trim() === "" ? "participant must not be empty" : "participant must contain a visible character",
      ]);
    }
    expect(messages(comment("Ana", "\u200b\n\u2800"))).toEqual(["body must contain a visible character"]);
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
  const choice = (choiceId: unknown) => choiceBody.safeParse({ seq: 1, choiceId, timeTakenMs: 0 });

  it("are kebab-case ids or 1-based positions", () => {
    for (const id of ["reflect-feelings", "ask2", "1", "12"]) expect(choice(id).success, id).toBe(true);
    for (const id of ["", "Reflect", "a_b", "-a", "a--b", "a-", "1 ", "\u0000", "x".repeat(65), "é"]) {
      expect(messages(choice(id)).join(), JSON.stringify(id)).toMatch(/^choiceId must/);
    }
  });
});
