/**
 * Each operation's examples (one per security requirement alternative), and the README's
 * getting-started example, run as they are printed against a Prism mock of the same spec. The
 * only changes: the `baseUrl` literal points at Prism, and `fetch` throws on any Prism violation
 * (request or response). An example must exit 0 after at least one 2xx exchange.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIr } from "../../scripts/ir/build.js";
import type { OperationIr } from "../../scripts/ir/types.js";
import { loadSpec } from "../../scripts/load/load.js";
import { startPrism, type PrismServer } from "../support/prism.js";
import { blockFileName, codeBlocks, DOC_SETS, snippetProject, TSX, type CodeBlock } from "./support.js";

const run = promisify(execFile);
const FETCH_MODULE = path.join(import.meta.dirname, "example-fetch.ts");
const MARKER = "[docs-example]";

/** The example with Prism as its server and the violation-checking fetch. */
function pointAtPrism(code: string, prismUrl: string): string {
  let replaced = 0;
  const rewritten = code.replace(/baseUrl: "[^"]*"/g, () => {
    replaced++;
    return `baseUrl: ${JSON.stringify(prismUrl)}, fetch: __docsExampleFetch`;
  });
  if (replaced !== 1) throw new Error(`expected one \`baseUrl: "…"\` in the example, found ${replaced}:\n${code}`);
  return `import { docsExampleFetch as __docsExampleFetch } from ${JSON.stringify(FETCH_MODULE)};\n${rewritten}`;
}

async function runExample(dir: string, block: CodeBlock, prism: PrismServer): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = path.join(dir, blockFileName(block));
  writeFileSync(file, pointAtPrism(block.code, prism.url));
  return run(TSX, [file], { cwd: dir, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
}

/**
 * Prism 5.14.2 cannot read a list or an object in a path (a comma in a path value crashes it,
 * label objects are split on commas: test/contract/parameter-styles.test.ts pins both), so the
 * examples of an operation that sends one are skipped here. test/runtime/parameter-styles.test.ts
 * proves those requests against a server that decodes per OpenAPI's tables.
 */
function sendsListInPath(op: OperationIr): boolean {
  return op.paramsIn.path.some((p) => {
    const example: unknown = JSON.parse(p.exampleJson);
    return !p.serialization.mediaType && typeof example === "object" && example !== null;
  });
}

function expectSuccess(result: { code: number; stdout: string; stderr: string }, block: CodeBlock): void {
  const where = `${block.page}:${block.line}`;
  const exchanges = result.stdout.split("\n").filter((l) => l.startsWith(MARKER));
  const report = `example at ${where} exited ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
  expect(result.code, report).toBe(0);
  expect(exchanges.length, report).toBeGreaterThan(0);
  for (const line of exchanges) expect(Number(/-> (\d+)$/.exec(line)?.[1]), report).toBeLessThan(300);
}

for (const set of DOC_SETS) {
  describe.concurrent(`docs examples of ${set.name} run against Prism`, async () => {
    const ir = buildIr(await loadSpec(set.specPath));
    let prism: PrismServer;
    let dir: string;

    beforeAll(async () => {
      dir = snippetProject("docs-examples", set);
      prism = await startPrism(set.specPath);
    });
    afterAll(async () => {
      await prism?.stop();
    });

    for (const api of ir.apis) {
      const page = `apis/${api.fileName}.md`;
      for (const op of api.operations) {
        it.skipIf(sendsListInPath(op))(`${api.className}.${op.methodName}: every example succeeds`, async () => {
          const blocks = codeBlocks(page, readFileSync(path.join(set.docsDir, page), "utf8")).filter(
            (b) => b.lang === "ts" && b.section === op.methodName,
          );
          // One example per security requirement alternative (one without auth when there is none),
          // plus the all-pages example of a paginated listing.
          expect(blocks.filter((b) => b.code.includes("try {")).length).toBe(Math.max(1, op.security.length));
          expect(blocks.filter((b) => b.code.includes("for await") && !b.code.includes("try {")).length).toBe(op.pagination ? 1 : 0);
          expect(blocks.length).toBe(Math.max(1, op.security.length) + (op.pagination ? 1 : 0));
          for (const block of blocks) expectSuccess(await runExample(dir, block, prism), block);
        });
      }
    }

    it("README: the getting-started example succeeds", async () => {
      const readme = codeBlocks("README.md", readFileSync(path.join(set.docsDir, "README.md"), "utf8"));
      const started = readme.filter((b) => b.lang === "ts" && b.code.includes("try {"));
      expect(started).toHaveLength(1);
      expectSuccess(await runExample(dir, started[0]!, prism), started[0]!);
    });
  });
}
