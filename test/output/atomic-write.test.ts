/**
 * Output is written to a temporary folder and swapped in only when everything succeeded: a
 * failure at any point leaves the output folder as it was, and no temporary folder behind.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeOutput } from "../../scripts/output/write.js";
import { FAIL_BEFORE_SWAP_ENV } from "../../scripts/generate.js";
import { hashTree, leftovers } from "../support/output.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const SPEC = "test/fixtures/specs/minimal-31/openapi.yaml";

describe("writeOutput", () => {
  it("replaces the folder: new files in, stale files out", () => {
    const out = path.join(tempDir("write"), "out");
    writeOutput(
      new Map([
        ["a.txt", "1"],
        ["sub/b.txt", "2"],
      ]),
      out,
    );
    writeOutput(new Map([["a.txt", "3"]]), out);
    expect(readFileSync(path.join(out, "a.txt"), "utf8")).toBe("3");
    expect(existsSync(path.join(out, "sub", "b.txt"))).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it("a failure before the swap leaves the old output and no temporary folder", () => {
    const out = path.join(tempDir("write-fail"), "out");
    writeOutput(new Map([["a.txt", "old"]]), out);
    const before = hashTree(out);
    let seenTemp = "";
    expect(() =>
      writeOutput(
        new Map([
          ["a.txt", "new"],
          ["b.txt", "new"],
        ]),
        out,
        {
          beforeSwap: (temp) => {
            seenTemp = temp;
            // The new files are complete in the temporary folder at this point.
            expect(readFileSync(path.join(temp, "b.txt"), "utf8")).toBe("new");
            throw new Error("injected failure");
          },
        },
      ),
    ).toThrow("injected failure");
    expect(hashTree(out)).toEqual(before);
    expect(existsSync(seenTemp)).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it("a failure while writing (a file where a folder must go) leaves the old output", () => {
    const out = path.join(tempDir("write-fail2"), "out");
    writeOutput(new Map([["a.txt", "old"]]), out);
    const before = hashTree(out);
    expect(() =>
      writeOutput(
        new Map([
          ["x", "file"],
          ["x/y.txt", "under a file"],
        ]),
        out,
      ),
    ).toThrow();
    expect(hashTree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("keeps what `keep` selects (build output) across a regeneration", () => {
    const out = path.join(tempDir("write-keep"), "out");
    writeOutput(new Map([["client/src/index.ts", "v1"]]), out);
    mkdirSync(path.join(out, "client", "dist"), { recursive: true });
    writeFileSync(path.join(out, "client", "dist", "index.js"), "built");
    writeFileSync(path.join(out, "client-1.0.0.tgz"), "packed");
    const keep = (rel: string) => /^client\/dist\//.test(rel) || rel.endsWith(".tgz");
    writeOutput(new Map([["client/src/index.ts", "v2"]]), out, { keep });
    expect(readFileSync(path.join(out, "client", "src", "index.ts"), "utf8")).toBe("v2");
    expect(readFileSync(path.join(out, "client", "dist", "index.js"), "utf8")).toBe("built");
    expect(readFileSync(path.join(out, "client-1.0.0.tgz"), "utf8")).toBe("packed");
    expect(leftovers(out)).toEqual([]);
  });
});

describe(`the CLI with ${FAIL_BEFORE_SWAP_ENV}=1`, () => {
  it("exits 4 and leaves the output folder byte-for-byte as it was", async () => {
    const out = path.join(tempDir("cli-fail"), "out");
    expect((await runCli(["-q", "--spec", SPEC, "--out", out])).status).toBe(0);
    const before = hashTree(out);
    // Another spec, so that a successful run would change the output.
    const run = await runCli(["-q", "--spec", "test/fixtures/specs/petstore-multi-tag/openapi.yaml", "--out", out], {
      env: { [FAIL_BEFORE_SWAP_ENV]: "1" },
    });
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("nothing was written");
    expect(hashTree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("does the same in a real process, and a first run leaves no output folder at all", async () => {
    const out = path.join(tempDir("cli-fail-proc"), "out");
    const run = await runCli(["-q", "--spec", SPEC, "--out", out], { process: true, env: { [FAIL_BEFORE_SWAP_ENV]: "1" } });
    expect(run.status).toBe(4);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });
});
