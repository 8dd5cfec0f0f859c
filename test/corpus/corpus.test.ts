/**
 * Real-world specs nobody on the project wrote (test/corpus/manifest.json: pinned npm packages,
 * fetched by `npm pack` into .tmp/spec-cache/, sha512-checked). For each: it generates; its
 * warnings are the reviewed list in test/corpus/warnings/<id>.txt (a new or lost warning is a
 * visible change: `CORPUS_WRITE=1` rewrites the lists, for review); every client and every
 * TypeScript example of its docs compile under strict tsc (all in one program); every link of
 * its docs resolves.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { resolveOptions, REPO_ROOT } from "../../scripts/options.js";
import { npmSpec, type NpmSpec } from "../../scripts/bench/npm-spec.js";
import { formatIssue, SpecError, type SpecIssue } from "../../scripts/issues.js";
import { blockFileName, brokenLinks, codeBlocks, listFiles, readPage, TSC } from "../docs/support.js";
import { run } from "../support/run.js";

interface CorpusSpec extends NpmSpec {
  id: string;
  notes: string;
  /**
   * A known gap, asserted as it is so that fixing it shows: `refused` with that code, or its
   * client fails strict tsc with that error (compiled on its own, outside the one program), or
   * (`examples`) its client compiles in the one program but some examples of its docs fail with
   * exactly these errors (compiled on their own).
   */
  known?: { refused?: string; tsc?: string; examples?: string[]; why: string };
}

const HERE = path.join(REPO_ROOT, "test", "corpus");
const ALL: CorpusSpec[] = JSON.parse(readFileSync(path.join(HERE, "manifest.json"), "utf8")).specs;
/** `CORPUS_ONLY=github,stripe`: a subset, while working on one spec. */
const ONLY = process.env.CORPUS_ONLY?.split(",").filter(Boolean);
const SPECS = ONLY ? ALL.filter((s) => ONLY.includes(s.id)) : ALL;
const OUT = path.join(REPO_ROOT, ".tmp", "corpus");
const WRITE = process.env.CORPUS_WRITE === "1";

/** A warning as reviewed: its file relative to the spec's package, so the list is the same on every machine. */
function reviewedLine(issue: SpecIssue, packageDir: string): string {
  const file = issue.file ? path.relative(packageDir, path.resolve(issue.file)).split(path.sep).join("/") : undefined;
  return formatIssue({ ...issue, ...(file ? { file } : {}) }).split("\n")[0]!;
}

const outDir = (spec: CorpusSpec) => path.join(OUT, "out", spec.id);
const packageName = (spec: CorpusSpec) => `corpus-${spec.id}`;
const generated = new Set<string>();

