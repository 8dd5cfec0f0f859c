/**
 * Every relative link and `#anchor` of the docs resolves: the target file exists, and the
 * anchor is a heading's GitHub anchor or an explicit `<a name>`/`<a id>` in it. The slugger
 * here is written independently of `scripts/docs-model.ts`, so the two check each other.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { brokenLinks, DOC_SETS, listFiles, readPage } from "./support.js";

describe("readPage (link checker)", () => {
  it("collects GitHub heading anchors (deduplicated) and explicit anchors", () => {
    const page = readPage(
      '# A `b` c!\n\n## Example\n\n## Example\n\n<a name="ApiKeyAuth"></a>\n\nSee [x](#example-1) and [y](other.md#z).\n',
    );
    expect([...page.anchors].sort()).toEqual(["ApiKeyAuth", "a-b-c", "example", "example-1"]);
    expect(page.links.map((l) => l.href)).toEqual(["#example-1", "other.md#z"]);
  });

  it("reports a missing file and a missing anchor, accepts `#`, external and good links", () => {
    const pages = new Map([
      [
        "README.md",
        readPage('# Top\n\n<a name="Key"></a>\n\n[a](#) [b](apis/A.md#op) [c](apis/A.md#nope) [d](models/X.md) [e](https://x.test/y#z)\n'),
      ],
      ["apis/A.md", readPage('<a name="op"></a>\n\n## op\n\n[back](../README.md#Key) [bad](../README.md#key)\n')],
    ]);
    expect(brokenLinks(pages, (target) => pages.has(target))).toEqual([
      "README.md:5: apis/A.md#nope (no anchor #nope in apis/A.md)",
      "README.md:5: models/X.md (no file models/X.md)",
      "apis/A.md:5: ../README.md#key (no anchor #key in README.md)",
    ]);
  });
});

for (const set of DOC_SETS) {
  describe(`links of the ${set.name} docs`, () => {
    const pages = new Map(
      listFiles(set.docsDir)
        .filter((f) => f.endsWith(".md"))
        .map((f) => [f, readPage(readFileSync(path.join(set.docsDir, f), "utf8"))]),
    );

    it("has pages, and every page links somewhere", () => {
      expect(pages.has("README.md")).toBe(true);
      for (const [name, page] of pages) expect(page.links.length, name).toBeGreaterThan(0);
    });

    it("every relative link and anchor resolves", () => {
      const broken = brokenLinks(pages, (target) => existsSync(path.join(set.docsDir, target)));
      expect(broken, broken.join("\n")).toEqual([]);
    });

    it("the README has an anchor per security scheme, and class pages one per operation", () => {
      const readme = pages.get("README.md")!;
      const text = readFileSync(path.join(set.docsDir, "README.md"), "utf8");
      for (const [, name] of text.matchAll(/^<a name="([^"]+)"><\/a>$/gm)) expect(readme.anchors.has(name!)).toBe(true);
      for (const [name, page] of pages) {
        if (!name.startsWith("apis/")) continue;
        const methods = [...readFileSync(path.join(set.docsDir, name), "utf8").matchAll(/^## (\S+)$/gm)].map((m) => m[1]!);
        expect(methods.length, name).toBeGreaterThan(0);
        for (const method of methods) expect(page.anchors.has(method), `${name}#${method}`).toBe(true);
      }
    });

    it("prints text, never HTML entities (no &#39;, &quot;, &amp; …)", () => {
      for (const file of pages.keys()) {
        const text = readFileSync(path.join(set.docsDir, file), "utf8");
        expect(text.match(/&(?:#\d+|#x[0-9a-f]+|quot|amp|lt|gt|apos);/gi) ?? [], file).toEqual([]);
      }
    });
  });
}
