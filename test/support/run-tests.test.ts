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

beforeAll(() => {
  dir = tempDir("runner");
  for (const [name, text] of Object.entries(PLANTED)) writeFileSync(path.join(dir, name), text);
});

/** The runner in the planted folder; vitest's variables of this very run are left out. */
function runner(...args: string[]): { status: number | null; output: string; lastLine: string } {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "TEST_SUMMARY_FILE"),
  );
  const child = spawnSync(process.execPath, [RUNNER, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const output = `${child.stdout}${child.stderr}`;
  const lines = child.stdout.trimEnd().split("\n");
  return { status: child.status, output, lastLine: lines[lines.length - 1]! };
}

describe("the test runner's summary line", () => {
  it("reports a passing run as passing, skipped tests apart, and exits 0", () => {
    const run = runner("passing");
    expect(run.lastLine).toBe("1 passed, 0 failed, 1 skipped");
    expect(run.status).toBe(0);
  });

  it("counts a failed test", () => {
    const run = runner("failing-test");
    expect(run.lastLine).toBe("1 passed, 1 failed");
    expect(run.output).toMatch(/failing-test\.test\.mjs > fails: expected 1 to be 2/);
    expect(run.status).toBe(1);
  });

  it("counts a test file that fails to import", () => {
    const run = runner("import-error", "passing");
    expect(run.lastLine).toBe("1 passed, 1 failed, 1 skipped");
    expect(run.output).toMatch(/import-error\.test\.mjs: .*no-such-module\.mjs/);
    expect(run.status).toBe(1);
  });

  it("counts a failed beforeAll and each test it kept from running, not the tests skipped on purpose", () => {
    const run = runner("before-all");
    expect(run.lastLine).toBe("1 passed, 3 failed, 1 skipped");
    expect(run.output).toContain("before-all.test.mjs > group: planted beforeAll failure");
    expect(run.output).toContain("before-all.test.mjs > group > first: not run: a beforeAll above it failed");
    expect(run.status).toBe(1);
  });

  it("counts a failed afterAll, though every test passed", () => {
    const run = runner("after-all");
    expect(run.lastLine).toBe("1 passed, 1 failed");
    expect(run.output).toContain("after-all.test.mjs: planted afterAll failure");
    expect(run.status).toBe(1);
  });

  it("counts an unhandled rejection, though every test passed", () => {
    const run = runner("unhandled");
    expect(run.lastLine).toBe("1 passed, 1 failed");
    expect(run.output).toContain("unhandled error: planted unhandled rejection");
    expect(run.status).toBe(1);
  });

  it("counts a pattern that matches no test file as a failure", () => {
    const run = runner("no-such-test-file");
    expect(run.lastLine).toBe("0 passed, 1 failed");
    expect(run.output).toContain("no test ran");
    expect(run.status).toBe(1);
  });

  it("counts type errors found by --typecheck, and still runs the tests", () => {
    const run = runner("--typecheck", "tsconfig.json", "passing");
    expect(run.output).toMatch(/typed\.ts.*TS2322/);
    expect(run.lastLine).toBe("1 passed, 1 failed, 1 skipped");
    expect(run.status).toBe(1);
  });

  it("adds every kind of failure up over a whole run", () => {
    const run = runner();
    // passed: adds, passes, outside the group, passes before the hook fails, leaves a rejection behind;
    // failed: fails, the import, the beforeAll and its 2 tests, the afterAll, the rejection.
    expect(run.lastLine).toBe("5 passed, 7 failed, 2 skipped");
    expect(run.status).toBe(1);
  });
});
