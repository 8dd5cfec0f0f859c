// Runs vitest (and, with --typecheck <tsconfig>, tsc first), then prints one summary line:
// `N passed, N failed` (`, N skipped` when any were skipped). Every failure is counted, not only
// failed tests (see summary-reporter.ts): a test file that fails to import, a failed hook and the
// tests it kept from running, an unhandled error, a type error, a vitest that stopped early. The
// exit code follows the line: 1 when it says anything failed, 0 otherwise.
//
// usage: node test/support/run-tests.mjs [--typecheck tsconfig.json] [vitest arguments: files or patterns]
// It runs in the current folder (its vitest config, its test-artifacts/) with this repo's vitest.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const support = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(support, "..", "..");
const bin = (name) => path.join(repoRoot, "node_modules", ".bin", name);

const args = process.argv.slice(2);
let tsconfig;
if (args[0] === "--typecheck") [, tsconfig] = args.splice(0, 2);

const failures = [];

if (tsconfig) {
  console.log(`tsc -p ${tsconfig}`);
  const tsc = spawnSync(bin("tsc"), ["-p", tsconfig], { stdio: "inherit" });
  if (tsc.status !== 0) failures.push(`typecheck: tsc -p ${tsconfig} found errors (above)`);
}

const summaryFile = path.resolve("test-artifacts", "test-summary.json");
mkdirSync(path.dirname(summaryFile), { recursive: true });
rmSync(summaryFile, { force: true });

const vitest = spawnSync(
  process.execPath,
  [
    path.join(repoRoot, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--reporter=default",
    `--reporter=${path.join(support, "summary-reporter.ts")}`,
    ...args,
  ],
  { stdio: "inherit", env: { ...process.env, TEST_SUMMARY_FILE: summaryFile } },
);

let counts = { passed: 0, failed: 0, skipped: 0, failures: [], slowest: [] };
if (existsSync(summaryFile)) counts = JSON.parse(readFileSync(summaryFile, "utf8"));
else failures.push(`vitest: stopped before reporting (${vitest.error?.message ?? `exit code ${vitest.status}, signal ${vitest.signal}`})`);
failures.push(...counts.failures);
// vitest failed for a reason none of the above covers (no test file matched, a bad option...).
if (vitest.status !== 0 && failures.length === 0) {
  const total = counts.passed + counts.skipped;
  failures.push(`vitest: exited with code ${vitest.status}${total === 0 ? " (no test ran)" : ""}`);
}

if (counts.slowest.length > 0) console.log(`slowest: ${counts.slowest.map((s) => `${s.file} ${s.seconds} s`).join(", ")}`);
if (failures.length > 0) console.log(`failures:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`${counts.passed} passed, ${failures.length} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(failures.length > 0 ? 1 : 0);
