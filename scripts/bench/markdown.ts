/**
 * The README's figures, printed from bench/results.json as markdown (paste under `## Performance`).
 *
 *   tsx scripts/bench/markdown.ts [bench/results.json]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";
import type { GenerationResult } from "./generation.js";
import type { RequestsResult } from "./requests.js";
import type { SizeResult } from "./size.js";
import type { Target } from "./targets.js";

interface Results {
  environment: { node: string; cpus: number; cpuModel: string; memoryGb: number; loadAverage1m: { start: number; end: number } };
  generation?: GenerationResult;
  requests?: RequestsResult;
  size?: SizeResult;
  targets: Target[];
}

const file = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "bench", "results.json"));
const r = JSON.parse(readFileSync(file, "utf8")) as Results;
const s = (ms: number) => (ms / 1000).toFixed(2);
const lines: string[] = [];
const env = r.environment;
lines.push(
  `Measured by \`make bench\` with Node ${env.node} on ${env.cpus} cores (${env.cpuModel}), ${env.memoryGb} GB, a shared machine ` +
    `(load average ${env.loadAverage1m.start} at the start, ${env.loadAverage1m.end} at the end): absolute times move from run to run; ` +
    "the ratios, measured in the same run and interleaved, move much less.",
  "",
);
if (r.generation) {
  const g = r.generation;
  lines.push(
    `**Generation** (median of ${g.runs} runs, each a fresh process; wall time from spawn to exit, peak RSS): the full pipeline ` +
      "(`generateFiles`: types, client, docs, formatted) against `openapi-typescript`'s CLI (types only) on the same spec.",
    "",
    "| spec | operations | pipeline | peak memory | per operation | openapi-typescript | peak memory | ratio |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const x of g.specs) {
    lines.push(
      `| ${x.spec} | ${x.operations} | ${s(x.pipeline.wallMs)} s | ${x.pipeline.maxRssMb} MB | ${x.pipeline.msPerOperation} ms | ${s(x.openapiTypescript.wallMs)} s | ` +
        `${x.openapiTypescript.maxRssMb} MB | ${x.ratio.toFixed(2)}x |`,
    );
  }
  lines.push("");
  for (const x of g.specs.filter((x) => x.note)) lines.push(`\\* ${x.spec}: ${x.note}.`, "");
  lines.push(
    "Stages of the pipeline (median, ms): " +
      g.specs.map((x) => `${x.spec}: ${x.pipeline.stages.map((t) => `${t.stage} ${t.ms}`).join(", ")}`).join("; ") +
      `. Through tsx (\`tsx scripts/cli.ts\`) the same run takes ${g.tsx.extraMs} ms more; \`make generate\` runs a bundle of the command line (\`.build/cli.mjs\`), as measured here.`,
    "",
  );
}
if (r.requests) {
  const q = r.requests;
  lines.push(
    `**Per-request overhead** (keep-alive loopback HTTP to a \`node:http\` server in another process; ${q.get.rounds} rounds of ` +
      `${q.requestsPerRound} timed requests per operation after ${q.warmupRequests} warm-up ones, each client in its own process, ` +
      `in batches of ${q.batchSize} that alternate between the clients in an order that rotates, one request in flight; ` +
      "medians of batches, ratios of neighbouring batches): the generated `OrganizationApi` with its default retries and timeout, against `openapi-fetch` alone and `fetch`.",
    "",
    "| request | generated | openapi-fetch | fetch | generated / openapi-fetch | CPU per request (generated / openapi-fetch / fetch) |",
    "|---|--:|--:|--:|--:|--:|",
  );
  for (const [name, f] of [
    ["GET listCredentials", q.get],
    ["POST addCredential (JSON body)", q.post],
  ] as const) {
    lines.push(
      `| ${name} | ${f.rps.generated} req/s | ${f.rps["openapi-fetch"]} req/s | ${f.rps.fetch} req/s | ${f.generatedVsOpenapiFetch.toFixed(3)} | ` +
        `${f.cpuMicros.generated} / ${f.cpuMicros["openapi-fetch"]} / ${f.cpuMicros.fetch} µs |`,
    );
  }
  lines.push("");
}
if (r.size) {
  const z = r.size;
  const kb = (n: number) => (n / 1024).toFixed(2);
  lines.push(
    "**Bundle size** (esbuild, minified, platform neutral, ESM, every import bundled in; gzip by zlib level 9):",
    "",
    "| bundle | minified | gzipped |",
    "|---|--:|--:|",
    `| ${z.client.entry} | ${kb(z.client.bytes)} KB | ${kb(z.client.gzipBytes)} KB |`,
    ...(z.oneFunction ? [`| ${z.oneFunction.entry} | ${kb(z.oneFunction.bytes)} KB | ${kb(z.oneFunction.gzipBytes)} KB |`] : []),
    `| ${z.openapiFetch.entry} | ${kb(z.openapiFetch.bytes)} KB | ${kb(z.openapiFetch.gzipBytes)} KB |`,
    "",
  );
}
lines.push("**Targets** (on this 2-core machine; reported, not asserted):", "", "| target | measured | holds |", "|---|---|---|");
for (const t of r.targets) lines.push(`| ${t.target} | ${t.value} | ${t.holds ? "yes" : "**no**"} |`);
process.stdout.write(`${lines.join("\n")}\n`);
