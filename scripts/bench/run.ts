/**
 * `make bench`: generation speed at scale, per-request overhead, bundle size, verify on GitHub's
 * spec, the docs site at GitHub's scale (build time, the reference's first operation against Redoc).
 * Prints the tables and writes the figures to bench/results.json (keys sorted). Benchmarks assert
 * nothing: the targets are reported as holding or not.
 *
 *   tsx scripts/bench/run.ts [--only generation,requests,size,verify,site] [--runs 3] [--sizes 10,100,1000,5000]
 *                            [--no-github] [--reuse-site] [--reference-only] [--out bench/results.json] [--verify-concurrency 8]
 *                            [--pipeline-bundle <esbuild bundle of gen-child.ts, e.g. an older pipeline>]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../options.js";
import { benchGeneration, generationTable, type GenerationResult } from "./generation.js";
import { benchRequests, requestsTable, type RequestsResult } from "./requests.js";
import { benchSite, siteTable, type SiteBenchResult } from "./site.js";
import { benchSize, sizeTable, type SizeResult } from "./size.js";
import { evaluateTargets, targetsTable } from "./targets.js";
import { benchVerify, verifyTable, type VerifyBenchResult } from "./verify.js";
import { log, sortKeys } from "./util.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string" },
    sizes: { type: "string" },
    "no-github": { type: "boolean" },
    "reuse-site": { type: "boolean" },
    "reference-only": { type: "boolean" },
    "pipeline-bundle": { type: "string" },
    out: { type: "string" },
    "verify-concurrency": { type: "string" },
  },
});
const parts = new Set((values.only ?? "generation,requests,size,verify,site").split(",").map((s) => s.trim()));
const runs = Math.max(3, Number(values.runs ?? 3));
const sizes = (values.sizes ?? "10,100,1000,5000").split(",").map(Number);
const out = path.resolve(values.out ?? path.join(REPO_ROOT, "bench", "results.json"));

const loadAtStart = os.loadavg()[0]!;

// A run of some parts keeps the other parts' figures from the previous file.
const previous = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>) : {};
let generation = previous.generation as GenerationResult | undefined;
let requests = previous.requests as RequestsResult | undefined;
let size = previous.size as SizeResult | undefined;
let verify = previous.verify as VerifyBenchResult | undefined;
let site = previous.site as SiteBenchResult | undefined;

if (parts.has("size")) {
  log("== bundle size");
  size = await benchSize();
  process.stdout.write(`\nBundle size (esbuild, minified, platform neutral, ESM; gzip by zlib level 9)\n${sizeTable(size)}\n`);
}
if (parts.has("requests")) {
  log("== per-request overhead");
  requests = await benchRequests();
  process.stdout.write(`\nPer-request overhead (keep-alive loopback HTTP, server in its own process)\n${requestsTable(requests)}\n`);
}
if (parts.has("generation")) {
  log("== generation");
  generation = await benchGeneration({
    runs,
    sizes,
    github: !values["no-github"],
    ...(values["pipeline-bundle"] ? { pipelineBundle: values["pipeline-bundle"] } : {}),
  });
  process.stdout.write(
    `\nGeneration (each run a fresh process; median of ${runs} runs, interleaved with openapi-typescript)\n${generationTable(generation)}\n`,
  );
}

if (parts.has("verify")) {
  log("== verify");
  verify = await benchVerify(Number(values["verify-concurrency"] ?? 8));
  process.stdout.write(`\nVerify (cli.ts verify against Prism's mock, its own process; wall time)\n${verifyTable(verify)}\n`);
}

if (parts.has("site")) {
  log("== docs site (GitHub's spec)");
  const referenceOnly = values["reference-only"] === true;
  const measured = await benchSite({ runs, reuseSite: values["reuse-site"] === true, referenceOnly });
  // Only the readers' side was measured: the last build's figures stay.
  site = referenceOnly && site?.build ? { ...measured, build: site.build } : measured;
  process.stdout.write(
    `\nDocs site of GitHub's spec (build: cli.ts site; reference: fresh Chromium context per run)\n${siteTable(site)}\n`,
  );
}

const cpus = os.cpus();
const loadAtEnd = os.loadavg()[0]!;
const results = {
  command: "make bench",
  environment: {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    // How busy the (shared) machine was: figures of a busy machine are slower, ratios less so.
    loadAverage1m: { start: Math.round(loadAtStart * 10) / 10, end: Math.round(loadAtEnd * 10) / 10 },
  },
  ...(generation ? { generation } : {}),
  ...(requests ? { requests } : {}),
  ...(size ? { size } : {}),
  ...(verify ? { verify } : {}),
  ...(site ? { site } : {}),
  targets: evaluateTargets(generation, requests, size, verify, site),
};
process.stdout.write(`\nTargets\n${targetsTable(results.targets)}\n`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(sortKeys(results), null, 2)}\n`);
process.stdout.write(`\nwrote ${path.relative(process.cwd(), out)}\n`);
