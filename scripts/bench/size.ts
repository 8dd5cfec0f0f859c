/**
 * Benchmark 3: what the client costs a browser or an edge bundle. The generated OrganizationApi
 * with its runtime (everything it imports bundled in), one operation imported as a function from
 * `fn.ts` (what a bundler keeps of the package when an app calls one operation), and openapi-fetch
 * alone, all bundled the same way: esbuild, minified, platform neutral, ESM; raw bytes and gzip
 * (zlib, level 9). Deterministic: one build each is enough.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { REPO_ROOT } from "../options.js";
import { BENCH_TMP, table } from "./util.js";

export interface BundleFigures {
  entry: string;
  bytes: number;
  gzipBytes: number;
  /** Minified bytes each source file puts in the bundle (before gzip), largest first. */
  inputs: Record<string, number>;
}

export interface SizeResult {
  client: BundleFigures;
  /** `createClient` and `getCredential` from fn.ts. */
  oneFunction: BundleFigures;
  openapiFetch: BundleFigures;
  /** client gzip / openapi-fetch gzip. */
  ratioGzip: number;
  /** What the client adds to openapi-fetch, gzipped. */
  addedGzipBytes: number;
}

async function bundleSize(entry: string, source: string): Promise<BundleFigures> {
  const dir = path.join(BENCH_TMP, "size");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${entry.replace(/[^A-Za-z0-9]+/g, "-")}.ts`);
  writeFileSync(file, source);
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    platform: "neutral",
    format: "esm",
    target: "es2022",
    // Neutral platform reads no package.json field by default; openapi-fetch has `exports` and `main`.
    mainFields: ["module", "main"],
    write: false,
    metafile: true,
    logLevel: "warning",
    absWorkingDir: REPO_ROOT,
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile!.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(
      ([file, { bytesInOutput }]) =>
        [file.replace(/^.*node_modules\//, "").replace(/^generated\/client\/src\//, ""), bytesInOutput] as const,
    )
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { entry, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, inputs: Object.fromEntries(inputs) };
}

export async function benchSize(): Promise<SizeResult> {
  const index = path.join(REPO_ROOT, "generated", "client", "src", "index.ts");
  const client = await bundleSize(
    "generated OrganizationApi + runtime",
    `export { OrganizationApi, ApiError } from ${JSON.stringify(index)};\n`,
  );
  const oneFunction = await bundleSize(
    "one operation as a function (getCredential from fn.ts) + runtime",
    `export { createClient, getCredential } from ${JSON.stringify(path.join(REPO_ROOT, "generated", "client", "src", "fn.ts"))};\n`,
  );
  const openapiFetch = await bundleSize("openapi-fetch alone", `export { default as createClient } from "openapi-fetch";\n`);
  return {
    client,
    oneFunction,
    openapiFetch,
    ratioGzip: Math.round((client.gzipBytes / openapiFetch.gzipBytes) * 100) / 100,
    addedGzipBytes: client.gzipBytes - openapiFetch.gzipBytes,
  };
}

const byFile = (figures: BundleFigures): string =>
  Object.entries(figures.inputs)
    .map(([f, b]) => `${f} ${b}`)
    .join(", ");

export function sizeTable(size: SizeResult): string {
  const kb = (n: number) => (n / 1024).toFixed(2);
  return (
    table([
      ["bundle", "minified KB", "gzip KB"],
      [size.client.entry, kb(size.client.bytes), kb(size.client.gzipBytes)],
      [size.oneFunction.entry, kb(size.oneFunction.bytes), kb(size.oneFunction.gzipBytes)],
      [size.openapiFetch.entry, kb(size.openapiFetch.bytes), kb(size.openapiFetch.gzipBytes)],
      ["client / openapi-fetch", "", `${size.ratioGzip.toFixed(2)}x`],
    ]) +
    `\nminified bytes by source file (client): ${byFile(size.client)}` +
    `\nminified bytes by source file (one function): ${byFile(size.oneFunction)}`
  );
}