describe("the real-world corpus", () => {
  it("has at least 30 specs of several shapes, each pinned to a version and an integrity", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALL.map((s) => s.id)).size).toBe(ALL.length);
    for (const spec of ALL) {
      expect(spec.version, spec.id).toMatch(/^\d+\.\d+\.\d+/);
      expect(spec.integrity, spec.id).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
    }
    // GitHub's spec as published, among others.
    expect(ALL.find((s) => s.id === "github")).toMatchObject({
      package: "@octokit/openapi",
      root: "package/generated/api.github.com.json",
    });
  });

  for (const spec of SPECS) {
    it(`${spec.id}: generates, with its reviewed warnings`, async () => {
      const root = npmSpec(spec);
      const packageDir = path.join(
        path.dirname(root),
        ...spec.root
          .split("/")
          .slice(1)
          .map(() => ".."),
      );
      rmSync(outDir(spec), { recursive: true, force: true });
      let warnings: SpecIssue[];
      try {
        const result = await generate(
          resolveOptions({ specPath: root, outDir: outDir(spec), packageName: packageName(spec), quiet: true }),
        );
        warnings = result.ir.warnings;
      } catch (error) {
        if (error instanceof SpecError && spec.known?.refused && error.issues.some((i) => i.code === spec.known!.refused)) return;
        if (error instanceof SpecError) throw new Error(`refused:\n${error.issues.map(formatIssue).join("\n")}`);
        throw error;
      }
      expect(spec.known?.refused, `${spec.id} generates now: drop its known refusal from the manifest`).toBeUndefined();
      generated.add(spec.id);
      const lines = warnings.map((w) => reviewedLine(w, packageDir));
      const file = path.join(HERE, "warnings", `${spec.id}.txt`);
      const text = lines.length ? `${lines.join("\n")}\n` : "";
      if (WRITE) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `${file}: no reviewed list (CORPUS_WRITE=1 writes it)`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
  }

  /** Writes each `ts` block of the spec's docs as a module of its own (its top-level names are its own); returns their folder. */
  function writeSnippets(spec: CorpusSpec): string {
    const docs = path.join(outDir(spec), "docs");
    const dir = path.join(OUT, "snippets", spec.id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const page of listFiles(docs).filter((f) => f.endsWith(".md"))) {
      for (const block of codeBlocks(page, readFileSync(path.join(docs, page), "utf8")).filter((b) => b.lang === "ts")) {
        writeFileSync(path.join(dir, blockFileName(block)), `${block.code}\nexport {};\n`);
      }
    }
    return dir;
  }

  /** Compiles the clients and the snippet folders given as one program; the error lines. */
  function compileProgram(
    name: string,
    specs: CorpusSpec[],
    snippetDirs: string[],
  ): { errors: string[]; status: number | null; output: string } {
    const paths: Record<string, string[]> = {};
    for (const spec of specs) {
      paths[packageName(spec)] = [path.join(outDir(spec), "client", "src", "index.ts")];
      paths[`${packageName(spec)}/fn`] = [path.join(outDir(spec), "client", "src", "fn.ts")];
    }
    // The generated package's own compiler options (strict, noUncheckedIndexedAccess, ...).
    const clientOptions = JSON.parse(readFileSync(path.join(outDir(specs[0]!), "client", "tsconfig.json"), "utf8")).compilerOptions;
    const tsconfig = {
      compilerOptions: {
        ...clientOptions,
        rootDir: undefined,
        outDir: undefined,
        declaration: false,
        sourceMap: false,
        inlineSources: false,
        noEmit: true,
        types: ["node"],
        paths,
      },
      include: [
        ...specs.map((s) => `out/${s.id}/client/src/**/*.ts`),
        ...snippetDirs.map((dir) => `${path.relative(OUT, dir).split(path.sep).join("/")}/**/*.ts`),
      ],
    };
    const config = path.join(OUT, name);
    writeFileSync(config, `${JSON.stringify(tsconfig, null, 2)}\n`);
    const result = run(TSC, ["--noEmit", "--pretty", "false", "-p", config]);
    return { errors: result.output.split("\n").filter((line) => /error TS\d+/.test(line)), status: result.status, output: result.output };
  }

  it("every client and every TypeScript example of its docs compile under strict tsc (one program)", () => {
    const specs = SPECS.filter((s) => generated.has(s.id) && !s.known?.tsc);
    expect(specs.length, "no spec generated").toBeGreaterThan(0);
    const snippetDirs = specs.filter((s) => !s.known?.examples).map(writeSnippets);
    const { errors, status, output } = compileProgram("tsconfig.json", specs, snippetDirs);
    expect(errors.slice(0, 40).join("\n") + (errors.length > 40 ? `\n... ${errors.length} errors` : "")).toBe("");
    expect(status, output.slice(0, 4000)).toBe(0);
    // A hang guard, not a speed check: one tsc over 39 clients and their examples took 272 s in a
    // full `make test` on 2 cores, past the default 180 s.
  }, 900_000);

  for (const spec of SPECS.filter((s) => s.known?.examples)) {
    it(`${spec.id}: its client compiles, some examples of its docs still fail with ${spec.known!.examples!.join(", ")} (known: ${spec.known!.why.slice(0, 60)}...)`, () => {
      expect(generated.has(spec.id), "it did not generate").toBe(true);
      const snippets = writeSnippets(spec);
      const { errors } = compileProgram(`tsconfig.${spec.id}.json`, [spec], [snippets]);
      // Only examples fail, and only with the known errors: anything else is a new problem.
      const outside = errors.filter((line) => !line.includes(`snippets/${spec.id}/`));
      expect(outside).toEqual([]);
      const codes = [...new Set(errors.map((line) => /error (TS\d+)/.exec(line)![1]!))].sort();
      expect(codes, `${spec.id}: its examples compile now, or fail otherwise: update its known examples in the manifest`).toEqual(
        [...spec.known!.examples!].sort(),
      );
    }, 600_000);
  }

  for (const spec of SPECS.filter((s) => s.known?.tsc)) {
    it(`${spec.id}: its client still fails strict tsc with ${spec.known!.tsc} (known: ${spec.known!.why.slice(0, 60)}...)`, () => {
      expect(generated.has(spec.id), "it did not generate").toBe(true);
      const result = run(TSC, ["--noEmit", "--pretty", "false", "-p", path.join(outDir(spec), "client", "tsconfig.json")]);
      expect(result.output, `${spec.id} compiles now: drop its known tsc error from the manifest`).toContain(`error ${spec.known!.tsc}`);
    });
  }

  for (const spec of SPECS.filter((s) => !s.known?.refused)) {
    it(`${spec.id}: every link of its docs resolves`, () => {
      expect(generated.has(spec.id), "it did not generate").toBe(true);
      const docs = path.join(outDir(spec), "docs");
      const pages = new Map(
        listFiles(docs)
          .filter((f) => f.endsWith(".md"))
          .map((f) => [f, readPage(readFileSync(path.join(docs, f), "utf8"))]),
      );
      expect(pages.has("README.md")).toBe(true);
      const broken = brokenLinks(pages, (target) => existsSync(path.join(docs, target)));
      expect(broken, broken.slice(0, 20).join("\n")).toEqual([]);
    });
  }
});
