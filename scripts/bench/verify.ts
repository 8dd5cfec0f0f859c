/**
 * `make bench` part `verify`: `cli.ts verify` on GitHub's spec as published (~1,200
 * operations, see github-spec.ts), in its own process as a user runs it, wall time from spawn to
 * exit; with the counts and the report's own timings (Prism's start, the calls).
 */
import path from "node:path";
import type { VerifyReport } from "../verify/verify.js";
import { countOperations, githubSpec } from "./github-spec.js";
import { log, round, runNode, table } from "./util.js";
import { REPO_ROOT } from "../options.js";

export interface VerifyBenchResult {
  spec: string;
  operations: number;
  calls: number;
  violations: number;
  skipped: number;
  exitCode: number | null;
  wallMs: number;
  prismStartMs: number;
  callsMs: number;
  callsPerSecond: number;
  concurrency: number;
}

export async function benchVerify(concurrency: number): Promise<VerifyBenchResult> {
  const spec = githubSpec(log);
  log(`verify: GitHub REST API (${countOperations(spec)} operations), concurrency ${concurrency}`);
  const run = await runNode(
    [
      "--import",
      "tsx",
      path.join(REPO_ROOT, "scripts", "cli.ts"),
      "verify",
      "--spec",
      spec,
      "--json",
      "--concurrency",
      String(concurrency),
    ],
    { timeoutMs: 3_600_000 },
  );
  if (run.code !== 0 && run.code !== 1) throw new Error(`verify exited ${String(run.code)}:\n${run.stderr.slice(-4000)}`);
  const report = JSON.parse(run.stdout) as VerifyReport;
  return {
    spec: "GitHub REST API",
    operations: report.counts.operations,
    calls: report.counts.calls,
    violations: report.counts.violations,
    skipped: report.counts.skipped,
    exitCode: run.code,
    wallMs: round(run.wallMs),
    prismStartMs: round(report.timings.prismStartMs),
    callsMs: round(report.timings.callsMs),
    callsPerSecond: round(report.counts.calls / (report.timings.callsMs / 1000), 1),
    concurrency,
  };
}

export function verifyTable(result: VerifyBenchResult): string {
  return table([
    ["spec", "operations", "calls", "violations", "skipped", "Prism start", "calls", "calls/s", "total"],
    [
      result.spec,
      result.operations,
      result.calls,
      result.violations,
      result.skipped,
      `${(result.prismStartMs / 1000).toFixed(1)} s`,
      `${(result.callsMs / 1000).toFixed(1)} s`,
      result.callsPerSecond,
      `${(result.wallMs / 1000).toFixed(1)} s`,
    ],
  ]);
}
