/**
 * What `verify` prints: a progress line while it runs, then one table row per call (operation ×
 * status: ok, violation with what was found, skipped and why), and the last line
 * `verify: N operations, N calls, N violations, N skipped`. `--json` prints the report itself.
 */
import type { CallResult } from "./calls.js";
import type { Progress, VerifyReport } from "./verify.js";

/** `verify: 120/5000 calls, 0 violations`. */
export function progressLine(progress: Progress): string {
  return `verify: ${progress.done}/${progress.total} calls, ${progress.violations} violation${progress.violations === 1 ? "" : "s"}`;
}

export function summaryLine(report: VerifyReport): string {
  const { operations, calls, violations, skipped } = report.counts;
  return `verify: ${operations} operations, ${calls} calls, ${violations} violations, ${skipped} skipped`;
}

function callLabel(call: Pick<CallResult, "kind" | "prefer" | "documented">): string {
  if (call.kind === "required") return "required arguments";
  if (call.kind === "optional") return "every optional argument";
  return call.documented !== undefined && call.documented !== String(call.prefer)
    ? `code=${call.prefer} (${call.documented})`
    : `code=${call.prefer}`;
}

interface Row {
  operation: string;
  call: string;
  status: string;
  result: string;
  /** Lines under the row: what was found. */
  details: string[];
}

export interface TableOptions {
  /** Only the rows that are not ok (violations and skips). */
  problemsOnly?: boolean;
}

/** The report's rows, one per call and per skip, as a plain-text table. */
export function formatTable(report: VerifyReport, options: TableOptions = {}): string {
  const rows: Row[] = [];
  for (const op of report.operations) {
    const name = `${op.className}.${op.methodName}`;
    for (const skip of op.skipped) {
      rows.push({
        operation: name,
        call: skip.what === "operation" ? "-" : /^(\d{3}|\dXX|default)$/i.test(skip.what) ? `code=${skip.what}` : skip.what,
        status: "-",
        result: `skipped: ${skip.reason}`,
        details: [],
      });
    }
    for (const call of op.calls) {
      if (options.problemsOnly && call.verdict === "ok") continue;
      const message = call.message ?? "";
      rows.push({
        operation: name,
        call: callLabel(call),
        status: call.status === undefined ? "-" : String(call.status),
        result: call.verdict === "skipped" ? `skipped: ${message}` : call.verdict,
        details:
          call.verdict === "violation" ? message.split("\n").map((l) => `${call.source === "prism" ? "prism" : "verify"}: ${l}`) : [],
      });
    }
  }
  if (options.problemsOnly && rows.length === 0) return "every call passed, nothing skipped\n";
  const header = { operation: "operation", call: "call", status: "status", result: "result" };
  const width = (key: "operation" | "call" | "status") => Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const [wo, wc, ws] = [width("operation"), width("call"), width("status")];
  const lines = [`${header.operation.padEnd(wo)}  ${header.call.padEnd(wc)}  ${header.status.padEnd(ws)}  ${header.result}`];
  let previous = "";
  for (const row of rows) {
    const operation = row.operation === previous ? "" : row.operation;
    previous = row.operation;
    lines.push(`${operation.padEnd(wo)}  ${row.call.padEnd(wc)}  ${row.status.padEnd(ws)}  ${row.result}`.trimEnd());
    for (const detail of row.details) lines.push(`${" ".repeat(wo + 2)}  ${detail}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The lines before the table: what was checked, against what, with which credentials. */
export function formatHeader(report: VerifyReport): string {
  const lines = [
    report.mode === "mock"
      ? `verify ${report.spec} against Prism's mock of it (responses generated from the schemas)`
      : `verify ${report.spec} against ${report.server} through Prism's validating proxy`,
  ];
  if (report.mode === "proxy" && report.credentials.length > 0)
    lines.push(`credentials: ${report.credentials.map((c) => `${c.variable} (${c.set ? "set" : "not set"})`).join(", ")}`);
  return `${lines.join("\n")}\n\n`;
}

/** The report for machines: everything but the timings is the same on every run of the same spec. */
export function reportJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
