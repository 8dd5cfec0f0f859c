/**
 * Stage 5: one pinned formatter (prettier, exact version in package.json) over every file we
 * print, so template whitespace never shows in the output and the bytes are stable.
 * openapi-typescript's own output is left as its printer wrote it (already stable, and large).
 *
 * Speed: prettier is most of the pipeline's time on a large spec (markdown above all: about
 * 10x the cost of TypeScript per byte). Each file is formatted on its own, so the output does not
 * depend on where or in which order: small outputs are formatted here, one file after the other
 * (all at once would keep every file's syntax tree alive together); large ones are shared out
 * to worker threads, one per core, each running the same prettier with the same options.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";
import type { FileMap } from "./render-client.js";

const OPTIONS: prettier.Options = {
  printWidth: 110,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  endOfLine: "lf",
  proseWrap: "preserve",
};

const PARSERS: [RegExp, string][] = [
  [/\.ts$/, "typescript"],
  [/\.json$/, "json"],
  [/\.md$/, "markdown"],
];

/** Relative cost of a byte per parser (measured with prettier 3 on generated files). */
const COST: Record<string, number> = { typescript: 1, json: 0.3, markdown: 10 };

/**
 * Below this much work (bytes x cost, ~0.5 s of formatting) starting workers and loading
 * prettier in each costs more than it saves.
 */
const PARALLEL_MIN_COST = 1_500_000;

interface Job {
  name: string;
  content: string;
  parser: string;
}

/** LF line ends (a scan for CR first: most files have none, and outputs reach megabytes). */
const lf = (text: string) => (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);

const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/** Files of several maps in one, sorted by name, with LF line ends (for files that are not formatted). */
export function mergeFiles(...maps: FileMap[]): FileMap {
  const out: FileMap = new Map();
  for (const map of maps) for (const [name, content] of map) out.set(name, lf(content));
  return new Map([...out].sort(byName));
}

/** Formats every file (skipped ones only get LF line ends); the result is sorted by name. */
export function formatFiles(files: FileMap, skip: (name: string) => boolean = () => false): Promise<FileMap> {
  return startFormatting(files, skip).result();
}

export interface Formatting {
  /** The formatted files, sorted by name. Small outputs are formatted here, during this call. */
  result(): Promise<FileMap>;
  /** Stops the workers (when the caller failed meanwhile); `result()` then rejects. */
  cancel(reason?: unknown): void;
}

/**
 * Starts formatting: a large output goes to worker threads at once, so the caller can do other
 * work meanwhile (the pipeline renders the types); a small one waits for `result()`.
 */
export function startFormatting(files: FileMap, skip: (name: string) => boolean = () => false): Formatting {
  const out: FileMap = new Map();
  const jobs: Job[] = [];
  for (const [name, content] of files) {
    const parser = PARSERS.find(([pattern]) => pattern.test(name))?.[1];
    const normalised = lf(content);
    if (parser && !skip(name)) jobs.push({ name, content: normalised, parser });
    else out.set(name, normalised);
  }
  const cost = (job: Job) => job.content.length * (COST[job.parser] ?? 1);
  const total = jobs.reduce((sum, job) => sum + cost(job), 0);
  const threads = Math.min(availableParallelism(), 4, jobs.length);
  const abort = new AbortController();
  const finish = (formatted: Iterable<[string, string]>) => {
    for (const [name, content] of formatted) out.set(name, content);
    return new Map([...out].sort(byName));
  };
  if (total >= PARALLEL_MIN_COST && threads >= 2) {
    const inWorkers = formatInWorkers(jobs, threads, cost, abort.signal).then(finish);
    inWorkers.catch(() => {}); // rejected only once cancelled or failed; `result()` reports it
    return { result: () => inWorkers, cancel: (reason) => abort.abort(reason) };
  }
  return {
    result: async () => {
      const formatted: [string, string][] = [];
      for (const job of jobs) {
        abort.signal.throwIfAborted();
        formatted.push([job.name, await prettier.format(job.content, { ...OPTIONS, parser: job.parser })]);
      }
      return finish(formatted);
    },
    cancel: (reason) => abort.abort(reason),
  };
}

/** The code of one worker: formats its share of the jobs, one after the other, and posts each result. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const prettier = await import(workerData.prettier);
  for (const job of workerData.jobs) {
    try {
      parentPort.postMessage({ name: job.name, formatted: await prettier.format(job.content, { ...workerData.options, parser: job.parser }) });
    } catch (error) {
      parentPort.postMessage({ name: job.name, error: { name: error?.name, message: error?.message ?? String(error), stack: error?.stack } });
      return;
    }
  }
})();
`;

/** The prettier our own import resolves to, as a URL a worker can import. */
function prettierUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(path.join(path.dirname(require.resolve("prettier/package.json")), "index.mjs")).href;
}

function formatInWorkers(jobs: Job[], threads: number, cost: (job: Job) => number, signal: AbortSignal): Promise<Map<string, string>> {
  // Largest first, each to the least loaded thread: the threads finish at about the same time.
  const shares: { load: number; jobs: Job[] }[] = Array.from({ length: threads }, () => ({ load: 0, jobs: [] }));
  for (const job of [...jobs].sort((a, b) => cost(b) - cost(a) || (a.name < b.name ? -1 : 1))) {
    const share = shares.reduce((least, s) => (s.load < least.load ? s : least));
    share.load += cost(job);
    share.jobs.push(job);
  }
  const url = prettierUrl();
  return new Promise((resolve, reject) => {
    const results = new Map<string, string>();
    let running = 0;
    let failed = false;
    const workers: Worker[] = [];
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const onAbort = () => fail(signal.reason instanceof Error ? signal.reason : new Error("formatting cancelled"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    for (const share of shares.filter((s) => s.jobs.length > 0)) {
      // execArgv: [] — the worker is plain JavaScript and needs no loader (tsx) of ours.
      const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { prettier: url, options: OPTIONS, jobs: share.jobs } });
      workers.push(worker);
      running++;
      worker.on("message", (message: { name: string; formatted?: string; error?: { name?: string; message: string; stack?: string } }) => {
        if (message.error) {
          const error = new Error(message.error.message);
          error.name = message.error.name ?? "Error";
          if (message.error.stack) error.stack = message.error.stack;
          fail(error);
        } else results.set(message.name, message.formatted!);
      });
      worker.on("error", fail);
      worker.on("exit", () => {
        running--;
        if (running > 0 || failed) return;
        signal.removeEventListener("abort", onAbort);
        if (results.size === jobs.length) resolve(results);
        else fail(new Error(`formatting stopped early: ${jobs.length - results.size} file(s) not formatted`));
      });
    }
  });
}
