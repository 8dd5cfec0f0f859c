/**
 * Tree-shaking of the per-operation functions (`fn.ts`): a bundler (esbuild, as an app's build
 * would run it) keeps the function an app imports, its own `CallMeta` entry and the runtime, and
 * drops every other operation, the API classes and the pagination helper.
 */
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";

const SRC = path.join(REPO_ROOT, "generated", "client", "src");
const OPERATIONS = ["addCredential", "deleteCredential", "getCredential", "listCredentials", "updateCredential"];

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: REPO_ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0]!.text;
}

/** The operationIds whose `CallMeta` entry is in a bundle (minifying keeps string values). */
const operationsIn = (code: string) => OPERATIONS.filter((id) => code.includes(`"${id}"`));

describe("per-operation functions tree-shake", () => {
  it("one imported function bundles its own operation only", async () => {
    const code = await bundle(`export { createClient, getCredential } from ${JSON.stringify(path.join(SRC, "fn.ts"))};`);
    expect(operationsIn(code)).toEqual(["getCredential"]);
    expect(code).toContain("/v2/credentials/{namespace}/{name}");
    // No class and no pagination table: listCredentials's items property and page count are not there.
    expect(code).not.toMatch(/"credentials"|pagination_metadata|total_pages/);
  });

  it("two functions bundle two operations", async () => {
    const code = await bundle(`export { createClient, addCredential, listCredentials } from ${JSON.stringify(path.join(SRC, "fn.ts"))};`);
    expect(operationsIn(code)).toEqual(["addCredential", "listCredentials"]);
  });

  it("the API class keeps every operation of its tag (the control)", async () => {
    const code = await bundle(`export { OrganizationApi } from ${JSON.stringify(path.join(SRC, "index.ts"))};`);
    expect(operationsIn(code)).toEqual(OPERATIONS);
    expect(code).toMatch(/pagination_metadata/);
  });
});
