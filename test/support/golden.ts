/**
 * The reviewed golden output of each fixture spec (test/golden/<fixture>/): everything the
 * generator writes for it except the runtime, which is `templates/runtime` copied under the
 * header (test/generate/golden.test.ts proves that, so golden files do not carry it four times).
 *
 *   tsx test/support/golden.ts --check    fail (exit 1) on any difference: `make check`
 *   tsx test/support/golden.ts --write    rewrite them after a reviewed change: `make golden`
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { generateFiles } from "../../scripts/generate.js";
import { REPO_ROOT, resolveOptions } from "../../scripts/options.js";
import type { FileMap } from "../../scripts/output/file-map.js";
import { diffOutput, writeOutput } from "../../scripts/output/write.js";
import { byCodePoint } from "../../scripts/sort.js";

export const FIXTURES_DIR = path.join(REPO_ROOT, "test", "fixtures", "specs");
export const GOLDEN_DIR = path.join(REPO_ROOT, "test", "golden");

/** The fixture specs that have a golden output: every folder of test/fixtures/specs with an openapi.yaml. */
export const FIXTURES: string[] = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(FIXTURES_DIR, e.name, "openapi.yaml")))
  .map((e) => e.name)
  .sort(byCodePoint);

/** Generated files that golden outputs leave out. */
export const isRuntimeFile = (name: string) => name.startsWith("client/src/runtime/");

/** What the generator produces for a fixture now, as golden files hold it. */
export async function goldenFiles(fixture: string): Promise<FileMap> {
  const { files } = await generateFiles(
    resolveOptions({ specPath: path.join(FIXTURES_DIR, fixture, "openapi.yaml"), outDir: "unused", quiet: true }),
  );
  return new Map([...files].filter(([name]) => !isRuntimeFile(name)));
}

/** Every difference between a fixture's golden files and what the generator produces now. */
export async function goldenDifferences(fixture: string): Promise<string[]> {
  return diffOutput(await goldenFiles(fixture), path.join(GOLDEN_DIR, fixture));
}

async function main(mode: string | undefined): Promise<number> {
  if (mode !== "--check" && mode !== "--write") {
    process.stderr.write("usage: tsx test/support/golden.ts --check | --write\n");
    return 3;
  }
  let failed = false;
  for (const fixture of FIXTURES) {
    if (mode === "--write") {
      writeOutput(await goldenFiles(fixture), path.join(GOLDEN_DIR, fixture));
      continue;
    }
    const differences = await goldenDifferences(fixture);
    if (differences.length > 0) {
      failed = true;
      process.stderr.write(
        `test/golden/${fixture} is out of date (${differences.length} file(s)):\n${differences.map((d) => `  ${d}`).join("\n")}\n`,
      );
    }
  }
  if (failed) process.stderr.write("Review the change, then run `make golden` and commit the result.\n");
  else process.stderr.write(`golden files ${mode === "--write" ? "written" : "up to date"}: ${FIXTURES.join(" ")}\n`);
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, "test", "support", "golden.ts")) {
  process.exitCode = await main(process.argv[2]);
}
