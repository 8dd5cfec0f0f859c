/**
 * The client `verify` calls: generated from the spec into a temporary folder by the real
 * pipeline, bundled with esbuild (openapi-fetch included) into one ES module, and imported. The
 * calls go through the same package a team would publish, not a copy of its logic.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { generateFiles } from "../generate.js";
import type { ApiIr } from "../ir/types.js";
import type { OpenApiDocument } from "../load/load.js";
import { REPO_ROOT, resolveOptions } from "../options.js";
import { writeOutput } from "../output/write.js";

/** The imported package: its API classes and `ApiError`, by export name. */
export type ClientModule = Record<string, unknown>;

export interface GeneratedClient {
  ir: ApiIr;
  /** The bundled spec the client was generated from (the IR's pointers point into it). */
  document: OpenApiDocument;
  module: ClientModule;
  /** The package's source folder (`<dir>/client`). */
  packageDir: string;
}

/** Generates the client of `specPath` into `dir` and imports it. Throws the pipeline's `SpecError` on a refused spec. */
export async function generateClient(specPath: string, dir: string): Promise<GeneratedClient> {
  const { ir, spec, files } = await generateFiles(resolveOptions({ specPath, outDir: dir, quiet: true }));
  writeOutput(files, dir);
  const packageDir = path.join(dir, "client");
  const bundle = path.join(dir, "client.bundle.mjs");
  await build({
    entryPoints: [path.join(packageDir, "src", "index.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: bundle,
    // The package's dependency (openapi-fetch) is this repository's.
    nodePaths: [path.join(REPO_ROOT, "node_modules")],
    logLevel: "silent",
  });
  const module = (await import(pathToFileURL(bundle).href)) as ClientModule;
  return { ir, document: spec.document, module, packageDir };
}

/**
 * How Prism's response generator (json-schema-faker) is set, through the root extension Prism
 * reads (`x-json-schema-faker`). Prism's own settings make every optional property, three levels
 * into recursive schemas: megabytes per response and minutes per call on specs like Figma's or
 * Google Sheets'. Half the optional properties, two levels and two items keep every kind of
 * value in the responses at a fraction of the size.
 */
export const RESPONSE_GENERATOR = { alwaysFakeOptionals: false, optionalsProbability: 0.5, refDepthMax: 2, maxItems: 2 } as const;

/**
 * The bundled document as one JSON file, for Prism to load: Prism and the client see the same
 * spec (with the response generator's settings added; they change no schema).
 */
export function writeBundledSpec(document: OpenApiDocument, dir: string): string {
  const file = path.join(dir, "openapi.bundled.json");
  writeFileSync(file, JSON.stringify({ ...document, "x-json-schema-faker": RESPONSE_GENERATOR }));
  return file;
}
