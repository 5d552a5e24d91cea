import { Scanner, type Note } from "./scanner";

/** Markup whose text is kept: each pattern's delimiter length, inner text in between. */
const EMPHASIS: [RegExp, number][] = [
  [/\*\*(?=\S)[^\n]*?\S\*\*/g, 2],
  [/__(?=\S)[^\n]*?\S__/g, 2],
  [/''(?=\S)[^\n]*?\S''/g, 2],
  [/~~(?=\S)[^\n]*?\S~~/g, 2],
  // Not after ":" so that URLs are left alone.
  [/(?<![:/\w])\/\/(?=\S)[^\n]*?\S\/\/(?![\w/])/g, 2],
  [/(?<![\w*])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])/g, 1],
  [/(?<![\w_])_(?=[^\s_])[^_\n]*?[^\s_]_(?![\w_])/g, 1],
  [/`[^`\n]+`/g, 1],
];

/** Cuts HTML tags, heading marks and emphasis marks, keeping the text they mark. */
export function scanMarkup(sc: Scanner): void {
  for (const { at, match } of sc.find(/<\/?[A-Za-z][^<>\n]*>/g)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-markup", `the HTML tag "${match}" is removed`);
  }
  for (const { at, match } of sc.find(/^#{1,6}[ \t]+/gm)) {
    sc.cut(at, at + match.length);
    sc.note(at, "twee-markup", `the heading mark "${match.trim()}" is removed; its text is kept`);
  }
  for (const [re, size] of EMPHASIS) {
    for (const { at, match } of sc.find(re)) {
      const end = at + match.length;
      sc.cut(at, at + size);
      sc.cut(end - size, end);
      const inner = sc.text.slice(at + size, end - size);
      sc.note(at, "twee-markup", `the markup "${sc.text.slice(at, end)}" is removed; its text "${inner}" is kept`);
    }
  }
}

/** A link's text with its markup removed, and notes on what was removed. */
export function stripMarkup(text: string, base: number): { text: string; notes: Note[] } {
  const sc = new Scanner(text, base);
  scanMarkup(sc);
  return { text: sc.rest().trim(), notes: sc.notes };
}
