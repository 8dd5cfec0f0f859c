/**
 * The pipeline: load → build IR → render (client, docs, package) → types → canonical layout →
 * write or check.
 * Nothing is written unless every stage succeeded.
 */
import { loadSpec, type LoadedSpec } from "./load-spec.js";
import { buildIr } from "./build-ir.js";
import type { ApiIr } from "./ir.js";
import { startTypes } from "./render-types.js";
import { renderClient, type FileMap, type RenderedClient } from "./render-client.js";
import { packageName, packageReadme, renderPackage } from "./render-package.js";
import { renderDocs } from "./render-docs.js";
import { formatFiles } from "./format.js";
import { diffOutput, writeOutput, type WriteHooks } from "./write-output.js";
import type { GeneratorOptions } from "./options.js";

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

/** Paths under the output folder that are not generated (build output, installs). */
export const IGNORED_OUTPUT = (rel: string) => /^client\/(dist|docs|node_modules)\//.test(rel) || rel.endsWith(".tgz");

export async function generateFiles(options: GeneratorOptions, onStage: (t: StageTiming) => void = () => {}): Promise<Omit<GenerateResult, "differences">> {
  const timings: StageTiming[] = [];
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    const timing = { stage, ms: performance.now() - start };
    timings.push(timing);
    onStage(timing);
    return result;
  };
  // Types are printed in a worker thread (it loads TypeScript while this thread loads the spec,
  // and prints while this thread builds the IR and renders).
  const types = startTypes();
  let spec: LoadedSpec;
  let ir: ApiIr;
  let client: RenderedClient;
  let docs: FileMap;
  try {
    spec = await time("load", () => loadSpec(options.specPath));
    types.print(spec.document);
    ir = await time("build-ir", () => buildIr(spec));
    [client, docs] = await time("render", () => [renderClient(ir, options.templateDir), renderDocs(ir, options.templateDir, packageName(ir, options))] as const);
  } catch (error) {
    types.cancel();
    throw error;
  }
  const files: FileMap = new Map();
  for (const [name, content] of renderPackage(ir, options)) files.set(`client/${name}`, content);
  for (const [name, content] of client.files) files.set(`client/${name}`, content);
  for (const [name, content] of docs) files.set(`docs/${name}`, content);
  files.set("client/README.md", packageReadme(docs.get("README.md") ?? `# ${ir.title}\n`));
  files.set("client/src/schema.ts", await time("types", () => types.result(client.header)));
  // openapi-typescript's printer already lays out its output.
  const formatted = await time("format", () => formatFiles(files, (name) => name === "client/src/schema.ts"));
  return { spec, ir, files: formatted, timings };
}

export async function generate(options: GeneratorOptions, onStage?: (t: StageTiming) => void, hooks?: WriteHooks): Promise<GenerateResult> {
  const result = await generateFiles(options, onStage);
  const start = performance.now();
  let differences: string[] = [];
  if (options.check) differences = diffOutput(result.files, options.outDir, IGNORED_OUTPUT);
  else writeOutput(result.files, options.outDir, hooks);
  const timing = { stage: options.check ? "check" : "write", ms: performance.now() - start };
  result.timings.push(timing);
  onStage?.(timing);
  return { ...result, differences };
}
