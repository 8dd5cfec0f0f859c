/**
 * The site's pages from the docs view: every generated page has one (webhooks included), and above
 * MODELS_PER_PAGE_LIMIT models the models share a page per first letter, every link following them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../scripts/docs/render.js";
import { buildDocsView } from "../../scripts/docs/view.js";
import { REPO_ROOT, resolveOptions } from "../../scripts/options.js";
import { MODELS_PER_PAGE_LIMIT, sidebarOf, sitePages, type SitePage } from "../../scripts/site/pages.js";
import { buildIr } from "../../scripts/ir/build.js";
import { loadSpec } from "../../scripts/load/load.js";
import { irOf } from "../support/spec.js";

/** A spec given inline, or the path of a spec file. */
async function pagesOf(spec: object | { file: string }): Promise<SitePage[]> {
  const ir = "file" in spec ? buildIr(await loadSpec(spec.file as string)) : await irOf(spec);
  const { templateDir } = resolveOptions();
  return sitePages(buildDocsView(ir, "pkg"), renderDocs(ir, templateDir, "pkg"));
}

/** Every relative markdown link of every page, resolved, with its anchor. */
function links(pages: SitePage[]): { from: string; file: string; anchor?: string }[] {
  return pages.flatMap((page) =>
    [...page.markdown.matchAll(/\]\(([^()\s#:]*\.md)?(#[^()\s]*)?\)/g)].map(([, href, anchor]) => ({
      from: page.file,
      file: href ? path.posix.join(path.posix.dirname(page.file), href) : page.file,
      ...(anchor ? { anchor: anchor.slice(1) } : {}),
    })),
  );
}

describe("sitePages", () => {
  it("has a page for the webhooks of a spec that has some, in the sidebar, and the README's links reach it", async () => {
    const pages = await pagesOf({ file: path.join(REPO_ROOT, "test", "fixtures", "specs", "webhooks-callbacks", "openapi.yaml") });
    const webhooks = pages.find((p) => p.kind === "webhooks");
    expect(webhooks?.file).toBe("webhooks.md");
    expect(links(pages).filter((l) => l.from === "index.md" && l.file === "webhooks.md").length).toBeGreaterThan(0);
    const files = new Set(pages.map((p) => p.file));
    for (const link of links(pages)) expect(files.has(link.file.replace(/(^|\/)README\.md$/, "$1index.md")), `${link.from} → ${link.file}`).toBe(true);
    expect(JSON.stringify(sidebarOf(pages, "/reference/"))).toContain('"link":"/webhooks"');
  });

  it(`above ${MODELS_PER_PAGE_LIMIT} models, one page per first letter, each model under its anchor, every link pointed there`, async () => {
    const schemas: Record<string, object> = {};
    for (let i = 0; i <= MODELS_PER_PAGE_LIMIT; i++) schemas[`${i % 2 ? "Alpha" : "Beta"}${i}`] = { type: "object", properties: { next: { $ref: `#/components/schemas/${i % 2 ? "Beta" : "Alpha"}${i + 1}` } } };
    schemas[`Beta${MODELS_PER_PAGE_LIMIT + 1}`] = { type: "string" };
    schemas[`Alpha${MODELS_PER_PAGE_LIMIT + 1}`] = { type: "string" };
    const spec = {
      openapi: "3.0.3",
      info: { title: "Many", version: "1.0.0" },
      paths: { "/a": { get: { operationId: "getA", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Alpha1" } } } } } } } },
      components: { schemas },
    };
    const pages = await pagesOf(spec);
    const models = pages.filter((p) => p.kind === "model");
    expect(models.map((p) => p.file)).toEqual(["models/A.md", "models/B.md"]);
    expect(models.reduce((n, p) => n + p.models!.length, 0)).toBe(MODELS_PER_PAGE_LIMIT + 3);
    const anchors = new Map(models.map((p) => [p.file, new Set(p.models!.map((m) => m.anchor))]));
    // ("Back to top" links are `#`.)
    const toModels = links(pages).filter((l) => l.file.startsWith("models/") && l.anchor);
    expect(toModels.length).toBeGreaterThan(MODELS_PER_PAGE_LIMIT);
    for (const link of toModels) expect(anchors.get(link.file)?.has(link.anchor ?? ""), `${link.from} → ${link.file}#${link.anchor}`).toBe(true);
    // Each model's own title is a section of its letter's page.
    expect(models[0]!.markdown).toContain('<a name="Alpha1"></a>\n\n## Alpha1');
  });
});
