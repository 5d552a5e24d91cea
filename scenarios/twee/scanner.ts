/** Something found in passage text; `dropped` is kept as a YAML comment on the node. */
export interface Note {
  offset: number;
  rule: string;
  message: string;
  dropped?: string;
}

/**
 * Finds constructs in order and blanks each one out of a mask, so later passes cannot match
 * inside earlier finds while every find keeps its offset in the original text.
 */
export class Scanner {
  readonly text: string;
  mask: string;
  readonly notes: Note[] = [];
  private readonly base: number;
  private readonly removed: boolean[];

  constructor(text: string, base: number) {
    this.text = text;
    this.mask = text;
    this.base = base;
    this.removed = Array.from({ length: text.length }, () => false);
  }

  /** Matches in the mask; `match` is the original text, so notes quote what the author wrote. */
  find(re: RegExp): { at: number; match: string; groups: (string | undefined)[] }[] {
    return [...this.mask.matchAll(re)].map((m) => ({
      at: m.index,
      match: this.text.slice(m.index, m.index + m[0].length),
      groups: m.slice(1),
    }));
  }

  cut(start: number, end: number): void {
    for (let i = start; i < end; i++) this.removed[i] = true;
    this.mask = this.mask.slice(0, start) + this.mask.slice(start, end).replace(/[^\n]/g, "\0") + this.mask.slice(end);
  }

  note(at: number, rule: string, message: string, dropped?: string): void {
    this.notes.push({ offset: this.base + at, rule, message, ...(dropped !== undefined && { dropped }) });
  }

  /** The text with every cut removed. */
  rest(): string {
    let out = "";
    for (let i = 0; i < this.text.length; i++) if (!this.removed[i]) out += this.text.charAt(i);
    return out;
  }
}
