/**
 * Which part of the project may import which (docs/architecture.md, "Who may import what"), as
 * one table of rules, and the check that applies it to every source file's imports. Imports are
 * read by TypeScript's own parser (through the `typescript` package's API), so comments, strings
 * and template literals that merely look like imports are never taken for one.
 */
import { builtinModules } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SyntaxKind, type Node } from "typescript/unstable/ast";
import {
  isCallExpression,
  isExportDeclaration,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isNamedExports,
  isNamedImports,
  isNamespaceExport,
  isNamespaceImport,
} from "typescript/unstable/ast/is";
import { createVirtualFileSystem } from "typescript/unstable/fs";
import { API } from "typescript/unstable/sync";

/**
 * A pattern names what an import leads to:
 * - `"scenarios/"` (ending in a slash): any file of the project under that folder;
 * - `"node:*"`: any Node.js built-in module; `"node:fs"`: that one (with or without `node:`);
 * - anything else: a package, with any of its subpaths (`"react"` covers `react/jsx-runtime`).
 */
export type Pattern = string;

export interface ImportRule {
  /** The files the rule governs: project paths under one of these folders. */
  files: Pattern[];
  /** When given, the only things those files may import. */
  only?: Pattern[];
  /** Things those files must never import (checked besides `only`, so its message is the one given). */
  never?: Pattern[];
  /** The rule in words, quoted in every violation. */
  rule: string;
}

/** The rules of docs/architecture.md ("Who may import what"). A file may fall under several; each is checked. */
export const IMPORT_RULES: readonly ImportRule[] = [
  {
    files: ["scenarios/"],
    only: ["scenarios/", "zod", "yaml", "js-yaml", "node:fs"],
    never: ["react", "react-dom", "next"],
    rule: "scenarios/ imports nothing of the app: only scenarios/, zod, yaml, js-yaml and node:fs (to read scenario files); never React or Next.js",
  },
  {
    files: ["contracts/"],
    only: ["contracts/", "scenarios/", "zod"],
    rule: "contracts/ imports only contracts/, scenarios/ and zod",
  },
  {
    files: ["machines/"],
    only: ["machines/", "scenarios/", "contracts/", "xstate"],
    never: ["react", "react-dom", "next", "server/", "components/"],
    rule: "machines/ imports only machines/, scenarios/, contracts/ and xstate; never React, Next.js, server/ or components/",
  },
  {
    files: ["components/"],
    only: ["components/", "machines/", "scenarios/", "contracts/", "react", "react-dom", "next", "xstate", "@xstate/react", "@codemirror/state", "@codemirror/view", "@codemirror/lang-yaml", "@codemirror/lint", "@codemirror/autocomplete", "@codemirror/commands", "@codemirror/language", "@codemirror/search", "@xyflow/react", "elkjs", "d3-hierarchy", "diff", "yaml"],
    never: ["server/", "app/", "node:*"],
    rule: "components/ imports only components/, machines/, scenarios/, contracts/, React, Next.js, XState, and (in components/studio/) CodeMirror, React Flow, elkjs, d3-hierarchy, jsdiff and yaml; never server/, app/ or Node.js built-ins: components run in the browser and reach the server only through the API",
  },
  {
    files: ["server/"],
    never: ["components/", "app/"],
    rule: "server/ never imports components/ or app/: the server's rules do not depend on how they are shown or routed",
  },
  {
    files: ["cli/"],
    never: ["app/", "components/", "react", "react-dom", "next"],
    rule: "cli/ never imports app/, components/, React or Next.js",
  },
];

/** What an import leads to. */
export type Target =
  /** A file of the project, as a path from the project folder without extension (`scenarios/kinds`). */
  | { kind: "project"; path: string }
  /** A Node.js built-in, always with its `node:` prefix. */
  | { kind: "builtin"; name: string }
  /** A package, by its specifier (`react/jsx-runtime`) and its name (`react`). */
  | { kind: "package"; specifier: string; name: string };

export interface Import {
  /** The importing file, from the project folder (`components/play/play-session.tsx`). */
  file: string;
  /** 1-based line of the specifier. */
  line: number;
  /** The specifier as written. */
  specifier: string;
}

