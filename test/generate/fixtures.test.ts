/**
 * Generation on specs of other shapes than OrganizationApi: every output compiles with
 * `tsc --strict`, and generating twice gives the same bytes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate, generateFiles } from "../../scripts/generate.js";
import { REPO_ROOT, resolveOptions } from "../../scripts/options.js";
import { tempDir } from "../support/temp.js";
import { tsc } from "../support/run.js";

const FIXTURE_DIR = path.join(REPO_ROOT, "test", "fixtures", "specs");
const specs = [
  ["OrganizationApi (spec/)", path.join(REPO_ROOT, "spec", "openapi.yaml")],
  ...readdirSync(FIXTURE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => [e.name, path.join(FIXTURE_DIR, e.name, "openapi.yaml")]),
] as [string, string][];

describe.each(specs)("%s", (name, specPath) => {
  it("generates a client that compiles with tsc --strict --noUnusedLocals", async () => {
    const outDir = tempDir(`gen-${name.replace(/\W+/g, "-")}`);
    const result = await generate(resolveOptions({ specPath, outDir, quiet: true }));
    expect(result.files.size).toBeGreaterThan(5);
    const config = JSON.parse(readFileSync(path.join(outDir, "client", "tsconfig.json"), "utf8"));
    expect(config.compilerOptions.strict).toBe(true);
    // Also with noUnusedLocals (a user's own settings may have it): no import the file does not use.
    const compiled = tsc(path.join(outDir, "client"), ["--noUnusedLocals"]);
    expect(compiled.output).toBe("");
    expect(compiled.status).toBe(0);
  });

  it("generates the same bytes twice", async () => {
    const options = resolveOptions({ specPath, outDir: "unused", quiet: true });
    const first = await generateFiles(options);
    const second = await generateFiles(options);
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [file, content] of first.files) expect(second.files.get(file), file).toBe(content);
  });

  it("prints no timestamps, absolute paths or CRLF", async () => {
    const { files } = await generateFiles(resolveOptions({ specPath, outDir: "unused", quiet: true }));
    const today = new Date().toISOString().slice(0, 10);
    for (const [file, content] of files) {
      expect(content.includes(REPO_ROOT), file).toBe(false);
      expect(content.includes("\r"), file).toBe(false);
      // A generation timestamp would carry today's date (spec examples use fixed past dates).
      expect(content.includes(today), file).toBe(false);
    }
  });
});

describe("a compile error in generated code is caught", () => {
  it("tsc reports a broken generated file (negative control)", async () => {
    const outDir = tempDir("gen-broken");
    await generate(resolveOptions({ outDir, quiet: true }));
    const { writeFileSync } = await import("node:fs");
    // Every operation's path is in operations.ts, checked against the spec's `paths` type.
    const operations = path.join(outDir, "client", "src", "operations.ts");
    writeFileSync(
      operations,
      readFileSync(operations, "utf8").replace('"/v2/credentials/{namespace}/{name}"', '"/v2/credentials/{namespace}/{nome}"'),
    );
    const compiled = tsc(path.join(outDir, "client"));
    expect(compiled.status).not.toBe(0);
    expect(compiled.output).toMatch(/operations\.ts/);
  });
});
