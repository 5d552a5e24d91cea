/**
 * What a person's text must be to be stored: names and comments arrive from anyone, are shown
 * to others and go into every export, so they are refused when they would not show, would not
 * store (PostgreSQL cannot hold U+0000), or could forge lines in a transcript.
 */
import "../scenarios/zod-in-browser";
import { z } from "zod";

/** C0, DEL and C1 control characters. */
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

/** Like `text`, but empty (once trimmed) is allowed and comes out as null: a field a person may clear. */
export const optionalText = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = s === "" ? undefined : textProblem(s, multiline);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((s) => (s === "" ? null : s));
