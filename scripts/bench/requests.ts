/**
 * Benchmark 2: per-request overhead. The generated client (retries and timeouts on, as by
 * default) against openapi-fetch alone and raw fetch, for a GET (listCredentials) and a POST with
 * a JSON body (addCredential), over keep-alive loopback HTTP to a server in another process.
 * Each round runs every client once, each in a fresh process (see requests-child.ts for why), in an
 * order that rotates from round to round. Requests per second are medians of rounds; ratios are
 * medians of the per-round ratios (neighbours in time see the same machine).
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
  /** generated / openapi-fetch req/s of each round, in order: how much one round moves. */
  roundRatios: number[];
}

export interface RequestsResult {
  /** Timed requests per client, process and operation. */
  requestsPerRound: number;
  warmupRequests: number;
  /** How the clients were separated. */
  isolation: string;
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
    generatedVsOpenapiFetch: round(
      perRound((i) => rps.generated![i]! / rps["openapi-fetch"]![i]!),
      3,
    ),
    openapiFetchVsFetch: round(
      perRound((i) => rps["openapi-fetch"]![i]! / rps.fetch![i]!),
      3,
    ),
    generatedVsFetch: round(
      perRound((i) => rps.generated![i]! / rps.fetch![i]!),
      3,
    ),
    addedMicrosVsOpenapiFetch: round(
      perRound((i) => 1e6 / rps.generated![i]! - 1e6 / rps["openapi-fetch"]![i]!),
      1,
    ),
    cpuMicros: Object.fromEntries(Object.entries(cpu).map(([name, values]) => [name, round(median(values), 1)])),
    cpuGeneratedVsOpenapiFetch: round(
      perRound((i) => cpu.generated![i]! / cpu["openapi-fetch"]![i]!),
      3,
    ),
    rounds,
    roundRatios: Array.from({ length: rounds }, (_, i) => round(rps.generated![i]! / rps["openapi-fetch"]![i]!, 3)),
  };
}

const CLIENT_NAMES = ["generated", "openapi-fetch", "fetch"] as const;

interface ChildFigures {
  get: { rps: number; cpuMicros: number };
  post: { rps: number; cpuMicros: number };
}

export async function benchRequests(options: { requests?: number; rounds?: number; warmup?: number } = {}): Promise<RequestsResult> {
  const build = path.join(BENCH_TMP, "build");
  mkdirSync(build, { recursive: true });
  const bundle = await bundleForNode(path.join(REPO_ROOT, "scripts", "bench", "requests-child.ts"), path.join(build, "requests-child.mjs"));
  const server = await startServer();
  const requests = options.requests ?? 1500;
  // Fewer than about 4,000 warm-up requests left V8 still optimising during the timed run.
  const warmup = options.warmup ?? 4000;
  // One round moves by 10-20% from process to process here (roundRatios in the results): the
  // median of 16 is steadier than that of 8.
  const rounds = options.rounds ?? 16;
  const rps = { get: emptySeries(), post: emptySeries() };
  const cpu = { get: emptySeries(), post: emptySeries() };
  try {
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < CLIENT_NAMES.length; k++) {
        const client = CLIENT_NAMES[(k + r) % CLIENT_NAMES.length]!;
        const run = await runNode(
          [bundle, "--port", String(server.port), "--client", client, "--requests", String(requests), "--warmup", String(warmup)],
          { timeoutMs: 120_000 },
        );
        if (run.code !== 0) throw new Error(`request benchmark (${client}) failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
        const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as ChildFigures;
        for (const op of ["get", "post"] as const) {
          rps[op][client].push(out[op].rps);
          cpu[op][client].push(out[op].cpuMicros);
        }
      }
    }
    return {
      requestsPerRound: requests,
      warmupRequests: warmup,
      isolation: "one process per client and round",
      get: figures(rps.get, cpu.get),
      post: figures(rps.post, cpu.post),
    };
  } finally {
    server.stop();
  }
}

function emptySeries(): Record<(typeof CLIENT_NAMES)[number], number[]> {
  return { generated: [], "openapi-fetch": [], fetch: [] };
}

export function requestsTable(result: RequestsResult): string {
  const rows: (string | number)[][] = [
    [
      "request",
      "generated req/s",
      "openapi-fetch req/s",
      "fetch req/s",
      "generated / openapi-fetch",
      "openapi-fetch / fetch",
      "added µs/req",
      "CPU µs/req gen / o-f / fetch",
      "CPU gen / o-f",
    ],
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
  return `${table(rows)}\n(${result.get.rounds} rounds; in each, every client in its own process: ${result.warmupRequests} warm-up then ${result.requestsPerRound} timed requests per operation; one request in flight)`;
}
