/**
 * The hardening of spec text on the site's pages, on VitePress' own markdown renderer: each
 * payload is live in the stock renderer (the control) and inert once hardened, and what the
 * docs need (tables, highlighted code, links, anchors, the copy button) survives.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createMarkdownRenderer, disposeMdItInstance, type MarkdownOptions } from "vitepress";
import { describe, expect, it } from "vitest";
import { disableIncludes, escapeLabel, hardenMarkdown, safeGrayMatterOptions, sanitizedHtml, scriptStringLiteral } from "../../scripts/site/untrusted-markdown.js";
import { tempDir } from "../support/temp.js";

const srcDir = tempDir("untrusted-md");
const secret = path.join(srcDir, "secret.txt");
writeFileSync(secret, "TOP-SECRET-CONTENT\n");
mkdirSync(path.join(srcDir, "pages"), { recursive: true });

type Renderer = Awaited<ReturnType<typeof createMarkdownRenderer>>;
const pageEnv = (env: Record<string, unknown>) => Object.assign(env, { path: path.join(srcDir, "pages", "page.md"), relativePath: "pages/page.md", cleanUrls: false });
const render = (md: Renderer, src: string, env: Record<string, unknown> = {}) => md.render(src, pageEnv(env));
/** The HTML a hardened page shows (its component holds it as a string). */
const shown = (md: Renderer, src: string, env: Record<string, unknown> = {}) => sanitizedHtml(md, src, pageEnv(env));

/** The page component's source as VitePress assembles it: the hoisted blocks, then the template. */
function hardenedPage(md: Renderer, src: string): string {
  const env: { sfcBlocks?: { scripts: { content: string }[] } } = {};
  const html = render(md, src, env);
  return `${(env.sfcBlocks?.scripts ?? []).map((s) => s.content).join("\n")}\n<template><div>${html}</div></template>`;
}

/** The page VitePress would compile: the HTML and the blocks it hoists into the page's code. */
function stockPage(md: Renderer, src: string): string {
  const env: { sfcBlocks?: object } = {};
  const html = render(md, src, env);
  return `${html}\n${JSON.stringify(env.sfcBlocks ?? {})}`;
}

/**
 * given: markdown from spec text; live: what the stock renderer lets through; the hardened page has
 * none of it (text: shown as text, which is inert where Vue compiles none of the page's HTML).
 */
