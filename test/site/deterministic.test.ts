/**
 * The site of an unchanged spec is the same bytes from build to build, as the generated client and
 * docs are: a host's cache, and a diff of two deployments, see only what the spec changed. (VitePress
 * indexed pages for search in the order their files finished reading: every chunk hash and every
 * page moved; see scripts/site/search-order.ts.)
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";
import { REPO_SPEC } from "./support.js";

/** Every file of a folder with the SHA-256 of its bytes, by relative path. */
function digests(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => statSync(path.join(dir, file)).isFile());
  return Object.fromEntries(files.sort().map((file) => [file, createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex")]));
}

describe("the docs site", () => {
  it("is the same bytes when built twice from the same spec", async () => {
    const work = tempDir("site-twice");
    const builds: Record<string, string>[] = [];
    for (const name of ["first", "second"]) {
      const out = path.join(work, name);
      const result = await runCli(["site", "--spec", REPO_SPEC, "--out", out], { process: true });
      expect(result.status, result.stderr).toBe(0);
      builds.push(digests(out));
    }
    expect(Object.keys(builds[0]!).length).toBeGreaterThan(20);
    expect(Object.keys(builds[0]!).some((file) => /localSearchIndex/i.test(file))).toBe(true);
    expect(builds[1]).toEqual(builds[0]);
  }, 600_000);
});
