/**
 * Benchmark 1: generation. The full pipeline (`generateFiles`: types, client, docs, formatted)
 * against openapi-typescript's own CLI (types only) on the same spec, each run in a fresh child
 * process, the two interleaved (A B, B A, ...) so that a noisy neighbour hits both alike.
 * Figures are medians of the runs; the ratio is the median of the per-round ratios.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";
import { countOperations, githubSpec, GITHUB_PACKAGE } from "./github-spec.js";
import { writeSyntheticSpec } from "./synthetic-spec.js";
import { BENCH_TMP, bundleForNode, log, median, round, runNode, sig, table, type ChildRun } from "./util.js";

const OTS_CLI = path.join(REPO_ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");

export interface SpecCase {
  name: string;
  file: string;
  /** What was changed in the spec for the benchmark, when the generator rejects the original. */
  note?: string;
}

export interface GenerationFigures {
  spec: string;
  file: string;
  note?: string;
  operations: number;
  runs: number;
  pipeline: {
    wallMs: number;
    maxRssMb: number;
    msPerOperation: number;
    stages: { stage: string; ms: number }[];
    files: number;
    outputMb: number;
  };
  openapiTypescript: { wallMs: number; maxRssMb: number; msPerOperation: number };
  /** pipeline wall time / openapi-typescript wall time, median of the per-round ratios. */
  ratio: number;
}

export interface GenerationResult {
  runs: number;
  specs: GenerationFigures[];
  /** The same pipeline run on spec/openapi.yaml through tsx (`tsx scripts/cli.ts`), against the bundle (as `make generate` runs it). */
  tsx: { bundleWallMs: number; tsxWallMs: number; extraMs: number };
  /** GitHub's spec, as published: the pipeline must generate it unmodified (its warnings on). */
  github?: { package: string; warnings: number };
}

interface PipelineOutput {
  ms: number;
  stages: Record<string, number>;
  operations: number;
  models: number;
  files: number;
  bytes: number;
  /** How many warnings the run printed (the fidelity report is part of what is measured). */
  warnings: number;
  error?: { kind: string; issues?: { code: string; message: string; pointer?: string }[]; message?: string };
}

function parseChild(run: ChildRun, what: string): PipelineOutput {
  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as PipelineOutput;
  } catch {
    throw new Error(`${what}: no result (exit ${run.code})\n${run.stderr.slice(-2000)}`);
  }
}

async function runPipeline(bundle: string, spec: string): Promise<{ run: ChildRun; out: PipelineOutput }> {
  const run = await runNode([bundle, "--spec", spec, "--root", REPO_ROOT]);
  return { run, out: parseChild(run, `pipeline on ${spec}`) };
}