export interface Violation extends Import {
  rule: string;
  /** `file:line: "specifier" breaks the rule: rule` */
  message: string;
}

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "")));

/** Where an import written in `file` (a project path) leads. */
export function resolveImport(file: string, specifier: string): Target {
  if (specifier.startsWith(".")) {
    return { kind: "project", path: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) };
  }
  // The `@/` alias of tsconfig.json is the project folder.
  if (specifier.startsWith("@/")) return { kind: "project", path: path.posix.normalize(specifier.slice(2)) };
  const bare = specifier.replace(/^node:/, "");
  if (specifier.startsWith("node:") || BUILTINS.has(bare) || BUILTINS.has(bare.split("/")[0]!)) {
    return { kind: "builtin", name: `node:${bare}` };
  }
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return { kind: "package", specifier, name };
}

/** True when the pattern names the target. */
export function matches(pattern: Pattern, target: Target): boolean {
  if (pattern.endsWith("/")) return target.kind === "project" && `${target.path}/`.startsWith(pattern);
  if (pattern.startsWith("node:")) {
    if (target.kind !== "builtin") return false;
    return pattern === "node:*" || target.name === pattern || target.name.startsWith(`${pattern}/`);
  }
  return target.kind === "package" && target.name === pattern;
}

/** The rules that govern a file. */
const rulesFor = (file: string, rules: readonly ImportRule[]) =>
  rules.filter((r) => r.files.some((f) => file.startsWith(f)));

/** The imports among `imports` that break a rule, each with a message naming the file, the import and the rule. */
export function violationsOf(imports: readonly Import[], rules: readonly ImportRule[] = IMPORT_RULES): Violation[] {
  const out: Violation[] = [];
  for (const imp of imports) {
    const target = resolveImport(imp.file, imp.specifier);
    for (const r of rulesFor(imp.file, rules)) {
      const forbidden = r.never?.some((p) => matches(p, target)) ?? false;
      const outside = r.only !== undefined && !r.only.some((p) => matches(p, target));
      if (forbidden || outside) {
        out.push({ ...imp, rule: r.rule, message: `${imp.file}:${imp.line}: "${imp.specifier}" breaks the rule: ${r.rule}` });
      }
    }
  }
  return out;
}

/** The extensions of the files whose imports are checked. */
export const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Folders never looked into: packages, build output, test fixtures, and what .gitignore lists. */
const SKIPPED = new Set([
  "node_modules",
  ".next",
  "tests/fixtures",
  "data",
  "test-results",
  "playwright-report",
  "coverage",
  "bench/out",
]);

/** Every source file of the project, by its path from the project folder. */
export function projectSources(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && !SKIPPED.has(rel) && !SKIPPED.has(entry.name)) walk(rel);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        files[rel] = readFileSync(path.join(root, rel), "utf8");
      }
    }
  };
  walk("");
  return files;
}

// The parser sees the files in a folder of its own that exists only in memory.
const VIRTUAL_ROOT = "/project";

/**
 * Parses the given files (path from the project folder → text) and hands each import's module
 * specifier node, with its file and 1-based line, to `visit`, in file order: `import` and
 * `export … from` declarations (type-only ones too), `import x = require(…)`, dynamic `import(…)`,
 * `import("…")` types, and `require(…)` in JavaScript files, as TypeScript's parser collects them.
 */
