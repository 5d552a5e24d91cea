import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkImports,
  E2E_TEST_MODULE,
  E2E_TEST_RULE,
  e2eTestImportViolations,
  IMPORT_RULES,
  importsOf,
  projectSources,
  resolveImport,
  STUDIO_RULE,
  studioImportViolations,
  valueImportsOf,
} from "./import-rules";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("the import rules of docs/architecture.md", () => {
  const sources = projectSources(root);

  it("hold for every source file of the project", () => {
    expect(checkImports(sources).map((v) => v.message)).toEqual([]);
  });

  it("look at every part of the project, and skip packages, build output and test fixtures", () => {
    const files = Object.keys(sources);
    for (const part of ["scenarios/", "contracts/", "machines/", "server/", "app/", "components/", "cli/", "bench/", "tests/", "scripts/"]) {
      expect(files.some((f) => f.startsWith(part)), part).toBe(true);
    }
    expect(files.filter((f) => /(^|\/)(node_modules|\.next)\/|^tests\/fixtures\//.test(f))).toEqual([]);
    expect(files).toContain("scripts/serve.mjs");
    expect(files).toContain("next.config.js");
  });

  it("are the table of the document: each folder's row lists exactly what the rule allows and forbids", () => {
    const doc = readFileSync(`${root}docs/architecture.md`, "utf8");
    const rows = new Map<string, [string, string]>();
    for (const m of doc.matchAll(/^\| `([a-z]+\/)` \| (.*) \| (.*) \|$/gm)) rows.set(m[1]!, [m[2]!, m[3]!]);
    const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((c) => c[1]!).sort();
    for (const rule of IMPORT_RULES) {
      for (const folder of rule.files) {
        const row = rows.get(folder);
        expect(row, folder).toBeDefined();
        expect({ folder, only: codes(row![0]), never: codes(row![1]) }).toEqual({
          folder,
          only: [...(rule.only ?? [])].sort(),
          never: [...(rule.never ?? [])].sort(),
        });
      }
    }
  });
});

describe("the end-to-end tests' own test", () => {
  const sources = projectSources(root);

  it("is what every file under tests/e2e/ takes, never Playwright's test", () => {
    expect(e2eTestImportViolations(sources).map((v) => v.message)).toEqual([]);
    // The rule looks at the specs that exist, and the module that extends Playwright's test is one of them.
    expect(Object.keys(sources).filter((f) => /^tests\/e2e\/.*\.spec\.ts$/.test(f)).length).toBeGreaterThan(0);
    expect(valueImportsOf({ [E2E_TEST_MODULE]: sources[E2E_TEST_MODULE]! }).some((i) => i.specifier === "@playwright/test" && i.names.includes("test"))).toBe(true);
  });

  it("reports any way of taking test from @playwright/test, naming the file and the line", () => {
    const files = {
      "tests/e2e/a.spec.ts": 'import { expect } from "./test";\nimport { test } from "@playwright/test";\n',
      "tests/e2e/b.spec.ts": 'import { test as base, devices } from "@playwright/test";\n',
      "tests/e2e/c.spec.ts": 'import pw from "@playwright/test";\n',
      "tests/e2e/d.spec.ts": 'import * as pw from "@playwright/test";\n',
      "tests/e2e/models/e.ts": 'export { test } from "@playwright/test";\n',
      "tests/e2e/f.spec.ts": 'const pw = await import("@playwright/test");\n',
      "tests/e2e/g.setup.ts": 'import { type Page, test as setup } from "@playwright/test";\n',
    };
    expect(e2eTestImportViolations(files).map((v) => `${v.file}:${v.line}`)).toEqual([
      "tests/e2e/a.spec.ts:2",
      "tests/e2e/b.spec.ts:1",
      "tests/e2e/c.spec.ts:1",
      "tests/e2e/d.spec.ts:1",
      "tests/e2e/models/e.ts:1",
      "tests/e2e/f.spec.ts:1",
      "tests/e2e/g.setup.ts:1",
    ]);
    expect(e2eTestImportViolations(files)[0]!.message).toBe(`tests/e2e/a.spec.ts:2: "@playwright/test" breaks the rule: ${E2E_TEST_RULE}`);
  });

  it("allows types and Playwright's other values, the module itself, and files outside tests/e2e/", () => {
    expect(
      e2eTestImportViolations({
        "tests/e2e/a.spec.ts": 'import { expect, test } from "./test";\nimport type { Page, test as T } from "@playwright/test";\nimport { type APIRequestContext, expect as e, devices } from "@playwright/test";\n',
        "tests/e2e/models/b.ts": 'import type * as pw from "@playwright/test";\nexport type { Page } from "@playwright/test";\ntype T = import("@playwright/test").Page;\n',
        [E2E_TEST_MODULE]: 'import { test as base, expect } from "@playwright/test";\n',
        "playwright.config.ts": 'import { defineConfig, test } from "@playwright/test";\n',
        "tests/unit/c.test.ts": 'import { test } from "@playwright/test";\n',
      }),
    ).toEqual([]);
  });
});

describe("the studio's own packages", () => {
  const sources = projectSources(root);

  it("are imported only by the studio's components, and those only by the studio's pages", () => {
    expect(studioImportViolations(sources).map((v) => v.message)).toEqual([]);
  });

  it("reports React Flow, elkjs or jsdiff outside the studio, and the studio imported by another page or component", () => {
    const files = {
      "components/play/a.tsx": 'import { ReactFlow } from "@xyflow/react";\n',
      "components/library/b.tsx": 'import type { ElkNode } from "elkjs/lib/elk-api";\nimport { ScenarioGraph } from "../studio/scenario-graph";\n',
      "app/play/page.tsx": 'import { ScenarioOutline } from "@/components/studio/scenario-outline";\n',
      "app/studio/c.tsx": 'import ELK from "elkjs";\n',
      "components/review/d.tsx": 'import { structuredPatch } from "diff";\n',
    };
    expect(studioImportViolations(files).map((v) => `${v.file}:${v.line}`)).toEqual([
      "components/play/a.tsx:1",
      "components/library/b.tsx:1",
      "components/library/b.tsx:2",
      "app/play/page.tsx:1",
      "app/studio/c.tsx:1",
      "components/review/d.tsx:1",
    ]);
    expect(studioImportViolations(files)[0]!.message).toBe(`components/play/a.tsx:1: "@xyflow/react" breaks the rule: ${STUDIO_RULE}`);
  });

  it("may be imported by the studio itself, its pages, tests and benchmarks", () => {
    expect(
      studioImportViolations({
        "components/studio/x.tsx": 'import { ReactFlow } from "@xyflow/react";\nimport ELK from "elkjs/lib/elk-api";\nimport { y } from "./y";\n',
        "app/studio/page.tsx": 'import { ScenarioGraph } from "../../components/studio/scenario-graph";\n',
        "tests/unit/studio/z.test.ts": 'import ELK from "elkjs/lib/elk.bundled.js";\nimport { m } from "../../../components/studio/graph-model";\n',
        "bench/studio-layout.ts": 'import ELK from "elkjs/lib/elk.bundled.js";\n',
      }),
    ).toEqual([]);
  });

  it("lets the analytics pages draw the studio's graph, but not import the rest of the studio", () => {
    const files = {
      "app/analytics/[id]/page.tsx": 'import { ScenarioGraph } from "../../../components/studio/scenario-graph";\nimport { choiceKey } from "@/components/studio/graph-model";\n',
      "app/analytics/[id]/other.tsx": 'import { DraftEditor } from "../../../components/studio/draft-editor";\nimport { ReactFlow } from "@xyflow/react";\n',
      "app/people/page.tsx": 'import { ScenarioGraph } from "../../components/studio/scenario-graph";\n',
    };
    expect(studioImportViolations(files).map((v) => `${v.file}:${v.line}`)).toEqual(["app/analytics/[id]/other.tsx:1", "app/analytics/[id]/other.tsx:2", "app/people/page.tsx:1"]);
  });
});

describe("the import check", () => {
  it("reports an import that breaks a rule, naming the file, the line, the import and the rule", () => {
    const violations = checkImports({
      "components/play/fake.tsx": 'import { useState } from "react";\nimport { getStore } from "../../server/open-store";\n',
    });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: "components/play/fake.tsx", line: 2, specifier: "../../server/open-store" });
    expect(violations[0]!.message).toBe(
      `components/play/fake.tsx:2: "../../server/open-store" breaks the rule: ${IMPORT_RULES.find((r) => r.files.includes("components/"))!.rule}`,
    );
  });

  it("reads every form of import, and nothing that only looks like one in a comment or a string", () => {
    const text = [
      '// import React from "react";',
      "const s = \"import x from 'next'\";",
      'export { store } from "../server/store";',
      'const lazy = () => import("react");',
      'import type { Conversation } from "../components/play/conversation";',
      'export * from "next/link";',
      "const t = `${'import(\"react-dom\")'}`;",
      'type Row = import("../server/db/rows").Row;',
      "/* require('next') */",
    ].join("\n");
    expect(importsOf({ "machines/fake.ts": text }).map((i) => [i.line, i.specifier])).toEqual([
      [3, "../server/store"],
      [4, "react"],
      [5, "../components/play/conversation"],
      [6, "next/link"],
      [8, "../server/db/rows"],
    ]);
    expect(checkImports({ "machines/fake.ts": text }).map((v) => v.line)).toEqual([3, 4, 5, 6, 8]);
  });

  it("reads require() in JavaScript files", () => {
    const violations = checkImports({ "cli/fake.cjs": 'const { App } = require("../app/layout");\n' });
    expect(violations.map((v) => [v.line, v.specifier])).toEqual([[1, "../app/layout"]]);
  });

  it("allows what the rules allow", () => {
    expect(
      checkImports({
        "machines/fake.ts": 'import { setup } from "xstate";\nimport type { Scenario } from "../scenarios/types";\nimport { MODES } from "../contracts/enums";\n',
        "scenarios/fake.ts": 'import { z } from "zod";\nimport { readFileSync } from "node:fs";\nimport { parse } from "yaml";\n',
        "components/ui/fake.tsx": 'import Link from "next/link";\nimport { useSelector } from "@xstate/react";\nimport { modeSchema } from "../../contracts/enums";\n',
        "server/fake.ts": 'import { randomUUID } from "node:crypto";\nimport { Kysely } from "kysely";\nimport { replay } from "../machines/replay";\n',
        "app/fake.tsx": 'import { findScenario } from "../server/scenario-library";\nimport { PlaySession } from "../components/play/play-session";\n',
      }),
    ).toEqual([]);
  });

  it("knows a Node.js built-in written without node:, the @/ alias, and a path that leaves its folder", () => {
    const files = {
      "components/fake.ts": 'import fs from "fs";\nimport { store } from "@/server/store";\n',
      "scenarios/fake.ts": 'import path from "node:path";\nimport { kinds } from "./kinds";\nimport { x } from "./../machines/replay";\n',
      "contracts/fake.ts": 'import { z } from "zod/mini";\nimport { y } from "../../outside";\n',
    };
    expect(checkImports(files).map((v) => `${v.file}:${v.line} ${v.specifier}`)).toEqual([
      "components/fake.ts:1 fs",
      "components/fake.ts:2 @/server/store",
      "scenarios/fake.ts:1 node:path",
      "scenarios/fake.ts:3 ./../machines/replay",
      "contracts/fake.ts:2 ../../outside",
    ]);
  });

  it("resolves what an import leads to", () => {
    expect(resolveImport("components/play/x.tsx", "../../server/store")).toEqual({ kind: "project", path: "server/store" });
    expect(resolveImport("app/page.tsx", "@/scenarios/kinds")).toEqual({ kind: "project", path: "scenarios/kinds" });
    expect(resolveImport("cli/index.ts", "readline/promises")).toEqual({ kind: "builtin", name: "node:readline/promises" });
    expect(resolveImport("cli/index.ts", "node:fs")).toEqual({ kind: "builtin", name: "node:fs" });
    expect(resolveImport("components/x.tsx", "@xstate/react")).toEqual({ kind: "package", specifier: "@xstate/react", name: "@xstate/react" });
    expect(resolveImport("components/x.tsx", "next/navigation")).toEqual({ kind: "package", specifier: "next/navigation", name: "next" });
  });
});

describe("what people write", () => {
  const sources = projectSources(root);

  it("is never rendered as HTML: no page or component sets inner HTML", () => {
    const shown = Object.entries(sources).filter(([file]) => /^(app|components)\//.test(file));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter(([, text]) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML/.test(text)).map(([file]) => file)).toEqual([]);
  });
});
