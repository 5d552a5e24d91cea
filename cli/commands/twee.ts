import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { exportTwee, importTwee } from "../../scenarios/twee";
import { EXIT, readScenarioFile, readText, UsageError, type Command, type Io } from "../command";

function write(out: string | undefined, text: string, io: Io) {
  if (out) {
    writeFileSync(out, text);
    io.err(`wrote ${out}`);
  } else io.out(text.replace(/\n$/, ""));
}

export const importTweeCommand: Command = {
  name: "import-twee",
  summary: "convert a Twee 3 story into a scenario file, listing what could not be carried over",
  help: `Usage: npm run scenarios -- import-twee <file.twee> [--out FILE]

Passages become nodes, links become choices, StoryData's start becomes the start.
Passage tags naming a response kind set the kind of the links leading to that passage.
Whatever cannot be carried over (macros, unknown tags, links with no kind, endings
with no outcome) is listed as a warning and left in the scenario as a clearly marked
placeholder or YAML comment; nothing is dropped silently.

Options:
  --out FILE   write the scenario there (default: standard output)
  -h, --help   show this help

Exit status: 0 when imported (warnings go to standard error), 2 on bad usage or an
unreadable file.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" } } });
    if (positionals.length !== 1) throw new UsageError("name exactly one Twee file");
    const file = positionals[0]!;
    const read = readText(file);
    if ("error" in read) {
      io.err(read.error);
      return EXIT.usage;
    }
    const { yaml, warnings } = importTwee(read.text);
    for (const w of warnings) io.err(`${file}:${w.line}:${w.column}  warning  ${w.rule}  ${w.message}`);
    write(values.out, yaml, io);
    io.err(`${warnings.length} warning${warnings.length === 1 ? "" : "s"}; check the result with: npm run scenarios -- check <file>`);
    return EXIT.ok;
  },
};

export const exportTweeCommand: Command = {
  name: "export-twee",
  summary: "convert a scenario file into a Twee 3 story for Twine",
  help: `Usage: npm run scenarios -- export-twee <file.scenario.yaml> [--out FILE]

Each node becomes a passage and each choice a link, so the scenario can be viewed and
drafted in Twine. What Twine has no place for (kinds, deltas, feedback, conditions,
endings) travels in HTML comments, so importing the result gives the same scenario.

Options:
  --out FILE   write the story there (default: standard output)
  -h, --help   show this help

Exit status: 0 when exported, 1 when the scenario has errors, 2 on bad usage or an
unreadable file.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" } } });
    if (positionals.length !== 1) throw new UsageError("name exactly one scenario file");
    const file = positionals[0]!;
    const loaded = readScenarioFile(file, io);
    if ("exit" in loaded) return loaded.exit;
    write(values.out, exportTwee(loaded.scenario), io);
    return EXIT.ok;
  },
};
