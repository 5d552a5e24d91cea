/** The JSON Schema of the scenario file format, generated from the zod schema. */
import "./zod-in-browser";
import { z } from "zod";
import { scenarioFileSchema } from "./schema";

/** The schema as the committed file holds it: pretty JSON with a trailing newline. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: "input", target: "draft-07", unrepresentable: "any" });
  const described = {
    ...schema,
    $id: "https://peer-practice.local/scenario.schema.json",
    title: "Peer Practice scenario, format 1",
    description: "A branching conversation for practising peer support. The format, every key and every checker rule are described in docs/scenario-format.md.",
  };
  return `${JSON.stringify(described, null, 2)}\n`;
}
