/** The skill vocabulary: well formed, covering the built-in library, documented, and never rejecting an unknown skill. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../../scenarios/check-scenario";
import { parseScenario } from "../../../scenarios/parse";
import {
  familiesOf,
  familyOf,
  humanize,
  KNOWN_SKILL_IDS,
  resolveSkills,
  SKILL_FAMILIES,
  SKILLS,
  skillLabel,
  skillOf,
  suggestSkill,
} from "../../../scenarios/skills";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const library = new URL("../../../scenarios/library/", import.meta.url);
const scenarios = readdirSync(library)
  .filter((f) => f.endsWith(".scenario.yaml"))
  .map((f) => {
    const r = parseScenario(readFileSync(new URL(f, library), "utf8"));
    if (!r.ok) throw new Error(`${f} does not parse`);
    return r.scenario;
  });

describe("the skill vocabulary", () => {
  it("gives every skill a kebab-case id, a label, a one-line description and a family that exists", () => {
    for (const s of SKILLS) {
      expect(s.id, s.id).toMatch(KEBAB);
      expect(s.label.length, s.id).toBeGreaterThan(0);
      expect(s.description, s.id).toMatch(/^[A-Z].{10,140}\.$/);
      expect(s.description, s.id).not.toContain("\n");
      expect(familyOf(s.family), s.id).toBeDefined();
      for (const a of s.aliases ?? []) expect(a, s.id).toMatch(KEBAB);
    }
  });

  it("spells each id and other spelling once, and each label once", () => {
    const ids = SKILLS.flatMap((s) => [s.id, ...(s.aliases ?? [])]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(KNOWN_SKILL_IDS)).toEqual(new Set(ids));
    expect(new Set(SKILLS.map((s) => s.label)).size).toBe(SKILLS.length);
    expect(new Set(SKILL_FAMILIES.map((f) => f.id)).size).toBe(SKILL_FAMILIES.length);
  });

  it("has a few families, each with skills of its own", () => {
    expect(SKILL_FAMILIES.length).toBeGreaterThanOrEqual(4);
    expect(SKILL_FAMILIES.length).toBeLessThanOrEqual(8);
    for (const f of SKILL_FAMILIES) {
      expect(f.id).toMatch(KEBAB);
      expect(SKILLS.filter((s) => s.family === f.id).length, f.id).toBeGreaterThan(0);
    }
  });

  it("knows every skill the built-in library names, and the library names each by its own id", () => {
    for (const s of scenarios) {
      for (const k of s.skills) {
        expect(skillOf(k), `${s.id}: ${k}`).toBeDefined();
        expect(skillOf(k)!.id, `${s.id} names ${k} by another spelling`).toBe(k);
      }
    }
  });

  it("finds every built-in scenario under some family, and every family's filter finds some built-in scenario", () => {
    for (const s of scenarios) expect(familiesOf(s.skills).length, s.id).toBeGreaterThan(0);
    for (const f of SKILL_FAMILIES) expect(scenarios.filter((s) => familiesOf(s.skills).includes(f.id)).length, f.id).toBeGreaterThan(0);
  });

  it("files active listening under Listening, and understands listening as active listening", () => {
    const active = scenarios.find((s) => s.id === "active-listening")!;
    expect(familiesOf(active.skills)).toContain("listening");
    expect(skillOf("listening")?.id).toBe("active-listening");
    expect(skillLabel("listening")).toBe("Active listening");
  });

  it("shows a scenario's skills by label, each once, an unknown one in words and under no family", () => {
    expect(resolveSkills(["rapport", "welcoming", "inviting-atmosphere", "edge-cases"])).toEqual([
      { id: "rapport", label: "Rapport", family: "connection" },
      { id: "inviting-atmosphere", label: "An inviting place", family: "connection" },
      { id: "edge-cases", label: "Edge cases", family: null },
    ]);
    expect(familiesOf(["edge-cases", "supervision", "rapport"])).toEqual(["connection", "supervision"]);
    expect(familiesOf([])).toEqual([]);
    expect(humanize("staying-peer")).toBe("Staying peer");
  });

  it("suggests the skill a typo or a shorter name most likely meant, and nothing for a skill far from all", () => {
    expect(suggestSkill("reflectons")?.id).toBe("reflections");
    expect(suggestSkill("boundary")?.id).toBe("boundaries");
    expect(suggestSkill("harm-reduce")?.id).toBe("harm-reduction");
    expect(suggestSkill("safety")?.id).toBe("crisis-and-safety");
    expect(suggestSkill("paperwork")).toBeUndefined();
    expect(suggestSkill("a")).toBeUndefined();
  });

  it("is documented in docs/scenario-format.md: every skill with its label, id, other spellings and family", () => {
    const doc = readFileSync("docs/scenario-format.md", "utf8");
    for (const s of SKILLS) {
      const row = doc.split("\n").find((l) => l.startsWith(`| ${s.label} | \`${s.id}\``));
      expect(row, s.id).toBeDefined();
      for (const a of s.aliases ?? []) expect(row, s.id).toContain(`\`${a}\``);
      expect(row, s.id).toContain(`| ${familyOf(s.family)!.label} |`);
      expect(row, s.id).toContain(s.description);
    }
    for (const f of SKILL_FAMILIES) expect(doc).toContain(`- **${f.label}**: `);
  });
});

describe("a scenario naming a skill the vocabulary does not know", () => {
  const text = (skills: string) => `format: 1
id: first-visit
title: A first visit
summary: Sam is new.
skills: ${skills}
roles:
  trainee: Peer specialist
  counterpart:
    name: Sam
start: hello
nodes:
  hello:
    say: "Hi."
    choices:
      - id: listen
        say: "You made it in."
        kind: listening-to
        feedback: "A reflection."
        next: well
      - id: fix
        say: "You should join a group."
        kind: advising
        feedback: "Advice too soon."
        next: badly
  well:
    say: "Thanks."
    end: { outcome: connected }
  badly:
    end: { outcome: disengaged }
`;

  it("still reads (format 1 files stay playable), with a warning, not an error", () => {
    const r = checkScenario(text("[rapport, juggling]"), "first-visit.scenario.yaml");
    expect(r.scenario?.skills).toEqual(["rapport", "juggling"]);
    expect(r.errors).toBe(0);
    expect(r.problems.map((p) => [p.rule, p.severity])).toEqual([["skill-unknown", "warning"]]);
  });

  it("is the only thing warned about: known skills and their other spellings pass", () => {
    expect(checkScenario(text("[listening, power-dynamics, staying-peer]"), "first-visit.scenario.yaml").problems).toEqual([]);
    expect(checkScenario(text("[]"), "first-visit.scenario.yaml").problems).toEqual([]);
  });

  it("is allowed by the JSON Schema, which offers the known ids as examples", () => {
    const schema = JSON.parse(readFileSync("scenarios/scenario.schema.json", "utf8"));
    const items = schema.properties.skills.items;
    expect(items.enum).toBeUndefined();
    expect(items.examples).toEqual(SKILLS.map((s) => s.id));
    expect(items.pattern).toBe("^[a-z0-9]+(-[a-z0-9]+)*$");
  });
});