function visitImports(files: Readonly<Record<string, string>>, visit: (file: string, line: number, node: Node) => void): void {
  const names = Object.keys(files).filter((f) => SOURCE_FILE.test(f));
  if (names.length === 0) return;
  const tsconfig = {
    // Parse only: no libraries, no module resolution, no type checking.
    compilerOptions: { allowJs: true, noLib: true, noResolve: true, types: [], jsx: "preserve", target: "esnext", module: "esnext" },
    files: names,
  };
  const virtual: Record<string, string> = { [`${VIRTUAL_ROOT}/tsconfig.json`]: JSON.stringify(tsconfig) };
  for (const name of names) virtual[`${VIRTUAL_ROOT}/${name}`] = files[name]!;
  const api = new API({ cwd: VIRTUAL_ROOT, fs: createVirtualFileSystem(virtual) });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [`${VIRTUAL_ROOT}/tsconfig.json`] });
    const project = snapshot.getProject(`${VIRTUAL_ROOT}/tsconfig.json`);
    if (!project) throw new Error("[import-rules] the parser opened no project");
    for (const name of names) {
      const source = project.program.getSourceFile(`${VIRTUAL_ROOT}/${name}`);
      if (!source) throw new Error(`[import-rules] the parser did not read "${name}"`);
      // The parser lists declarations first and dynamic imports after them: put them in file order.
      const found = source.imports.map((node) => ({ at: node.getStart(source), node: node as Node }));
      for (const { at, node } of found.sort((x, y) => x.at - y.at)) {
        visit(name, source.getLineAndCharacterOfPosition(at).line + 1, node);
      }
    }
  } finally {
    api.close();
  }
}

/** The text of a module specifier node. */
const specifierText = (node: Node) => (node as unknown as { text: string }).text;

/**
 * Every import of the given files (path from the project folder → text): `import` and
 * `export … from` declarations (type-only ones too), `import x = require(…)`, dynamic `import(…)`,
 * `import("…")` types, and `require(…)` in JavaScript files, as TypeScript's parser collects them.
 */
export function importsOf(files: Readonly<Record<string, string>>): Import[] {
  const out: Import[] = [];
  visitImports(files, (file, line, node) => out.push({ file, line, specifier: specifierText(node) }));
  return out;
}

/** An import with the values it takes from its module. */
export interface ValueImport extends Import {
  /**
   * The exported names whose values it takes: `default` for a default import, `*` for all of
   * them (`import * as`, `export *`, `import x = require(…)`, dynamic `import(…)`, `require(…)`).
   * Type-only imports and names take none.
   */
  names: string[];
}

/** The name a specifier of `import { a as b }` or `export { a as b }` takes from its module. */
const importedName = (spec: { propertyName?: Node; name: Node }) => specifierText(spec.propertyName ?? spec.name);

/** What values an import takes from its module, from the node its specifier belongs to. */
function valueNames(specifier: Node): string[] {
  let owner = specifier.parent;
  if (owner && owner.kind === SyntaxKind.ExternalModuleReference) owner = owner.parent;
  if (!owner) return [];
  if (isImportDeclaration(owner)) {
    const clause = owner.importClause;
    if (!clause || clause.phaseModifier === SyntaxKind.TypeKeyword) return [];
    const names = clause.name ? ["default"] : [];
    const bindings = clause.namedBindings;
    if (bindings && isNamespaceImport(bindings)) names.push("*");
    if (bindings && isNamedImports(bindings)) names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map(importedName));
    return names;
  }
  if (isExportDeclaration(owner)) {
    if (owner.isTypeOnly) return [];
    const clause = owner.exportClause;
    if (!clause || isNamespaceExport(clause)) return ["*"];
    return isNamedExports(clause) ? clause.elements.filter((e) => !e.isTypeOnly).map(importedName) : [];
  }
  if (isImportEqualsDeclaration(owner)) return owner.isTypeOnly ? [] : ["*"];
  if (isCallExpression(owner)) return ["*"];
  // `import("…")` in a type.
  return [];
}

/** Every import of the given files, with the values each takes from its module. */
export function valueImportsOf(files: Readonly<Record<string, string>>): ValueImport[] {
  const out: ValueImport[] = [];
  visitImports(files, (file, line, node) => out.push({ file, line, specifier: specifierText(node), names: valueNames(node) }));
  return out;
}

/** The one file of tests/e2e/ that takes `test` from Playwright, and extends it for every spec. */
export const E2E_TEST_MODULE = "tests/e2e/test.ts";

/** The rule of `E2E_TEST_MODULE`, quoted in every violation. */
export const E2E_TEST_RULE = `files under tests/e2e/ take \`test\` from ${E2E_TEST_MODULE}, never from "@playwright/test": its \`test\` fails a test when the Content Security Policy refused something on its pages`;

