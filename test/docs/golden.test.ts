/**
 * The docs of each fixture spec, regenerated in memory, equal the reviewed golden files under
 * `test/golden/<fixture>/docs` byte for byte (and the API's equal `generated/docs`). Every spec
 * the client generator accepts gets docs: a README, one page per API class and one per model.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateFiles } from "../../scripts/generate.js";
import { resolveOptions } from "../../scripts/options.js";
import { DOC_SETS, listFiles } from "./support.js";

function docsOf(files: Map<string, string>): Map<string, string> {
  return new Map([...files].filter(([name]) => name.startsWith("docs/")).map(([name, content]) => [name.slice("docs/".length), content]));
}

describe.concurrent.each(DOC_SETS.map((set) => [set.name, set] as const))("docs of %s", (_name, set) => {
  it("regenerated in memory, equal the committed files byte for byte (no file missing or extra)", async () => {
    const { files } = await generateFiles(resolveOptions({ specPath: set.specPath, outDir: set.outDir, quiet: true }));
    const docs = docsOf(files);
    expect([...docs.keys()]).toEqual(listFiles(set.docsDir));
    const changed = [...docs]
      .filter(([name, content]) => readFileSync(path.join(set.docsDir, name), "utf8") !== content)
      .map(([name]) => name);
    expect(changed, `out of date (review, then \`make generate && make golden\`): ${changed.join(", ")}`).toEqual([]);
  });

  it("has a README, one page per API class and one per model, and nothing else", async () => {
    const { ir, files } = await generateFiles(resolveOptions({ specPath: set.specPath, outDir: set.outDir, quiet: true }));
    const want = [
      "README.md",
      ...ir.apis.map((a) => `apis/${a.className}.md`),
      ...ir.models.map((m) => `models/${m.typeName}.md`),
      ...(ir.webhooks.length ? ["webhooks.md"] : []),
    ].sort();
    expect([...docsOf(files).keys()]).toEqual(want);
    const readme = docsOf(files).get("README.md")!;
    for (const api of ir.apis) expect(readme).toContain(`(apis/${api.className}.md)`);
    for (const model of ir.models) expect(readme).toContain(`(models/${model.typeName}.md)`);
    for (const op of ir.operations) expect(readme).toContain(`#${op.methodName})`);
  });

  it("generating twice gives identical bytes", async () => {
    const options = resolveOptions({ specPath: set.specPath, outDir: set.outDir, quiet: true });
    const [a, b] = await Promise.all([generateFiles(options), generateFiles(options)]);
    expect(docsOf(b.files)).toEqual(docsOf(a.files));
  });
});
