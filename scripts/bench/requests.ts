/**
 * Benchmark 2: per-request overhead. The generated client (retries and timeouts on, as by
 * default) against openapi-fetch alone and raw fetch, for a GET (listCredentials) and a POST with
 * a JSON body (addCredential), over keep-alive loopback HTTP to a server in another process.
 * Each round starts one fresh process per client (see requests-child.ts for why), warms each up,
 * then alternates short batches between the three, in an order that rotates from batch to batch:
 * on a busy machine a load spike lasts longer than a batch (~0.1 s), so the three clients of one
 * batch cycle see the same machine. Requests per second and CPU time per request are medians of
 * all batches; ratios are medians of the per-cycle ratios (one generated batch against the
 * openapi-fetch batch next to it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "../options.js";
import { BENCH_TMP, bundleForNode, median, round, table } from "./util.js";

export interface OperationFigures {
  /** Requests per second, median of batches. */
  rps: Record<string, number>;
  /** generated / openapi-fetch requests per second (1 = no overhead), median of per-cycle ratios. */
  generatedVsOpenapiFetch: number;
  /** openapi-fetch / fetch. */
  openapiFetchVsFetch: number;
  /** generated / fetch. */
  generatedVsFetch: number;
  /** What the generated client adds to openapi-fetch per request, in µs of wall time (median of cycles). */
  addedMicrosVsOpenapiFetch: number;
  /** Client process CPU time per request, µs (median of batches): the overhead a busy machine blurs least. */
  cpuMicros: Record<string, number>;
  /** generated / openapi-fetch CPU time per request (1 = no overhead), median of per-cycle ratios. */
  cpuGeneratedVsOpenapiFetch: number;
  rounds: number;
  /** Batch cycles of a round (each: one batch per client). */
  batchesPerRound: number;
  /** generated / openapi-fetch req/s of each round (median of its cycles), in order: how much one set of processes moves. */
  roundRatios: number[];
}

export interface RequestsResult {
  /** Timed requests per client, process and operation (batches × batch size). */
  requestsPerRound: number;
  /** Requests per batch. */
  batchSize: number;
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

const CLIENT_NAMES = ["generated", "openapi-fetch", "fetch"] as const;

/** One batch of each client per cycle: req/s and CPU µs per request, indexed [cycle]. */
type Series = Record<(typeof CLIENT_NAMES)[number], number[]>;

function figures(rps: Series, cpu: Series, rounds: number): OperationFigures {
  const cycles = rps.generated.length;
  const batchesPerRound = cycles / rounds;
  const perCycle = (f: (i: number) => number) => median(Array.from({ length: cycles }, (_, i) => f(i)));
  const ratio = (i: number) => rps.generated[i]! / rps["openapi-fetch"][i]!;
  return {
    rps: Object.fromEntries(Object.entries(rps).map(([name, values]) => [name, round(median(values))])),
    generatedVsOpenapiFetch: round(perCycle(ratio), 3),
    openapiFetchVsFetch: round(
      perCycle((i) => rps["openapi-fetch"][i]! / rps.fetch[i]!),
      3,
    ),
    generatedVsFetch: round(
      perCycle((i) => rps.generated[i]! / rps.fetch[i]!),
      3,
    ),
    addedMicrosVsOpenapiFetch: round(
      perCycle((i) => 1e6 / rps.generated[i]! - 1e6 / rps["openapi-fetch"][i]!),
      1,
    ),
    cpuMicros: Object.fromEntries(Object.entries(cpu).map(([name, values]) => [name, round(median(values), 1)])),
    cpuGeneratedVsOpenapiFetch: round(
      perCycle((i) => cpu.generated[i]! / cpu["openapi-fetch"][i]!),
      3,
    ),
    rounds,
    batchesPerRound,
    roundRatios: Array.from({ length: rounds }, (_, r) =>
      round(median(Array.from({ length: batchesPerRound }, (_, b) => ratio(r * batchesPerRound + b))), 3),
    ),
  };
}

/** One client's process in `--serve` mode: `run(op, n)` sends n requests and gives their times. */
interface ClientProcess {
  run(op: "get" | "post", n: number): Promise<{ ms: number; cpuMs: number }>;
  stop(): void;
}

function startClient(bundle: string, port: number, client: string): ClientProcess {
  const child: ChildProcess = spawn(process.execPath, [bundle, "--port", String(port), "--client", client, "--serve"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const replies = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async run(op, n) {
      child.stdin!.write(`${JSON.stringify({ op, n })}\n`);
      const reply = await replies.next();
      if (reply.done) throw new Error(`request benchmark (${client}) exited (${child.exitCode}):\n${stderr.slice(-2000)}`);
      return JSON.parse(reply.value) as { ms: number; cpuMs: number };
    },
    stop: () => child.stdin!.end(),
  };
}

/** Warm-up requests a client sends in one turn. */
const WARMUP_TURN = 500;

export async function benchRequests(
  options: { batches?: number; batchSize?: number; rounds?: number; warmup?: number } = {},
): Promise<RequestsResult> {
  const build = path.join(BENCH_TMP, "build");
  mkdirSync(build, { recursive: true });
  const bundle = await bundleForNode(path.join(REPO_ROOT, "scripts", "bench", "requests-child.ts"), path.join(build, "requests-child.mjs"));
  const server = await startServer();
  // 250 requests take ~0.05-0.1 s: shorter than the load swings of a shared machine, long
  // enough for process.cpuUsage's resolution (µs) and the event loop's own noise.
  const batchSize = options.batchSize ?? 250;
  const batches = options.batches ?? 6;
  // Fewer than about 4,000 warm-up requests left V8 still optimising during the timed run.
  const warmup = options.warmup ?? 4000;
  // Fresh processes differ by 10-20% (V8's choices; roundRatios in the results): 16 sets of them.
  const rounds = options.rounds ?? 16;
  const rps = { get: emptySeries(), post: emptySeries() };
  const cpu = { get: emptySeries(), post: emptySeries() };
  try {
    for (let r = 0; r < rounds; r++) {
      const clients = Object.fromEntries(CLIENT_NAMES.map((name) => [name, startClient(bundle, server.port, name)]));
      try {
        for (const op of ["get", "post"] as const) {
          // Warm-up in turns too: a client left idle for long would find its keep-alive socket closed.
          for (let done = 0; done < warmup; done += WARMUP_TURN)
            for (const name of CLIENT_NAMES) await clients[name]!.run(op, Math.min(WARMUP_TURN, warmup - done));
          for (let b = 0; b < batches; b++) {
            for (let k = 0; k < CLIENT_NAMES.length; k++) {
              const name = CLIENT_NAMES[(k + b + r) % CLIENT_NAMES.length]!;
              const { ms, cpuMs } = await clients[name]!.run(op, batchSize);
              rps[op][name].push((batchSize * 1000) / ms);
              cpu[op][name].push((cpuMs * 1000) / batchSize);
            }
          }
        }
      } finally {
        for (const client of Object.values(clients)) client.stop();
      }
    }
    return {
      requestsPerRound: batches * batchSize,
      batchSize,
      warmupRequests: warmup,
      isolation: "one process per client and round; batches alternate between the three",
      get: figures(rps.get, cpu.get, rounds),
      post: figures(rps.post, cpu.post, rounds),
    };
  } finally {
    server.stop();
  }
}

function emptySeries(): Series {
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
  return `${table(rows)}\n(${result.get.rounds} rounds; in each, every client in its own process: ${result.warmupRequests} warm-up, then ${result.get.batchesPerRound} batches of ${result.batchSize} timed requests per operation, alternating between the clients; one request in flight)`;
}
