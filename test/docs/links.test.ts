/**
 * Every relative link and `#anchor` of the docs resolves: the target file exists, and the
 * anchor is a heading's GitHub anchor or an explicit `<a name>`/`<a id>` in it. The slugger
 * here is written independently of `scripts/docs-model.ts`, so the two check each other.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Token } from "markdown-it";
import { describe, expect, it } from "vitest";
import { DOC_SETS, listFiles, markdown } from "./support.js";

/** GitHub's algorithm (github-slugger): lower case, drop punctuation, spaces to `-`, dedupe. */
function slugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    let slug = base;
    const count = seen.get(base);
    if (count !== undefined) {
      seen.set(base, count + 1);
      slug = `${base}-${count + 1}`;
    } else seen.set(base, 0);
    return slug;
  };
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .filter((c) => c.type === "text" || c.type === "code_inline")
    .map((c) => c.content)
    .join("");
}

interface Page {
  anchors: Set<string>;
  links: { href: string; line: number }[];
}

function readPage(source: string): Page {
  const anchors = new Set<string>();
  const links: Page["links"] = [];
  const slug = slugger();
  const tokens = markdown.parse(source, {});
  tokens.forEach((token, i) => {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === "heading_open") anchors.add(slug(inlineText(tokens[i + 1])));
    const html = [token, ...(token.children ?? [])].filter((t) => t.type === "html_block" || t.type === "html_inline");
    for (const h of html) for (const m of h.content.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
    for (const child of token.children ?? []) {
      if (child.type === "link_open") links.push({ href: String(child.attrGet("href") ?? ""), line });
    }
  });
  return { anchors, links };
}

/** Links of `pages` (keyed by path) whose file or anchor does not exist. */
function brokenLinks(pages: Map<string, Page>, exists: (target: string) => boolean): string[] {
  const broken: string[] = [];
  for (const [name, page] of pages) {
    for (const { href, line } of page.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // http:, https:, mailto: — not ours to check
      const [file = "", anchor] = href.split("#", 2) as [string, string | undefined];
      const target = file === "" ? name : path.posix.normalize(path.posix.join(path.posix.dirname(name), decodeURI(file)));
      if (!exists(target)) {
        broken.push(`${name}:${line}: ${href} (no file ${target})`);
        continue;
      }
      if (anchor === undefined || anchor === "") continue; // `#` is the top of the page
      if (!pages.get(target)?.anchors.has(decodeURIComponent(anchor)))
        broken.push(`${name}:${line}: ${href} (no anchor #${anchor} in ${target})`);
    }
  }
  return broken;
}

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
