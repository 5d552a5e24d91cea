/** Files made into drafts' texts: YAML kept, JSON written as YAML in the file's key order, Twee through the CLI's importer; hostile files refused. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkScenario } from "../../../scenarios/check-scenario";
import { SIZE_LIMITS } from "../../../scenarios/size-limits";
import { importTwee } from "../../../scenarios/twee";
import { ServiceError } from "../../../server/service-error";
import { convertImport, jsonToYaml } from "../../../server/studio-import";

const yamlText = readFileSync("scenarios/library/active-listening.scenario.yaml", "utf8");

/** The refusal a conversion throws: its status and sentence. */
function refusal(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof ServiceError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("the conversion was not refused");
}

/** A short Twee story: a metadata passage naming the id, a start with a link without a kind, and an ending without an outcome. */
const twee = [
  ":: StoryTitle",
  "Door knock",
  "",
  ":: StoryData",
  '{ "ifid": "0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9", "start": "Start" }',
  "",
  ":: Start",
  "Hello there. [[Come in->End]]",
  "",
  ":: End",
  "Goodbye.",
  "",
].join("\n");

describe("convertImport", () => {
  it("keeps a YAML file as it is, comments and all, under the id it gives", () => {
    const text = `# A comment the trainer wrote\n${yamlText}`;
    expect(convertImport({ fileName: "whatever.yml", text })).toEqual({ format: "yaml", text, scenarioId: "active-listening", warnings: [] });
  });

  it("imports under another id when one is given, rewriting only the id line", () => {
    const converted = convertImport({ fileName: "active-listening.scenario.yaml", text: yamlText, scenarioId: "listening-again" });
    expect(converted.scenarioId).toBe("listening-again");
    expect(converted.text).toBe(yamlText.replace("id: active-listening", "id: listening-again"));
    expect(checkScenario(converted.text, "listening-again.scenario.yaml").errors).toBe(0);
  });

  it("takes the id from the file's name when the YAML has no id line", () => {
    expect(convertImport({ fileName: "C:\\scenarios\\first-call.scenario.yaml", text: "title: No id here\n" })).toMatchObject({ scenarioId: "first-call", text: "title: No id here\n" });
  });

  it("writes a JSON scenario as YAML with the keys in the file's order, giving the same scenario", () => {
    const scenario = checkScenario(yamlText).scenario!;
    const json = JSON.stringify(parse(yamlText), null, 2);
    const converted = convertImport({ fileName: "listening.json", text: json });
    expect(converted.format).toBe("json");
    expect(converted.scenarioId).toBe("active-listening");
    expect(converted.text).not.toContain("{\n");
    const back = checkScenario(converted.text, "active-listening.scenario.yaml");
    expect(back.errors).toBe(0);
    expect(back.scenario).toEqual(scenario);

    // Keys that look like numbers would come first in JSON.parse's object; the file's order stays.
    const ordered = jsonToYaml('{"id":"x","nodes":{"2":{"say":"no"},"1":{"say":"yes","on":[]}},"n":"1"}').yaml;
    expect(ordered).toBe('id: x\nnodes:\n  "2":\n    say: no\n  "1":\n    say: yes\n    on: []\nn: "1"\n');
  });

  it("reads a Twee story with the command line's importer, its warnings by line", () => {
    const converted = convertImport({ fileName: "door-knock.twee", text: twee });
    const cli = importTwee(twee);
    expect(converted).toEqual({ format: "twee", text: cli.yaml, scenarioId: "door-knock", warnings: cli.warnings });
    expect(converted.warnings.map((w) => [w.rule, w.line])).toEqual(
      expect.arrayContaining([
        ["twee-no-kind", 8],
        ["twee-no-outcome", 10],
      ]),
    );
    expect(convertImport({ fileName: "door-knock.tw", text: twee, scenarioId: "knock-knock" }).text).toMatch(/^id: knock-knock$/m);
  });

  it("refuses a file over 5 MB, one that is not text, and an empty one", () => {
    expect(refusal(() => convertImport({ fileName: "big.yaml", text: "#".repeat(SIZE_LIMITS.fileBytes + 1) }))).toEqual({
      status: 413,
      message: "big.yaml is 5,242,881 bytes; a scenario file may be at most 5,242,880 bytes (5 MB), so nothing was imported",
    });
    const binary = new TextDecoder().decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]));
    expect(refusal(() => convertImport({ fileName: "picture.yaml", text: binary }))).toEqual({
      status: 400,
      message: "picture.yaml is not a text file (it holds bytes that are not UTF-8 text); nothing was imported",
    });
    expect(refusal(() => convertImport({ fileName: "nothing.json", text: " \n" })).message).toBe("nothing.json is empty; nothing was imported");
  });

  it("refuses JSON that does not parse, saying where, and JSON that is no object or nests too deeply", () => {
    expect(refusal(() => convertImport({ fileName: "broken.json", text: '{\n  "id": "x",\n}' }))).toEqual({
      status: 400,
      message: expect.stringMatching(/^broken\.json is not valid JSON: .+ \(line 3, column 1\); nothing was imported$/),
    });
    expect(refusal(() => convertImport({ fileName: "cut.json", text: '{"id": "x"' })).message).toMatch(/^cut\.json is not valid JSON: /);
    expect(refusal(() => convertImport({ fileName: "list.json", text: "[1, 2]" })).message).toBe(
      "list.json holds no scenario: a scenario in JSON is one object ({ … }); nothing was imported",
    );
    expect(refusal(() => convertImport({ fileName: "deep.json", text: `${'{"a":'.repeat(100)}1${"}".repeat(100)}` })).message).toBe(
      "deep.json nests more than 64 levels deep, which no scenario does; nothing was imported",
    );
    expect(refusal(() => convertImport({ fileName: "twice.json", text: '{"id": "x", "id": "y"}' })).message).toMatch(/^twice\.json cannot be read as a scenario: Map keys must be unique/);
  });

  it("refuses a Twee file without passages, or with none that could become a node", () => {
    expect(refusal(() => convertImport({ fileName: "notes.twee", text: "Just some notes\nabout a story.\n" }))).toEqual({
      status: 400,
      message: 'notes.twee has no Twee passages (lines starting with "::"), so there is nothing to import',
    });
    expect(refusal(() => convertImport({ fileName: "title.tw", text: ":: StoryTitle\nA title\n" })).message).toBe(
      "title.tw has no story passages, only the story's title, data or scripts, so there is nothing to import",
    );
  });

  it("refuses an id that is not a scenario id, and a file the studio does not import", () => {
    expect(refusal(() => convertImport({ fileName: "x.yaml", text: "id: Not_An_Id\n" })).message).toBe(
      'the id "Not_An_Id" in x.yaml is not a scenario id (lowercase words joined by hyphens, at most 64 characters): give the scenario id to import it under',
    );
    expect(refusal(() => convertImport({ fileName: "My Story.yaml", text: "title: x\n" })).message).toMatch(/^the file name My Story\.yaml is not a scenario id/);
    expect(refusal(() => convertImport({ fileName: "story.html", text: "<html>" })).status).toBe(400);
  });
});
