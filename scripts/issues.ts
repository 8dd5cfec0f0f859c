/**
 * Problems found in a spec. Every stage reports them in one shape, so the CLI can print all
 * of them at once, sorted, each with where it is (file:line and/or JSON pointer) and a hint.
 */
import { byCodePoint } from "./sort.js";

export type Severity = "error" | "warning";

export interface SpecIssue {
  /** Stable machine-readable code, e.g. `duplicate-operation-id`. */
  code: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  severity: Severity;
  /** File as given by the user (relative to the working directory when possible). */
  file?: string;
  line?: number;
  column?: number;
  /** JSON pointer into the bundled document, e.g. `#/paths/~1pets/get`. */
  pointer?: string;
}

/** Thrown by any stage that found errors; carries every issue, not just the first. */
export class SpecError extends Error {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    const sorted = sortIssues(dedupeIssues(issues));
    super(`${sorted.length} problem(s) in the spec:\n${sorted.map(formatIssue).join("\n")}`);
    this.name = "SpecError";
    this.issues = sorted;
  }
}

function where(issue: SpecIssue): string {
  const parts: string[] = [];
  if (issue.file) parts.push(issue.line ? `${issue.file}:${issue.line}${issue.column ? `:${issue.column}` : ""}` : issue.file);
  if (issue.pointer) parts.push(issue.pointer);
  return parts.join(" ");
}

export function formatIssue(issue: SpecIssue): string {
  const location = where(issue);
  const head = `${issue.severity} [${issue.code}]${location ? ` ${location}` : ""}: ${issue.message}`;
  return issue.hint ? `${head}\n    hint: ${issue.hint}` : head;
}

/** Sorted by file, line, pointer, code: the same spec always prints the same list. */
export function sortIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  return [...issues].sort(
    (a, b) =>
      byCodePoint(a.file ?? "", b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      byCodePoint(a.pointer ?? "", b.pointer ?? "") ||
      byCodePoint(a.code, b.code) ||
      byCodePoint(a.message, b.message),
  );
}

export function dedupeIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = formatIssue(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where an issue is: file:line from its JSON pointer, else the spec's root file. */
export function locateIssue(
  issue: SpecIssue,
  locate: (pointer: string) => { file: string; line: number; column?: number } | undefined,
  displayPath: string,
): SpecIssue {
  if (issue.file) return issue;
  const location = issue.pointer ? locate(issue.pointer) : undefined;
  return location ? { ...issue, file: location.file, line: location.line } : { ...issue, file: displayPath };
}

/** Warnings, sorted and each once (what every command prints, and what `--strict` refuses). */
export function sortedWarnings(issues: readonly SpecIssue[]): SpecIssue[] {
  return sortIssues(dedupeIssues(issues.filter((issue) => issue.severity === "warning")));
}

/** `--strict`: every warning is an error, and the run stops before anything is written. */
export function strictError(warnings: readonly SpecIssue[]): SpecError {
  return new SpecError(
    warnings.map((warning) => ({
      ...warning,
      severity: "error",
      hint: `${warning.hint ? `${warning.hint} ` : ""}(a warning, refused because of --strict)`,
    })),
  );
}

/** The warnings as printed: one entry each (with its hint), then the count. Empty when there are none. */
export function formatWarnings(warnings: readonly SpecIssue[]): string {
  if (warnings.length === 0) return "";
  return `${warnings.map(formatIssue).join("\n")}\n${warnings.length} warning(s): decided as each says and generated; --strict refuses them\n`;
}
