/**
 * Every TypeScript block of the docs is a program that compiles, strict, against the client
 * generated from the same spec: the API's `generated/` and each fixture's golden output.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { blockFileName, DOC_SETS, snippetProject, TSC, tsBlocks } from "./support.js";

const run = promisify(execFile);

// One tsc at a time: on 2 shared cores, five at once only made each one slower, until all five ran
// past the test timeout together on a loaded machine.
describe("docs TypeScript blocks type-check against the generated client (tsc, strict)", () => {
  for (const set of DOC_SETS) {
    it(`${set.name}: every \`ts\` block of ${path.relative(process.cwd(), set.docsDir)}`, async () => {
      const blocks = tsBlocks(set);
      // README: the import, one snippet per scheme, getting started; class pages: one per example.
      expect(blocks.length).toBeGreaterThan(2);
      const dir = snippetProject("docs-snippets", set);
      for (const block of blocks) {
        // `export {}`: each block is its own module, even one without an import.
        writeFileSync(path.join(dir, blockFileName(block)), `${block.code}\nexport {};\n`);
      }
      const result = await run(TSC, ["-p", "tsconfig.json", "--pretty", "false"], { cwd: dir }).then(
        () => ({ code: 0, output: "" }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? 1,
          output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
        }),
      );
      expect(
        result.output,
        `tsc diagnostics for the docs of ${set.name} (files in ${dir}, named <page>_L<line>.ts):\n${result.output}`,
      ).toBe("");
      expect(result.code).toBe(0);
    });
  }
});
