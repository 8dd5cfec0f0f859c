/**
 * The pipeline: load → build IR → render (client, docs, package) → types → canonical layout →
 * write or check.
 * Nothing is written unless every stage succeeded.
 */
import { loadSpec, type LoadedSpec } from "./load/load.js";
import { buildIr } from "./ir/build.js";
import { withCallbacks } from "./ir/webhooks.js";
import type { ApiIr } from "./ir/types.js";
import { startTypes } from "./client/types-worker.js";
import { renderClient, type RenderedClient } from "./client/render.js";
import type { FileMap } from "./output/file-map.js";
import { packageName, packageReadme, renderPackage } from "./client/package.js";
import { renderDocs } from "./docs/render.js";
import { formatFiles } from "./output/layout.js";
import { diffOutput, writeOutput, type WriteHooks } from "./output/write.js";
import type { GeneratorOptions } from "./options.js";
import { strictError } from "./issues.js";

export interface StageTiming {
  stage: string;
  ms: number;
}

export interface GenerateResult {
  spec: LoadedSpec;
  ir: ApiIr;
  files: FileMap;
  timings: StageTiming[];
  /** With `check`: every difference from the output folder (empty when up to date). */
  differences: string[];
}

/** What a caller of the pipeline hears as it runs, and how the output is written. */
export interface GenerateHooks {
  /** Each stage's time, as soon as the stage ends. */
  onStage?: (timing: StageTiming) => void;
  /** What the user should know that is not a problem (e.g. a Swagger 2.0 conversion). */
  onNotice?: (message: string) => void;
  write?: WriteHooks;
}

/** Paths under the output folder that are not generated (build output, installs). */
export const IGNORED_OUTPUT = (rel: string) => /^client\/(dist|docs|node_modules)\//.test(rel) || rel.endsWith(".tgz");

export async function generateFiles(options: GeneratorOptions, hooks: GenerateHooks = {}): Promise<Omit<GenerateResult, "differences">> {
  const timings: StageTiming[] = [];
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    const timing = { stage, ms: performance.now() - start };
    timings.push(timing);
    hooks.onStage?.(timing);
    return result;
  };
  // Types are printed in a worker thread (it loads TypeScript while this thread loads the spec,
  // and prints while this thread builds the IR and renders).
  const types = startTypes();
  let spec: LoadedSpec;
  let ir: ApiIr;
  let client: RenderedClient;
  let docs: FileMap;
  let npmName: string;
  try {
    spec = await time("load", () =>
      loadSpec(options.specPath, { limits: options.limits, ...(hooks.onNotice ? { onNotice: hooks.onNotice } : {}) }),
    );
    types.print(withCallbacks(spec.document));
    ir = await time("build-ir", () => buildIr(spec));
    // A configured package version makes info.version's form irrelevant.
    if (options.packageVersion) ir.warnings = ir.warnings.filter((w) => w.code !== "package-version-not-semver");
    ir.warnings = ir.warnings.filter((w) => !options.acceptWarnings.includes(w.code));
    if (options.strict && ir.warnings.length > 0) throw strictError(ir.warnings);
    npmName = packageName(ir, options);
    [client, docs] = await time(
      "render",
      () => [renderClient(ir, options.templateDir), renderDocs(ir, options.templateDir, npmName)] as const,
    );
  } catch (error) {
    types.cancel();
    throw error;
  }
  const files: FileMap = new Map();
  for (const [name, content] of renderPackage(ir, npmName, options.packageVersion)) files.set(`client/${name}`, content);
  for (const [name, content] of client.files) files.set(`client/${name}`, content);
  for (const [name, content] of docs) files.set(`docs/${name}`, content);
  files.set("client/README.md", packageReadme(docs.get("README.md") ?? `# ${ir.title}\n`));
  files.set("client/src/schema.ts", await time("types", () => types.result(client.header)));
  // openapi-typescript's printer already lays out its output.
  const formatted = await time("format", () => formatFiles(files, (name) => name === "client/src/schema.ts"));
  return { spec, ir, files: formatted, timings };
}

export async function generate(options: GeneratorOptions, hooks: GenerateHooks = {}): Promise<GenerateResult> {
  const result = await generateFiles(options, hooks);
  const start = performance.now();
  let differences: string[] = [];
  if (options.check) differences = diffOutput(result.files, options.outDir, IGNORED_OUTPUT);
  else writeOutput(result.files, options.outDir, hooks.write);
  const timing = { stage: options.check ? "check" : "write", ms: performance.now() - start };
  result.timings.push(timing);
  hooks.onStage?.(timing);
  return { ...result, differences };
}

/** `5 operations, 3 models, 31 files`: what a run produced, for the commands' last line. */
export function summary(result: Pick<GenerateResult, "ir" | "files">): string {
  return `${result.ir.operations.length} operations, ${result.ir.models.length} models, ${result.files.size} files`;
}

/** Set to 1, it makes a run fail after writing the temporary folder, before the swap (tests). */
export const FAIL_BEFORE_SWAP_ENV = "OPENAPI_TS_PIPELINE_FAIL_BEFORE_SWAP";

/** Write hooks of a real run: keep build output across regenerations, and the test failure switch. */
export function writeHooks(env: Record<string, string | undefined>): WriteHooks {
  return {
    keep: IGNORED_OUTPUT,
    ...(env[FAIL_BEFORE_SWAP_ENV] === "1"
      ? {
          beforeSwap: () => {
            throw new Error(`${FAIL_BEFORE_SWAP_ENV}=1: failing before the swap, as asked`);
          },
        }
      : {}),
  };
}