/**
 * The imports of files under tests/e2e/ (but `E2E_TEST_MODULE`) that take the value `test` from
 * "@playwright/test": by its name, as the default export (which is `test` too), or with all of
 * the module's exports. Type-only imports, and values other than `test` (`devices`, …), are fine.
 */
export function e2eTestImportViolations(files: Readonly<Record<string, string>>): Violation[] {
  const e2e = Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith("tests/e2e/") && f !== E2E_TEST_MODULE));
  return valueImportsOf(e2e)
    .filter((imp) => imp.specifier === "@playwright/test" && imp.names.some((n) => n === "test" || n === "default" || n === "*"))
    .map(({ file, line, specifier }) => ({
      file,
      line,
      specifier,
      rule: E2E_TEST_RULE,
      message: `${file}:${line}: "${specifier}" breaks the rule: ${E2E_TEST_RULE}`,
    }));
}

/** The studio's components, which alone may edit with CodeMirror, draw with React Flow, lay out with elkjs and d3-hierarchy and compare texts with jsdiff. */
export const STUDIO_FOLDER = "components/studio/";

/** The packages only the studio's components import, so that no other page's bundle carries them. */
export const STUDIO_PACKAGES: readonly Pattern[] = [
  "@codemirror/state",
  "@codemirror/view",
  "@codemirror/lang-yaml",
  "@codemirror/lint",
  "@codemirror/autocomplete",
  "@codemirror/commands",
  "@codemirror/language",
  "@codemirror/search",
  "@xyflow/react",
  "elkjs",
  "d3-hierarchy",
  "diff",
  "yaml",
];

/**
 * The studio's graph, which the analytics pages (`GRAPH_PAGES`) draw too, with the figures of the
 * sessions over it: the graph and its model, not the editor.
 */
export const STUDIO_GRAPH: readonly string[] = ["components/studio/scenario-graph", "components/studio/graph-model"];

/** The pages besides the studio's that may import `STUDIO_GRAPH`. */
export const GRAPH_PAGES = "app/analytics/";

/** The rule of `STUDIO_FOLDER`, quoted in every violation. */
export const STUDIO_RULE = `only ${STUDIO_FOLDER} imports ${STUDIO_PACKAGES.join(", ")}, and only it and app/studio/ import ${STUDIO_FOLDER} (and ${GRAPH_PAGES} its graph, ${STUDIO_GRAPH.join(" and ")}): the studio's editor and graph stay out of every other page's bundle`;

/**
 * The imports that would put the studio's graph into another page's bundle: React Flow or elkjs
 * imported outside `STUDIO_FOLDER`, or `STUDIO_FOLDER` imported from outside it and app/studio/
 * (but for the graph, which app/analytics/ may import). Tests, benchmarks and scripts may import both.
 */
export function studioImportViolations(files: Readonly<Record<string, string>>): Violation[] {
  const governed = (file: string) => file.startsWith("components/") || file.startsWith("app/");
  const studio = (file: string) => file.startsWith(STUDIO_FOLDER) || file.startsWith("app/studio/");
  const names = Object.fromEntries(Object.entries(files).filter(([f]) => governed(f) && !f.startsWith(STUDIO_FOLDER)));
  return importsOf(names)
    .filter((imp) => {
      const target = resolveImport(imp.file, imp.specifier);
      if (STUDIO_PACKAGES.some((p) => matches(p, target))) return true;
      if (imp.file.startsWith(GRAPH_PAGES) && target.kind === "project" && STUDIO_GRAPH.includes(target.path)) return false;
      return matches(STUDIO_FOLDER, target) && !studio(imp.file);
    })
    .map(({ file, line, specifier }) => ({ file, line, specifier, rule: STUDIO_RULE, message: `${file}:${line}: "${specifier}" breaks the rule: ${STUDIO_RULE}` }));
}

/** Every violation of the rules among the given files (path from the project folder → text). */
export function checkImports(files: Readonly<Record<string, string>>, rules: readonly ImportRule[] = IMPORT_RULES): Violation[] {
  return violationsOf(importsOf(files), rules);
}
