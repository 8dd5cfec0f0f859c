/**
 * A vitest reporter that counts every way a run can fail, for the summary line of
 * test/support/run-tests.mjs. It writes its counts as JSON to the file named by
 * TEST_SUMMARY_FILE.
 *
 * vitest's own counts (and its JSON report) only count failed tests. A test file that fails to
 * import, a beforeAll/afterAll that throws, an unhandled error or rejection, and the tests that
 * never ran because their beforeAll threw all fail the run too, so each counts here as a
 * failure.
 */
import { writeFileSync } from "node:fs";
import type { SerializedError } from "vitest";
import type { Reporter, TestCase, TestModule, TestRunEndReason, TestSuite } from "vitest/node";

export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per counted failure: where, and the first line of what went wrong. */
  failures: string[];
  /** The test files that took longest (import and tests), slowest first; seconds, one decimal. */
  slowest: { file: string; seconds: number }[];
}

const firstLine = (error: SerializedError | undefined): string => (error?.message ?? String(error)).split("\n")[0]!.trim();

/** The suites and the module a test sits in, innermost first. */
function ancestors(test: TestCase): (TestSuite | TestModule)[] {
  const chain: (TestSuite | TestModule)[] = [];
  for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
    chain.push(parent);
    if (parent.type === "module") return chain;
  }
}

export function summarize(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): TestSummary {
  const summary: TestSummary = { passed: 0, failed: 0, skipped: 0, failures: [], slowest: [] };
  const fail = (where: string, what: string) => {
    summary.failed++;
    summary.failures.push(`${where}: ${what}`);
  };
  for (const module of modules) {
    const file = module.relativeModuleId;
    // Errors outside any test: the file failed to import or collect, or a file-level hook threw.
    for (const error of module.errors()) fail(file, firstLine(error));
    for (const suite of module.children.allSuites()) {
      for (const error of suite.errors()) fail(`${file} > ${suite.fullName}`, firstLine(error));
    }
    for (const test of module.children.allTests()) {
      const result = test.result();
      const where = `${file} > ${test.fullName}`;
      if (result.state === "passed") summary.passed++;
      else if (result.state === "failed") fail(where, firstLine(result.errors[0]));
      else if (result.state === "pending") fail(where, "did not finish");
      else if (test.options.mode !== "skip" && test.options.mode !== "todo" && ancestors(test).some((a) => a.errors().length > 0)) {
        // Meant to run, but a beforeAll of its suite or file threw first.
        fail(where, "not run: a beforeAll above it failed");
      } else summary.skipped++;
    }
    const { collectDuration, duration } = module.diagnostic();
    summary.slowest.push({ file, seconds: Math.round((collectDuration + duration) / 100) / 10 });
  }
  for (const error of unhandledErrors) fail("unhandled error", firstLine(error));
  if (reason === "interrupted") fail("vitest", "the run was interrupted");
  summary.slowest = summary.slowest.sort((a, b) => b.seconds - a.seconds).slice(0, 5);
  return summary;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const target = process.env.TEST_SUMMARY_FILE;
    if (target) writeFileSync(target, JSON.stringify(summarize(modules, unhandledErrors, reason)));
  }
}
