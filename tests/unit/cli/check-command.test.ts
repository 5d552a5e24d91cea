import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../cli/index";
import { scenarioJsonSchema } from "../../../scenarios/json-schema";
import { fakeIo } from "./fake-io";

const rules = "tests/fixtures/rules";
const tmp = mkdtempSync(path.join(tmpdir(), "pp-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("scenarios check", () => {
  it("prints each problem as file:line:column, severity, rule and message, then a summary, and exits 1 on errors", async () => {
    const { io, out } = fakeIo();
    const code = await main(["check", `${rules}/next-unknown.scenario.yaml`, `${rules}/no-feedback.scenario.yaml`], io);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${rules}/next-unknown.scenario.yaml:18:15  error  next-unknown  node "hello" → "wel": no such node`,
      `${rules}/no-feedback.scenario.yaml:14:9  warning  no-feedback  node "hello": choice 1 ("listen") has no feedback, so the trainee only sees its kind's general explanation`,
      "2 files checked: 1 error, 1 warning",
    ]);
  });

  it("exits 0 when there are only warnings", async () => {
    const { io } = fakeIo();
    expect(await main(["check", `${rules}/no-feedback.scenario.yaml`], io)).toBe(0);
  });

  it("checks every scenario file in a folder, and a broken file does not stop the others", async () => {
    const { io, out } = fakeIo();
    const code = await main(["check", rules], io);
    expect(code).toBe(1);
    const files = new Set(out.filter((l) => l.includes(":")).map((l) => l.split(":")[0]));
    // The syntax error and the empty file are reported along with everything after them.
    expect(files).toContain(`${rules}/syntax.scenario.yaml`);
    expect(files).toContain(`${rules}/empty.scenario.yaml`);
    expect(files).toContain(`${rules}/when-never.scenario.yaml`);
    expect(out.at(-1)).toMatch(/^31 files checked: \d+ errors, \d+ warnings$/);
  });

  it("gives JSON for tools", async () => {
    const { io, out } = fakeIo();
    const code = await main(["check", "--format", "json", `${rules}/unreachable.scenario.yaml`], io);
    expect(code).toBe(1);
    expect(JSON.parse(out.join("\n"))).toEqual({
      files: [
        {
          file: `${rules}/unreachable.scenario.yaml`,
          problems: [
            {
              rule: "unreachable",
              severity: "error",
              message: 'node "orphan" is never reached: no play leads here',
              line: 24,
              column: 3,
              nodeId: "orphan",
            },
          ],
        },
      ],
      unreadable: [],
      errors: 1,
      warnings: 0,
    });
  });

  it("exits 2 on a file that cannot be read, after checking the rest", async () => {
    const { io, out, err } = fakeIo();
    const code = await main(["check", path.join(tmp, "missing.scenario.yaml"), `${rules}/no-feedback.scenario.yaml`], io);
    expect(code).toBe(2);
    expect(err).toEqual([`${path.join(tmp, "missing.scenario.yaml")}: no such file or folder`]);
    expect(out.at(-1)).toBe("1 file checked: 0 errors, 1 warning; 1 file could not be read");
  });

  it("exits 2 on bad usage, with a pointer to the help", async () => {
    for (const argv of [["check"], ["check", "--format", "xml", rules], ["check", "--colour", rules], ["nonsense"], []]) {
      const { io, err, out } = fakeIo();
      expect(await main(argv, io), argv.join(" ")).toBe(2);
      expect([...err, ...out].join("\n")).toMatch(/help|Usage/);
    }
  });

  it("explains itself with --help", async () => {
    const { io, out } = fakeIo();
    expect(await main(["check", "--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("file:line:column  error|warning  rule-id  message");
  });

  it("reports a file over 5 MB as too-large without reading it, and goes on with the rest", async () => {
    const big = path.join(tmp, "big.scenario.yaml");
    writeFileSync(big, `# ${"x".repeat(5 * 1024 * 1024)}\n`);
    const { io, out } = fakeIo();
    expect(await main(["check", big, `${rules}/no-feedback.scenario.yaml`], io)).toBe(1);
    expect(out[0]).toBe(
      `${big}:1:1  error  too-large  the file is 5,242,883 bytes; a scenario file may be at most 5 MB (5,242,880 bytes), so it is not read`,
    );
    expect(out.at(-1)).toBe("2 files checked: 1 error, 1 warning");
    // stats and play refuse it the same way.
    const stats = fakeIo();
    expect(await main(["stats", big], stats.io)).toBe(1);
    expect(stats.err).toEqual([out[0]]);
  });

  it("requires the id to match a <id>.scenario.yaml file name", async () => {
    const dir = path.join(tmp, "named");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "other-name.scenario.yaml"), readFileSync(`${rules}/no-feedback.scenario.yaml`));
    const { io, out } = fakeIo();
    expect(await main(["check", dir], io)).toBe(1);
    expect(out[0]).toContain("id-mismatch");
  });
});

describe("scenarios schema", () => {
  it("the committed JSON Schema is the one the zod schema generates (run `npm run scenarios -- schema`)", () => {
    expect(readFileSync("scenarios/scenario.schema.json", "utf8")).toBe(scenarioJsonSchema());
  });

  it("writes the schema where it is told", async () => {
    const { io } = fakeIo();
    const out = path.join(tmp, "schema.json");
    expect(await main(["schema", "--out", out], io)).toBe(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.properties.nodes).toBeDefined();
    expect(written.required).toEqual(expect.arrayContaining(["format", "id", "title", "summary", "roles", "start", "nodes"]));
  });
});
