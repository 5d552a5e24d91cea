/** Reads a scenario file's text, refusing one above the size limit without reading it. */
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import type { Problem } from "./problem";
import { SIZE_LIMITS } from "./size-limits";

const bytes = (n: number) => n.toLocaleString("en-US");

/**
 * The file's text, or a `too-large` problem when it is larger than `SIZE_LIMITS.fileBytes`. The
 * size is taken from the open file, so a file that grows after a directory listing is still
 * caught. File system errors are thrown for the caller to word.
 */
export function readScenarioText(file: string): { text: string } | { problem: Problem } {
  const fd = openSync(file, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > SIZE_LIMITS.fileBytes) {
      return {
        problem: {
          rule: "too-large",
          severity: "error",
          message: `the file is ${bytes(size)} bytes; a scenario file may be at most ${SIZE_LIMITS.fileBytes / (1024 * 1024)} MB (${bytes(SIZE_LIMITS.fileBytes)} bytes), so it is not read`,
          path: [],
          line: 1,
          column: 1,
        },
      };
    }
    return { text: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}
