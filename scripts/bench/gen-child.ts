/**
 * One generation run, in its own process (so peak memory is this run's): the full pipeline
 * (`generateFiles`: load, IR, types, client, docs, format) on one spec, nothing written; its
 * warnings printed to stderr, as the command line does.
 * Prints one JSON line: in-process time, time per stage, sizes; or what stopped the run
 * (`error`: the spec's problems with their codes, or an internal error's first line).
 *
 *   node <bundle of this file> --spec <file> --root <repository>
 */
import { parseArgs } from "node:util";
import path from "node:path";
import type { StageTiming } from "../generate.js";
import { prestartTypes } from "../client/types-worker.js";

// As the generator's entry point (cli.ts) does: the types thread first, then the pipeline.
prestartTypes();
const [{ generateFiles }, { SpecError, formatWarnings }, { resolveOptions, REPO_ROOT }] = await Promise.all([
  import("../generate.js"),
  import("../issues.js"),
  import("../options.js"),
]);

const { values } = parseArgs({ options: { spec: { type: "string" }, root: { type: "string" } } });
if (!values.spec) throw new Error("--spec is required");
// The repository root is given: the bundle of this file lives under .tmp/, not scripts/.
const root = values.root ?? REPO_ROOT;
const started = performance.now();
const stages: StageTiming[] = [];
const print = (result: unknown) => process.stdout.write(`${JSON.stringify(result)}\n`);
try {
  const options = resolveOptions({
    specPath: path.resolve(values.spec),
    outDir: path.join(root, ".tmp", "bench", "unused"),
    templateDir: path.join(root, "templates"),
    quiet: true,
  });
  const result = await generateFiles(options, { onStage: (t) => stages.push(t) });
  // The warnings are printed as the command line prints them: part of what a run costs.
  process.stderr.write(formatWarnings(result.ir.warnings));
  const ms = performance.now() - started;
  let bytes = 0;
  for (const content of result.files.values()) bytes += Buffer.byteLength(content);
  print({
    ms,
    stages: Object.fromEntries(stages.map((s) => [s.stage, s.ms])),
    operations: result.ir.operations.length,
    models: result.ir.models.length,
    files: result.files.size,
    bytes,
    warnings: result.ir.warnings.length,
  });
} catch (error) {
  if (error instanceof SpecError) {
    print({
      error: {
        kind: "spec",
        issues: error.issues.map((i) => ({
          code: i.code,
          severity: i.severity,
          message: i.message,
          ...(i.pointer ? { pointer: i.pointer } : {}),
        })),
      },
    });
  } else {
    print({ error: { kind: "internal", message: String((error as Error).message ?? error).split("\n")[0] } });
  }
  process.exitCode = 1;
}
