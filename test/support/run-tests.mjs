// Runs vitest, then prints one summary line counted from vitest's own JSON report:
// `N passed, N failed` (`, N skipped` when any were skipped). Exit code is vitest's.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const reportDir = path.resolve("test-artifacts");
const report = path.join(reportDir, "vitest-report.json");
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });

const result = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

let summary;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  const skipped = json.numPendingTests + json.numTodoTests;
  // A suite that fails to load has no test results but must count as a failure.
  const brokenSuites = json.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  summary = `${json.numPassedTests} passed, ${json.numFailedTests + brokenSuites} failed${skipped ? `, ${skipped} skipped` : ""}`;
} catch (error) {
  summary = `0 passed, 1 failed`;
  console.error(`could not read the vitest report: ${error.message}`);
}
console.log(summary);
process.exit(result.status ?? 1);
