/**
 * The test runner (`make test`'s run-tests.mjs) on small planted test files in a folder with its
 * own vitest config: its last line counts every failure, and its exit code agrees with the line.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { tempDir } from "./temp.js";

const RUNNER = path.join(REPO_ROOT, "test", "support", "run-tests.mjs");

/** One file per way a run can go; each run below picks some of them by name, as `TESTS=` does. */
const PLANTED: Record<string, string> = {
  "vitest.config.mjs": `export default { test: { include: ["**/*.test.mjs"], maxWorkers: 1 } };`,
  "passing.test.mjs": `
    import { it, expect } from "vitest";
    it("adds", () => expect(1 + 1).toBe(2));
    it.skip("is skipped on purpose", () => {});`,
  "failing-test.test.mjs": `
    import { it, expect } from "vitest";
    it("passes", () => {});
    it("fails", () => expect(1).toBe(2));`,
  "import-error.test.mjs": `
    import "./no-such-module.mjs";
    import { it } from "vitest";
    it("never collected", () => {});`,
  "before-all.test.mjs": `
    import { beforeAll, describe, it } from "vitest";
    describe("group", () => {
      beforeAll(() => { throw new Error("planted beforeAll failure"); });
      it("first", () => {});
      it("second", () => {});
      it.skip("skipped on purpose", () => {});
    });
    it("outside the group", () => {});`,
  "after-all.test.mjs": `
    import { afterAll, it } from "vitest";
    afterAll(() => { throw new Error("planted afterAll failure"); });
    it("passes before the hook fails", () => {});`,
  "unhandled.test.mjs": `
    import { it } from "vitest";
    it("leaves a rejection behind", () => { Promise.reject(new Error("planted unhandled rejection")); });`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, files: ["typed.ts"] }),
  "typed.ts": `export const n: number = "not a number";`,
};

let dir: string;
/** Every planted file in one run, with the planted type error: each kind of failure is asserted on it. */
let whole: RunnerResult;

beforeAll(() => {
  dir = tempDir("runner");
  for (const [name, text] of Object.entries(PLANTED)) writeFileSync(path.join(dir, name), text);
  whole = runner("--typecheck", "tsconfig.json");
}, 180_000);

interface RunnerResult {
  status: number | null;
  output: string;
  lastLine: string;
  /** The lines under `failures:`. */
  failures: string[];
}

/** The runner in the planted folder; vitest's variables of this very run are left out. */
function runner(...args: string[]): RunnerResult {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "TEST_SUMMARY_FILE"),
  );
  const child = spawnSync(process.execPath, [RUNNER, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const lines = child.stdout.trimEnd().split("\n");
  const listed = lines.indexOf("failures:");
  return {
    status: child.status,
    output: `${child.stdout}${child.stderr}`,
    lastLine: lines[lines.length - 1]!,
    failures: listed < 0 ? [] : lines.slice(listed + 1, -1).map((line) => line.trim()),
  };
}

describe("the test runner's summary line, over a run with every kind of failure", () => {
  it("adds them all up, and exits 1", () => {
    // passed: adds, passes, outside the group, passes before the hook fails, leaves a rejection behind;
    // failed: the type error, fails, the import, the beforeAll and its 2 tests, the afterAll, the rejection.
    expect(whole.lastLine).toBe("5 passed, 8 failed, 2 skipped");
    expect(whole.failures).toHaveLength(8);
    expect(whole.status).toBe(1);
  });

  it("counts type errors found by --typecheck, and still runs the tests", () => {
    expect(whole.output).toMatch(/typed\.ts.*TS2322/);
    expect(whole.failures).toContain("typecheck: tsc -p tsconfig.json found errors (above)");
  });

  it("counts a failed test", () => {
    expect(whole.failures).toContain("failing-test.test.mjs > fails: expected 1 to be 2 // Object.is equality");
  });

  it("counts a test file that fails to import", () => {
    expect(whole.failures).toContainEqual(expect.stringMatching(/^import-error\.test\.mjs: .*no-such-module\.mjs/));
  });

  it("counts a failed beforeAll and each test it kept from running, not the tests skipped on purpose", () => {
    expect(whole.failures.filter((line) => line.startsWith("before-all"))).toEqual([
      "before-all.test.mjs > group: planted beforeAll failure",
      "before-all.test.mjs > group > first: not run: a beforeAll above it failed",
      "before-all.test.mjs > group > second: not run: a beforeAll above it failed",
    ]);
  });

  it("counts a failed afterAll", () => {
    expect(whole.failures).toContain("after-all.test.mjs: planted afterAll failure");
  });

  it("counts an unhandled rejection", () => {
    expect(whole.failures).toContain("unhandled error: planted unhandled rejection");
  });
});

describe("the test runner on a subset (TESTS=)", () => {
  it("reports a passing run as passing, skipped tests apart, and exits 0", () => {
    const run = runner("passing");
    expect(run.lastLine).toBe("1 passed, 0 failed, 1 skipped");
    expect(run.failures).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("reports a failed afterAll as a failure though every test passed", () => {
    const run = runner("after-all");
    expect(run.lastLine).toBe("1 passed, 1 failed");
    expect(run.status).toBe(1);
  });

  it("counts a pattern that matches no test file as a failure", () => {
    const run = runner("no-such-test-file");
    expect(run.lastLine).toBe("0 passed, 1 failed");
    expect(run.failures).toEqual([expect.stringContaining("no test ran")]);
    expect(run.status).toBe(1);
  });
});
