import type { KeyPath } from "./comment-before";
import { sourcePositions } from "./source-positions";

/** Something in a Twee file that could not be carried over as it was; positions are 1-based. */
export interface TweeWarning {
  line: number;
  column: number;
  /** A stable rule id, such as `twee-no-kind`. */
  rule: string;
  message: string;
}

/** What an import has to tell: warnings at their positions, and comments for the scenario file. */
export class ImportLog {
  /** Comments to put above keys of the scenario file, in the order they were made. */
  readonly comments: { path: KeyPath; text: string }[] = [];
  private readonly found: TweeWarning[] = [];
  private readonly position: ReturnType<typeof sourcePositions>;

  constructor(source: string) {
    this.position = sourcePositions(source);
  }

  warn(offset: number, rule: string, message: string): void {
    this.found.push({ ...this.position(offset), rule, message });
  }

  /** Warns of a value made up so that the scenario is complete, and marks it in the file. */
  placeholder(path: KeyPath, offset: number, rule: string, message: string, comment: string): void {
    this.warn(offset, rule, message);
    this.comment(path, ` placeholder: ${comment}`);
  }

  comment(path: KeyPath, text: string): void {
    this.comments.push({ path, text });
  }

  /** The warnings in file order; those at one position stay in the order they were found. */
  warnings(): TweeWarning[] {
    return [...this.found].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
