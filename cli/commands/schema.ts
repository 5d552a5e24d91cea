import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { scenarioJsonSchema } from "../../scenarios/json-schema";
import { EXIT, type Command } from "../command";

export const SCHEMA_FILE = path.join("scenarios", "scenario.schema.json");

export const schema: Command = {
  name: "schema",
  summary: "write scenarios/scenario.schema.json from the scenario schema",
  help: `Usage: npm run scenarios -- schema [--out FILE]

Writes the JSON Schema of the scenario format, generated from the same zod schema the
checker uses, so editors with the YAML language server validate scenario files as
trainers type (each file starts with "# yaml-language-server: $schema=...").

Options:
  --out FILE   where to write it (default ${SCHEMA_FILE})
  -h, --help   show this help`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: "string", default: SCHEMA_FILE } } });
    writeFileSync(values.out!, scenarioJsonSchema());
    io.out(`wrote ${values.out}`);
    return EXIT.ok;
  },
};
