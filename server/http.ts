/** Route handler plumbing: JSON bodies read with a size limit and validated by zod, errors answered as JSON. */
import { z } from "zod";
import { KEBAB_CASE } from "../scenarios/schema";
import { SessionError } from "./session-service";
import { unavailableReason } from "./store-errors";

/** Request bodies here are a few hundred bytes; anything past this is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

const tooLarge = () => new HttpError(413, `the request body is over ${MAX_BODY_BYTES} bytes`);

/**
 * The body as text, read chunk by chunk: a body over the limit is refused as soon as the limit
 * is passed (a chunked body has no content-length to refuse it by), and the rest is never read.
 */
async function readText(request: Request): Promise<string> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      void reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "the request body is not valid UTF-8");
  }
}

/** Reads and validates a JSON body: 413 when too large, 400 when not UTF-8 JSON or not of the expected shape. */
export async function readBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const text = await readText(request);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HttpError(400, "the request body is not valid JSON");
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
    throw new HttpError(400, `the request body is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  }
  return result.data;
}

/** Runs a handler, turning refusals into JSON answers; anything unexpected is logged and answered without details. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof HttpError) return json({ error: e.message, ...(e.issues && { issues: e.issues }) }, e.status);
    if (e instanceof SessionError) return json({ error: e.message }, e.status);
    const unavailable = unavailableReason(e);
    if (unavailable !== undefined) {
      console.error(`[server] ${unavailable}`);
      const answer = json({ error: `the database cannot be used right now (${unavailable}); the request may not have been carried out, try again later` }, 503);
      answer.headers.set("retry-after", "5");
      return answer;
    }
    console.error(e);
    return json({ error: "something went wrong on the server; the request was not carried out" }, 500);
  }
}

/** Session ids are UUIDs: anything else is a 404 without touching storage. */
export const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkSessionId(id: string): string {
  if (!SESSION_ID.test(id)) throw new HttpError(404, `no session "${id.slice(0, 80)}"`);
  return id;
}

/** C0, DEL and C1 control characters; PostgreSQL cannot store U+0000 at all. */
const CONTROL = /\p{Cc}/u;
/** The same, but tabs and line breaks. */
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;
const LINE_BREAK = /[\u2028\u2029]/;
/**
 * A character that shows: not whitespace of any kind, not a default-ignorable one (zero-width
 * spaces and joiners, U+FEFF, U+2060, soft hyphen, Hangul fillers, variation selectors…), not a
 * combining mark on its own, not the Braille blank.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\p{Cc}\p{Cf}\u2800]/u;

/** Why `s` is not acceptable text, or undefined when it is. */
function textProblem(s: string, multiline: boolean): string | undefined {
  // A lone surrogate (JSON "\ud800") has no UTF-8 form to store.
  if (!s.isWellFormed()) return "must be well-formed Unicode (it has a lone surrogate)";
  if (multiline ? CONTROL_BUT_LINE_BREAKS.test(s) : CONTROL.test(s) || LINE_BREAK.test(s)) {
    return multiline ? "must not contain control characters other than tabs and line breaks" : "must be one line without control characters";
  }
  if (s === "") return "must not be empty";
  if (!VISIBLE.test(s)) return "must contain a visible character";
  return undefined;
}

/** Trimmed text of at most `max` characters that shows something: one line, or (multiline) with tabs and line breaks. */
export const text = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, multiline);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const startBody = z.strictObject({
  scenarioId: z.string().max(64).regex(KEBAB_CASE, "must be a scenario id"),
  mode: z.enum(["practice", "assessment"]),
  participant: text(80),
});

export const choiceBody = z.strictObject({
  seq: z.int().min(1).max(10_000),
  choiceId: z.string().max(64, "must be at most 64 characters").regex(KEBAB_CASE, "must be a choice id: kebab-case, or the choice's position (1, 2, …)"),
  timeTakenMs: z.int().min(0).max(24 * 60 * 60 * 1000),
});

export const takeBackBody = z.strictObject({ seq: z.int().min(1).max(10_000) });
export const endBody = z.strictObject({ status: z.enum(["completed", "abandoned"]) });
export const commentBody = z.strictObject({
  turn: z.int().min(1).max(10_000).nullable(),
  author: text(80),
  body: text(4000, { multiline: true }),
});
export const reviewBody = z.strictObject({ reviewed: z.boolean() });
