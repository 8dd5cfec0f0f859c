/**
 * Benchmark 2: per-request overhead. The generated client (retries and timeouts on, as by
 * default) against openapi-fetch alone and raw fetch, for a GET (listCredentials) and a POST with
 * a JSON body (addCredential), over keep-alive loopback HTTP to a server in another process.
 * Requests per second are medians of rounds; ratios are medians of the per-round ratios.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "../options.js";
import { BENCH_TMP, bundleForNode, median, round, runNode, table } from "./util.js";

export interface OperationFigures {
  /** Requests per second, median of rounds. */
  rps: Record<string, number>;
  /** generated / openapi-fetch requests per second (1 = no overhead), median of per-round ratios. */
  generatedVsOpenapiFetch: number;
  /** openapi-fetch / fetch. */
  openapiFetchVsFetch: number;
  /** generated / fetch. */
  generatedVsFetch: number;
  /** What the generated client adds to openapi-fetch per request, in µs of wall time (median of rounds). */
  addedMicrosVsOpenapiFetch: number;
  /** Client process CPU time per request, µs (median of rounds): the overhead a busy machine blurs least. */
  cpuMicros: Record<string, number>;
  /** generated / openapi-fetch CPU time per request (1 = no overhead), median of per-round ratios. */
  cpuGeneratedVsOpenapiFetch: number;
  rounds: number;
}

export interface RequestsResult {
  requestsPerRound: number;
  warmupRequests: number;
  get: OperationFigures;
  post: OperationFigures;
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts", "bench", "server.mjs")], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, NODE_OPTIONS: "", BENCH_SERVER_MAX_MS: "600000" },
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`benchmark server exited (${code})`)));
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return {
    port,
    stop: () => {
      child.stdin!.end();
      child.kill();
    },
  };
}

function figures(rps: Record<string, number[]>, cpu: Record<string, number[]>): OperationFigures {
  const rounds = rps.generated!.length;
  const perRound = (f: (i: number) => number) => median(Array.from({ length: rounds }, (_, i) => f(i)));
  return {
    rps: Object.fromEntries(Object.entries(rps).map(([name, values]) => [name, round(median(values))])),
    generatedVsOpenapiFetch: round(perRound((i) => rps.generated![i]! / rps["openapi-fetch"]![i]!), 3),
    openapiFetchVsFetch: round(perRound((i) => rps["openapi-fetch"]![i]! / rps.fetch![i]!), 3),
    generatedVsFetch: round(perRound((i) => rps.generated![i]! / rps.fetch![i]!), 3),
    addedMicrosVsOpenapiFetch: round(perRound((i) => 1e6 / rps.generated![i]! - 1e6 / rps["openapi-fetch"]![i]!), 1),
    cpuMicros: Object.fromEntries(Object.entries(cpu).map(([name, values]) => [name, round(median(values), 1)])),
    cpuGeneratedVsOpenapiFetch: round(perRound((i) => cpu.generated![i]! / cpu["openapi-fetch"]![i]!), 3),
    rounds,
  };
}

export async function benchRequests(options: { requests?: number; rounds?: number; warmup?: number } = {}): Promise<RequestsResult> {
  const build = path.join(BENCH_TMP, "build");
  mkdirSync(build, { recursive: true });
  const bundle = await bundleForNode(path.join(REPO_ROOT, "scripts", "bench", "requests-child.ts"), path.join(build, "requests-child.mjs"));
  const server = await startServer();
  try {
    const requests = options.requests ?? 200;
    const run = await runNode(
      [bundle, "--port", String(server.port), "--requests", String(requests), "--rounds", String(options.rounds ?? 40), "--warmup", String(options.warmup ?? 2000), "--max-ms", "150000"],
      { timeoutMs: 300_000 },
    );
    if (run.code !== 0) throw new Error(`request benchmark failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
    const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      perRound: number;
      warmup: number;
      rps: Record<"get" | "post", Record<string, number[]>>;
      cpuMicros: Record<"get" | "post", Record<string, number[]>>;
    };
    return {
      requestsPerRound: out.perRound,
      warmupRequests: out.warmup,
      get: figures(out.rps.get, out.cpuMicros.get),
      post: figures(out.rps.post, out.cpuMicros.post),
    };
  } finally {
    server.stop();
  }
}

export function requestsTable(result: RequestsResult): string {
  const rows: (string | number)[][] = [
    ["request", "generated req/s", "openapi-fetch req/s", "fetch req/s", "generated / openapi-fetch", "openapi-fetch / fetch", "added µs/req", "CPU µs/req gen / o-f / fetch", "CPU gen / o-f"],
  ];
  for (const [name, f] of [
    ["GET listCredentials", result.get],
    ["POST addCredential (JSON body)", result.post],
  ] as const) {
    rows.push([
      name,
      f.rps.generated!,
      f.rps["openapi-fetch"]!,
      f.rps.fetch!,
      f.generatedVsOpenapiFetch.toFixed(3),
      f.openapiFetchVsFetch.toFixed(3),
      f.addedMicrosVsOpenapiFetch,
      `${f.cpuMicros.generated} / ${f.cpuMicros["openapi-fetch"]} / ${f.cpuMicros.fetch}`,
      f.cpuGeneratedVsOpenapiFetch.toFixed(3),
    ]);
  }
  return `${table(rows)}\n(${result.get.rounds} rounds of ${result.requestsPerRound} requests per client after ${result.warmupRequests} warm-up requests; one request in flight)`;
}
