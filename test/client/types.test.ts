/** Runs the real tsc over the type-level tests, and proves a stale expectation is caught. */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { tsc } from "../support/run.js";

const DIR = path.join(REPO_ROOT, "test", "client", "typecheck");

describe("type-level tests of the generated client", () => {
  it("wrong argument, option, body and result types are rejected; right ones compile", () => {
    const result = tsc(path.join(DIR, "tsconfig.json"));
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    const expectations = readFileSync(path.join(DIR, "organization-api.typecheck.ts"), "utf8").match(/@ts-expect-error/g) ?? [];
    expect(expectations.length).toBeGreaterThanOrEqual(15);
  });

  it("a @ts-expect-error on a correct call fails the compile (negative control)", () => {
    const source = path.join(DIR, "organization-api.typecheck.ts");
    const copy = path.join(DIR, "control.typecheck.ts");
    copyFileSync(source, copy);
    try {
      writeFileSync(
        copy,
        readFileSync(copy, "utf8").replace(
          "// @ts-expect-error the namespace is required\n  await api.listCredentials();",
          '// @ts-expect-error\n  await api.listCredentials("fine");',
        ),
      );
      const result = tsc(path.join(DIR, "tsconfig.json"));
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/control\.typecheck\.ts.*Unused '@ts-expect-error' directive/);
    } finally {
      rmSync(copy, { force: true });
    }
  });
});
