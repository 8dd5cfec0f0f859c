/**
 * Helpers shared by the benchmarks: medians, child processes measured from outside (wall time)
 * and inside (peak RSS, by the `report-rss.mjs` preload), esbuild bundles of our TypeScript.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { REPO_ROOT } from "../options.js";

export const BENCH_TMP = path.join(REPO_ROOT, ".tmp", "bench");
export const REPORT_RSS = path.join(REPO_ROOT, "scripts", "bench", "report-rss.mjs");

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds for the JSON file: figures carry the precision they have, not 15 noisy digits. */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Significant digits: 1234 → 1230, 0.012345 → 0.0123. */
export function sig(value: number, digits = 3): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
}

export interface ChildRun {
  wallMs: number;
  maxRssKb: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

let runCounter = 0;

/**
 * Runs `node [--import report-rss] args...` to its end; wall time from spawn to exit, peak RSS
 * and CPU time as the child itself saw them. Bounded: killed after `timeoutMs`.
 */
export function runNode(args: string[], options: { timeoutMs?: number; nodeOptions?: string[]; cwd?: string } = {}): Promise<ChildRun> {
  const rssFile = path.join(BENCH_TMP, `rss-${process.pid}-${runCounter++}.json`);
  mkdirSync(BENCH_TMP, { recursive: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), "--import", REPORT_RSS, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let usage = { maxRssKb: Number.NaN, cpuMs: Number.NaN };
      try {
        usage = JSON.parse(readFileSync(rssFile, "utf8"));
        rmSync(rssFile, { force: true });
      } catch {
        // killed or crashed before its exit handler ran: no usage figures
      }
      resolve({ wallMs, ...usage, stdout, stderr, code });
    });
  });
}

/**
 * Bundles one of our TypeScript entry points for plain `node` (no tsx loader in the measured
 * process). With `split`, what the entry imports dynamically goes into chunks beside it, so that
 * it (and the packages it imports) loads when the entry asks for it, as under tsx, not before the
 * entry runs.
 */
export async function bundleForNode(
  entry: string,
  outfile: string,
  external: "packages" | "none" = "packages",
  split = false,
): Promise<string> {
  const outdir = path.join(path.dirname(outfile), path.basename(outfile, ".mjs"));
  await build({
    entryPoints: [entry],
    ...(split ? { outdir, splitting: true, entryNames: "[name]", outExtension: { ".js": ".mjs" } } : { outfile }),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    ...(external === "packages" ? { packages: "external" as const } : {}),
    logLevel: "warning",
    // The bundle lives under .tmp/bench/build; packages still resolve from the repository's node_modules.
    absWorkingDir: REPO_ROOT,
  });
  return split ? path.join(outdir, `${path.basename(entry, ".ts")}.mjs`) : outfile;
}

/** A plain text table: first row is the header; numbers right-aligned. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Recursively sorted keys: the JSON file has the same key order on every run. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
