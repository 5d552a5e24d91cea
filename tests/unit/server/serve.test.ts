import { describe, expect, it } from "vitest";
import { processCount } from "../../../scripts/serve.mjs";

describe("processCount (scripts/serve.mjs)", () => {
  it("runs one server process per core, at most four", () => {
    expect(processCount({}, 1)).toBe(1);
    expect(processCount({}, 2)).toBe(2);
    expect(processCount({}, 4)).toBe(4);
    expect(processCount({}, 64)).toBe(4);
  });

  it("takes WEB_CONCURRENCY when it is a whole number from 1 to 64, whatever the cores", () => {
    expect(processCount({ WEB_CONCURRENCY: "1" }, 8)).toBe(1);
    expect(processCount({ WEB_CONCURRENCY: " 6 " }, 2)).toBe(6);
    expect(processCount({ WEB_CONCURRENCY: "" }, 3)).toBe(3);
  });

  it("refuses any other WEB_CONCURRENCY, naming it", () => {
    for (const bad of ["0", "65", "1.5", "-2", "two", "1e1", "0x4", "+2"]) {
      expect(() => processCount({ WEB_CONCURRENCY: bad }, 2)).toThrow(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${bad}"`);
    }
  });
});