async function runOts(spec: string, outFile: string): Promise<ChildRun> {
  const run = await runNode([OTS_CLI, spec, "-o", outFile]);
  if (run.code !== 0) throw new Error(`openapi-typescript on ${spec} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
  return run;
}

export async function benchGeneration(options: {
  runs: number;
  sizes: number[];
  github: boolean;
  pipelineBundle?: string;
}): Promise<GenerationResult> {
  const build = path.join(BENCH_TMP, "build");
  mkdirSync(build, { recursive: true });
  // A prebuilt bundle of gen-child.ts (e.g. of an older pipeline, for before/after figures), or today's.
  const bundle = options.pipelineBundle
    ? path.resolve(options.pipelineBundle)
    : await bundleForNode(path.join(REPO_ROOT, "scripts", "bench", "gen-child.ts"), path.join(build, "gen-child.mjs"), "packages", true);
  const otsOut = path.join(BENCH_TMP, "ots-schema.ts");

  const cases: SpecCase[] = [{ name: "spec/openapi.yaml", file: path.join(REPO_ROOT, "spec", "openapi.yaml") }];
  for (const size of options.sizes) {
    cases.push({ name: `synthetic ${size}`, file: writeSyntheticSpec(path.join(BENCH_TMP, "specs", `synthetic-${size}.yaml`), size) });
  }
  let github: GenerationResult["github"];
  if (options.github) {
    const original = githubSpec(log);
    log(`checking that the generator accepts ${GITHUB_PACKAGE} as it is...`);
    const first = await runPipeline(bundle, original);
    if (first.out.error) throw new Error(`the pipeline refuses ${GITHUB_PACKAGE}: ${JSON.stringify(first.out.error)}`);
    github = { package: GITHUB_PACKAGE, warnings: first.out.warnings };
    cases.push({ name: "GitHub REST API", file: original });
  }

  // Warm the file system cache and the machine: one untimed run of each.
  await runOts(cases[0]!.file, otsOut);
  await runPipeline(bundle, cases[0]!.file);

  const specs: GenerationFigures[] = [];
  for (const c of cases) {
    const pipelineRuns: { run: ChildRun; out: PipelineOutput }[] = [];
    const otsRuns: ChildRun[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      // Interleaved, in an order that rotates: a slow moment of the machine does not favour one.
      const steps: (() => Promise<void>)[] = [
        async () => {
          const p = await runPipeline(bundle, c.file);
          if (p.out.error) throw new Error(`pipeline failed on ${c.name}: ${JSON.stringify(p.out.error)}`);
          pipelineRuns.push(p);
        },
        async () => {
          otsRuns.push(await runOts(c.file, otsOut));
        },
      ];
      for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
      const p = pipelineRuns[i]!.run;
      const o = otsRuns[i]!;
      ratios.push(p.wallMs / o.wallMs);
      log(
        `  ${c.name} run ${i + 1}/${options.runs}: pipeline ${(p.wallMs / 1000).toFixed(2)} s, openapi-typescript ${(o.wallMs / 1000).toFixed(2)} s`,
      );
    }
    const operations = pipelineRuns[0]!.out.operations || countOperations(c.file);
    const stageNames = Object.keys(pipelineRuns[0]!.out.stages);
    const pipelineWall = median(pipelineRuns.map((r) => r.run.wallMs));
    const otsWall = median(otsRuns.map((r) => r.wallMs));
    specs.push({
      spec: c.name,
      file: path.relative(REPO_ROOT, c.file),
      ...(c.note ? { note: c.note } : {}),
      operations,
      runs: options.runs,
      pipeline: {
        wallMs: round(pipelineWall),
        maxRssMb: round(median(pipelineRuns.map((r) => r.run.maxRssKb)) / 1024),
        msPerOperation: sig(pipelineWall / operations),
        // In pipeline order (a list: the JSON file's keys are sorted).
        stages: stageNames.map((stage) => ({ stage, ms: round(median(pipelineRuns.map((r) => r.out.stages[stage] ?? 0))) })),
        files: pipelineRuns[0]!.out.files,
        outputMb: round(pipelineRuns[0]!.out.bytes / 1e6, 2),
      },
      openapiTypescript: {
        wallMs: round(otsWall),
        maxRssMb: round(median(otsRuns.map((r) => r.maxRssKb)) / 1024),
        msPerOperation: sig(otsWall / operations),
      },
      ratio: round(median(ratios), 2),
    });
  }

  // What tsx adds, on the small spec: why `make generate` runs a bundle of the command line.
  const tsxRuns: number[] = [];
  const bundleRuns: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const viaTsx = await runNode(["--import", "tsx", path.join(REPO_ROOT, "scripts", "bench", "gen-child.ts"), "--spec", cases[0]!.file]);
    const viaBundle = await runNode([bundle, "--spec", cases[0]!.file, "--root", REPO_ROOT]);
    tsxRuns.push(viaTsx.wallMs);
    bundleRuns.push(viaBundle.wallMs);
  }
  const tsxWallMs = round(median(tsxRuns));
  const bundleWallMs = round(median(bundleRuns));
  return { runs: options.runs, specs, tsx: { bundleWallMs, tsxWallMs, extraMs: tsxWallMs - bundleWallMs }, ...(github ? { github } : {}) };
}

export function generationTable(result: GenerationResult): string {
  const rows: (string | number)[][] = [
    ["spec", "operations", "pipeline s", "peak MB", "ms/op", "openapi-typescript s", "peak MB", "ms/op", "ratio"],
  ];
  for (const s of result.specs) {
    rows.push([
      s.spec,
      s.operations,
      (s.pipeline.wallMs / 1000).toFixed(2),
      s.pipeline.maxRssMb,
      s.pipeline.msPerOperation,
      (s.openapiTypescript.wallMs / 1000).toFixed(2),
      s.openapiTypescript.maxRssMb,
      s.openapiTypescript.msPerOperation,
      `${s.ratio.toFixed(2)}x`,
    ]);
  }
  const stages = result.specs.map((s) => `  ${s.spec}: ${s.pipeline.stages.map((t) => `${t.stage} ${t.ms} ms`).join(", ")}`);
  const notes = result.specs.filter((s) => s.note).map((s) => `  * ${s.spec}: ${s.note}`);
  return [
    table(rows),
    "ratio: pipeline (types + client + docs, formatted) / openapi-typescript CLI (types only), median of per-run ratios.",
    "pipeline stages (median, in the child):",
    ...stages,
    `tsx: the same run on spec/openapi.yaml through tsx takes ${(result.tsx.tsxWallMs / 1000).toFixed(2)} s against ${(result.tsx.bundleWallMs / 1000).toFixed(2)} s bundled, as make generate runs it (+${result.tsx.extraMs} ms)`,
    ...notes,
  ].join("\n");
}
