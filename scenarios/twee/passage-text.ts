/** Scenario text written into passages and links so that reading it back gives the same text. */
import { readBody } from "./read-body";
import { stripMarkup } from "./scan-markup";

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/** Whether the lines, written as paragraphs, read back exactly and without warnings. */
function linesSurvive(say: readonly string[]): boolean {
  const text = say.join("\n\n");
  if (/^::/m.test(text)) return false;
  const body = readBody(text, 0);
  return body.links.length === 0 && body.comments.length === 0 && body.notes.length === 0 && sameLines(body.lines, say);
}

/** Text that cannot start a passage, a link, a comment, a macro or a directive. */
const inert = (text: string): string =>
  text
    .replace(/\[(?=\[)/g, "[ ")
    .replace(/\](?=\])/g, "] ")
    .replace(/<(?=[<!%])/g, "< ")
    .replace(/^(?=::|#)/gm, " ");

/** Paragraphs for the passage text, and the lines to carry in a comment when the text would not read back. */
export function linesOut(say: readonly string[]): { text: string; say?: string[] } {
  return linesSurvive(say) ? { text: say.join("\n\n") } : { text: say.map(inert).join("\n\n"), say: [...say] };
}

function linkTextSurvives(say: string): boolean {
  if (/[[\]|\n]|->|<-|<!--/.test(say)) return false;
  const read = stripMarkup(say, 0);
  return read.notes.length === 0 && read.text === say;
}

const linkDisplay = (say: string): string =>
  say
    .replace(/\s+/g, " ")
    .replace(/->/g, "→")
    .replace(/<-/g, "←")
    .replace(/\|/g, "/")
    .replace(/\[/g, "(")
    .replace(/\]/g, ")")
    .replace(/<!--/g, "<! --");

/** A link's text, and the choice's line to carry in a comment when the link text would not read back. */
export function linkTextOut(say: string): { text: string; say?: string } {
  return linkTextSurvives(say) ? { text: say } : { text: linkDisplay(say), say };
}
