/** The real Redocly linter over the real spec: zero errors, zero warnings. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redocly } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";

const CONFIG = path.join("spec", "redocly.yaml");

describe("redocly lint", () => {
  it("passes spec/openapi.yaml with no errors and no warnings", () => {
    const result = redocly(["lint", "spec/openapi.yaml", "--config", CONFIG]);
    // Redocly prints a boxed Node 20 deprecation notice; it is not about the spec.
    const report = result.output
      .split("\n")
      .filter((line) => !/[║╔╚]/.test(line))
      .join("\n");
    expect(report).toContain("Your API description is valid");
    expect(report).not.toMatch(/warning|error/i);
    expect(result.status).toBe(0);
  });

  it("fails a spec without servers or security (the rules are really on)", () => {
    const file = writeSpec(
      minimalSpec({
        paths: { "/x": { get: { operationId: "x", summary: "x", description: "x", responses: { "200": { description: "ok" } } } } },
      }),
    );
    const result = redocly(["lint", file, "--config", CONFIG]);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/no-empty-servers|security-defined/);
  });
});