const PAYLOADS: { given: string; live: RegExp; text?: true }[] = [
  { given: "<script>window.x = 1</script>", live: /<script>window\.x/ },
  { given: "<script setup>\nwindow.x = 1\n</script>", live: /<script setup>/ },
  { given: '<img src="x.png" onerror="window.x = 1">', live: /onerror=/ },
  { given: '<a href="javascript:window.x=1">a</a>', live: /href="javascript:/ },
  { given: '<a href="JaVaScRiPt&colon;window.x=1">a</a>', live: /href="JaVaScRiPt&colon;/ },
  { given: '<iframe srcdoc="<script>parent.x=1</script>"></iframe>', live: /<iframe/ },
  { given: '<svg><animate onbegin="window.x=1" attributeName="x" dur="1s"/></svg>', live: /onbegin=/ },
  { given: '<details open ontoggle="window.x=1"><summary>s</summary></details>', live: /ontoggle=/ },
  { given: '<form action="javascript:window.x=1"><button>go</button></form>', live: /<form/ },
  { given: "<style>body { display: none }</style>", live: /display: none/ },
  { given: "Value: {{ $emit.constructor('window.x=1')() }}", live: /\{\{ \$emit/, text: true },
  { given: '<div :title="$emit.constructor(\'window.x=1\')()">d</div>', live: /:title=/ },
  { given: "<div v-html=\"'<img src=x onerror=window.x=1>'\">d</div>", live: /v-html=/ },
];

const SCRIPT_SETUP = "<script setup>\nprocess.exit(1)\n</script>\n\ntext";
const SNIPPET = `<<< ${secret}`;

// VitePress keeps one markdown renderer per process (until disposeMdItInstance): the stock one
// renders every control first, then the hardened one is created.
const stock = await createMarkdownRenderer(srcDir, {}, "/");
const stockHtml = new Map([...PAYLOADS.map((p) => p.given), SNIPPET].map((src) => [src, stockPage(stock, src)]));
const stockEnv: { sfcBlocks?: { scriptSetup: unknown } } = {};
render(stock, SCRIPT_SETUP, stockEnv);
disposeMdItInstance();
const hardenedOptions: MarkdownOptions = { config: hardenMarkdown, frontmatter: { grayMatterOptions: safeGrayMatterOptions } };
const hardened = await createMarkdownRenderer(srcDir, hardenedOptions, "/");

describe("hardenMarkdown", () => {
  for (const { given, live, text } of PAYLOADS) {
    it(`leaves nothing executable of ${given}`, () => {
      expect(stockHtml.get(given)).toMatch(live);
      const html = shown(hardened, given);
      if (!text) expect(html).not.toMatch(live);
      expect(html).not.toMatch(/<script|<iframe|<svg|<form|<style|\son\w+=|="\s*javascript|\s(v-[\w-]+|:[\w-]+|@[\w-]+)=/i);
      // The component Vue compiles: one script (the HTML as a string) and a template with no spec text.
      const page = hardenedPage(hardened, given);
      expect(page.match(/<script/g)).toHaveLength(1);
      expect(page).toMatch(/<template><div><PageHtml \/><\/div><\/template>$/);
    });
  }

  it("gives Vue the page's HTML as a string for innerHTML, so Vue compiles no directive or interpolation in it", () => {
    expect(render(hardened, "{{ 1+1 }}")).toBe("<PageHtml />");
    expect(hardenedPage(hardened, "{{ 1+1 }}")).toContain('const pageHtml = "__VP_STATIC_START__<p>{{ 1+1 }}</p>\\n__VP_STATIC_END__"');
  });

  it("keeps the HTML string inside its <script>, and VitePress' static markers around the whole string", () => {
    const page = hardenedPage(hardened, "`</script><script>window.x=1</script>` \\_\\_VP_STATIC_END\\_\\_\"");
    expect(page.match(/<\/script/gi)).toHaveLength(1);
    expect(page.match(/__VP_STATIC_END__/g)).toHaveLength(1);
    expect(page).toContain("_&#95;VP_STATIC_END__");
    expect(scriptStringLiteral("</SCRIPT <!-- x")).toBe('"\\u003c/SCRIPT \\u003c!-- x"');
  });

  it("drops <script setup> blocks VitePress would hoist into the page's code (run at build time)", () => {
    expect(stockEnv.sfcBlocks?.scriptSetup).toBeTruthy();
    const env: { sfcBlocks?: { scriptSetup: unknown; scripts: unknown[] } } = {};
    sanitizedHtml(hardened, SCRIPT_SETUP, pageEnv(env));
    expect(env.sfcBlocks?.scriptSetup).toBeNull();
    expect(env.sfcBlocks?.scripts).toEqual([]);
    expect(hardenedPage(hardened, SCRIPT_SETUP)).not.toContain("process.exit");
  });

  it("does not read files named by `<<< path` (VitePress' code snippets)", () => {
    expect(stockHtml.get(SNIPPET)).toContain("TOP-SECRET-CONTENT");
    expect(hardenedPage(hardened, SNIPPET)).not.toContain("TOP-SECRET-CONTENT");
  });

  it("refuses frontmatter in a language that evaluates code", () => {
    expect(() => render(hardened, "---js\n{ title: process.exit(1) }\n---\n# Page")).toThrow(/frontmatter language "js" is disabled/);
    expect(shown(hardened, "---\ntitle: yaml is fine\n---\n# Page")).toContain("Page");
  });

  it("keeps what the docs are made of: tables, highlighted code with its copy button, links, anchors, details", () => {
    const html = shown(
      hardened,
      [
        '<a name="listCredentials"></a>',
        "",
        "## listCredentials",
        "",
        "| Name | Type |",
        "| --- | --- |",
        "| **page** | `number` |",
        "",
        "```ts",
        "const page = await api.listCredentials(\"my-org\", { perPage: 20 });",
        "```",
        "",
        "[model](../models/Error.md) [site](https://example.com/x?a=1&b=2) <details><summary>More</summary>text</details>",
      ].join("\n"),
    );
    expect(html).toContain('<a name="listCredentials"></a>');
    expect(html).toMatch(/<h2 id="listcredentials"/);
    expect(html).toContain("<table");
    expect(html).toMatch(/<button title="Copy Code" class="copy"><\/button>/);
    expect(html).toMatch(/<span style="--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">/i);
    expect(html).toContain('href="https://example.com/x?a=1&amp;b=2"');
    expect(html).toContain("<details><summary>More</summary>text</details>");
  });
});

describe("images and headings of spec text", () => {
  it("turns an image on another host into a link to it (readers' browsers fetch nothing elsewhere)", () => {
    const html = shown(hardened, '![the logo](https://cdn.example.com/logo.png) <img src="//x.example/a.png"> ![local](./a.png)');
    expect(html).toContain('<a href="https://cdn.example.com/logo.png">the logo (image)</a>');
    // Protocol-relative URLs are not allowed at all: the link keeps its text only.
    expect(html).toContain("<a>image (image)</a>");
    expect(html).toContain('<img src="./a.png" alt="local" />');
    expect(html).not.toMatch(/<img[^>]+src="(https?:)?\/\//);
  });

  it("keeps `</script` of the page's title out of the page data VitePress writes into a <script>", () => {
    const env: { title?: string } = {};
    render(hardened, "# Title \\</SCRIPT \\> one\n\n## Two", env);
    expect(env.title).toBe("Title <\u200B/SCRIPT > one");
  });
});

describe("disableIncludes", () => {
  it("turns `<!--@include: path-->` into an inert comment before VitePress reads the page", () => {
    const plugin = disableIncludes();
    expect(plugin.transform("a\n<!--@include: ../../etc/passwd-->\n", "/x/page.md")?.code).toBe("a\n<!--@include-disabled: ../../etc/passwd-->\n");
    expect(plugin.transform("<!--@include: x-->", "/x/page.ts")).toBeNull();
    expect(plugin.transform("no include", "/x/page.md")).toBeNull();
  });
});

describe("escapeLabel", () => {
  it("makes text safe where the theme renders it as HTML (sidebar labels)", () => {
    expect(escapeLabel('Get <img src=x onerror="a"> & {{ 7*7 }}')).toBe("Get &lt;img src=x onerror=&quot;a&quot;&gt; &amp; &#123;&#123; 7*7 &#125;&#125;");
  });
});
