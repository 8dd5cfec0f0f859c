/**
 * `make verify-corpus`: `cli.ts verify` (the built CLI, in its own process as a user runs it) on
 * every spec of the real-world corpus (test/corpus/manifest.json), one after the other. Prints a
 * line per spec as it ends (exit code, operations, calls, violations, skipped, seconds), then the
 * total and how many calls and operations each skip reason stands for. Exits 1 when a spec does
 * not exit 0.
 *
 *   tsx scripts/bench/verify-corpus.ts [--only github,stripe] [--skip github] [--concurrency 8] [--json <file>]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../options.js";
import type { VerifyReport } from "../verify/verify.js";
import { npmSpec, type NpmSpec } from "./npm-spec.js";
import { runNode, table } from "./util.js";

interface CorpusEntry extends NpmSpec {
  id: string;
}

export interface CorpusVerifyRow {
  id: string;
  exitCode: number | null;
  operations: number;
  calls: number;
  violations: number;
  skipped: number;
  seconds: number;
  /** Skip reason → how many calls and operations it stands for. */
  skipReasons: Record<string, number>;
  /** When the run gave no report (refused spec, crash): the end of its stderr. */
  error?: string;
}

const CLI = path.join(REPO_ROOT, ".build", "cli.mjs");

export function corpusEntries(): CorpusEntry[] {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, "test", "corpus", "manifest.json"), "utf8")) as { specs: CorpusEntry[] }).specs;
}

/**
 * A skip's reason without what differs from call to call (the time limit's seconds), so that the
 * same reason on many calls counts as one.
 */
export function skipReasonKey(reason: string): string {
  return reason.replace(/ \(\d+(\.\d+)? s\)$/, "");
}

/** Every skip of a report (operations and statuses planned as skipped, calls judged skipped), by reason. */
export function skipReasons(report: VerifyReport): Record<string, number> {
  const reasons: Record<string, number> = {};
  const add = (reason: string) => (reasons[skipReasonKey(reason)] = (reasons[skipReasonKey(reason)] ?? 0) + 1);
  for (const operation of report.operations) {
    for (const skip of operation.skipped) add(skip.reason);
    for (const call of operation.calls) if (call.verdict === "skipped") add(call.message ?? "");
  }
  return reasons;
}

export async function verifyCorpusSpec(entry: CorpusEntry, concurrency: number): Promise<CorpusVerifyRow> {
  const spec = npmSpec(entry);
  const run = await runNode([CLI, "verify", "--spec", spec, "--json", "-q", "--concurrency", String(concurrency)], {
    timeoutMs: 3_600_000,
  });
  const seconds = Math.round(run.wallMs / 100) / 10;
  let report: VerifyReport | undefined;
  try {
    report = JSON.parse(run.stdout) as VerifyReport;
  } catch {
    // refused or crashed: no report on stdout
  }
  if (!report) {
    const error = run.stderr.trim().split("\n").slice(-5).join("\n");
    return { id: entry.id, exitCode: run.code, operations: 0, calls: 0, violations: 0, skipped: 0, seconds, skipReasons: {}, error };
  }
  return { id: entry.id, exitCode: run.code, ...report.counts, seconds, skipReasons: skipReasons(report) };
}

export function rowLine(row: CorpusVerifyRow): string {
  const counts = `${row.operations} operations, ${row.calls} calls, ${row.violations} violations, ${row.skipped} skipped`;
  return `${row.id.padEnd(26)} exit ${String(row.exitCode)}  ${counts}  ${row.seconds.toFixed(1)} s${row.error ? `\n  ${row.error.split("\n").join("\n  ")}` : ""}`;
}

export function totalLine(rows: readonly CorpusVerifyRow[]): string {
  const sum = (key: "operations" | "calls" | "violations" | "skipped" | "seconds") => rows.reduce((n, r) => n + r[key], 0);
  const passed = rows.filter((r) => r.exitCode === 0).length;
  return (
    `verify-corpus: ${rows.length} specs, ${passed} exit 0, ${sum("operations")} operations, ${sum("calls")} calls, ` +
    `${sum("violations")} violations, ${sum("skipped")} skipped, ${sum("seconds").toFixed(0)} s`
  );
}

/** The skip reasons of every spec: how many skips each stands for, and on which specs. */
export function reasonTable(rows: readonly CorpusVerifyRow[]): string {
  const byReason = new Map<string, { count: number; specs: string[] }>();
  for (const row of rows)
    for (const [reason, count] of Object.entries(row.skipReasons)) {
      const entry = byReason.get(reason) ?? { count: 0, specs: [] };
      entry.count += count;
      entry.specs.push(row.id);
      byReason.set(reason, entry);
    }
  const sorted = [...byReason].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1));
  return table([["skips", "reason", "specs"], ...sorted.map(([reason, { count, specs }]) => [count, reason, specs.join(", ")])]);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      skip: { type: "string" },
      concurrency: { type: "string", default: "8" },
      json: { type: "string" },
    },
  });
  const list = (text: string | undefined) => text?.split(",").filter(Boolean);
  const only = list(values.only);
  const skip = list(values.skip) ?? [];
  const entries = corpusEntries().filter((e) => (!only || only.includes(e.id)) && !skip.includes(e.id));
  const rows: CorpusVerifyRow[] = [];
  for (const entry of entries) {
    const row = await verifyCorpusSpec(entry, Number(values.concurrency));
    rows.push(row);
    console.log(rowLine(row));
  }
  console.log(totalLine(rows));
  if (rows.some((r) => Object.keys(r.skipReasons).length > 0)) console.log(`\n${reasonTable(rows)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
  return rows.every((r) => r.exitCode === 0) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) process.exitCode = await main();
