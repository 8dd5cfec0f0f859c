/**
 * The shape of scripts/ (see README "Layout"): a folder per stage, imports that only point down
 * (a stage may use the ones before it, never the ones after), and no import cycle.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { listFiles } from "../../scripts/output/file-map.js";

const SCRIPTS = path.join(REPO_ROOT, "scripts");

/** Rank of each group: a file may import its own group or a lower rank. */
const RANKS: Record<string, number> = {
  base: 0, // issues.ts, options.ts, json-pointer.ts, sort.ts
  load: 1,
  ir: 2,
  templating: 3,
  output: 3,
  diff: 3,
  client: 4,
  docs: 4,
  site: 5,
  "generate.ts": 6,
  verify: 7,
  commands: 8,
  "cli.ts": 9,
  bench: 10,
};

const groupOf = (file: string) => (file.includes("/") ? file.split("/")[0]! : file === "generate.ts" || file === "cli.ts" ? file : "base");

/** Every relative import of a file (static and dynamic), as paths under scripts/. */
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(SCRIPTS, file), "utf8");
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specifiers
    .map((s) => path.relative(SCRIPTS, path.resolve(path.dirname(path.join(SCRIPTS, file)), s)).replace(/\.js$/, ".ts"))
    .filter((target) => !target.startsWith(".."));
}

const files = listFiles(SCRIPTS).filter((f) => /\.(ts|mjs)$/.test(f));
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe("scripts/ layout", () => {
  it("has at most 6 files at its top, every other file in a folder of a known stage", () => {
    expect(readdirSync(SCRIPTS, { withFileTypes: true }).filter((e) => e.isFile()).length).toBeLessThanOrEqual(6);
    for (const file of files) expect(RANKS[groupOf(file)], `${file}: in no known folder`).toBeDefined();
  });

  it("every relative import resolves to a file", () => {
    for (const [file, targets] of graph) for (const target of targets) expect(graph.has(target), `${file} imports ${target}`).toBe(true);
  });

  it("imports only point down: a stage uses the ones before it, never one after it or a sibling", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const from = groupOf(file);
        const to = groupOf(target);
        if (from !== to && RANKS[to]! >= RANKS[from]!) upward.push(`${file} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...stack.slice(stack.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const target of graph.get(file) ?? []) visit(target, [...stack, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("the checks can fail: an upward import and a cycle are seen (negative control)", () => {
    const fake = new Map(graph);
    fake.set("load/load.ts", [...(fake.get("load/load.ts") ?? []), "ir/build.ts"]);
    const upward = [...fake].flatMap(([file, targets]) =>
      targets.filter((t) => groupOf(file) !== groupOf(t) && RANKS[groupOf(t)]! >= RANKS[groupOf(file)]!),
    );
    expect(upward).toContain("ir/build.ts");
  });
});
