/**
 * `make site`: a static folder that any static host can serve as it is, offline (no CDN):
 * - `reference/index.html`: the API reference by `redocly build-docs` (scripts inlined);
 * - one HTML page per generated markdown page, with navigation, `.md` links turned into
 *   `.html` links and GitHub-style heading anchors, so every link keeps working.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { Slugger } from "../docs/links.js";
import { REPO_ROOT } from "../options.js";
import { listFiles } from "../output/file-map.js";
import { byCodePoint } from "../sort.js";

/** Why a site could not be built: the user's to fix (no docs yet, a reference that failed). */
export class SiteError extends Error {
  override readonly name = "SiteError";
}

interface Page {
  /** Path of the markdown file relative to the docs folder, e.g. `models/Error.md`. */
  source: string;
  /** Path of the HTML page relative to the site, e.g. `models/Error.html`. */
  target: string;
  title: string;
  markdown: string;
}

export function htmlPath(markdownPath: string): string {
  return markdownPath.replace(/(^|\/)README\.md$/, "$1index.html").replace(/\.md$/, ".html");
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function relativeLink(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel === "" ? path.posix.basename(to) : rel;
}

function createRenderer(page: Page): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  const slugger = new Slugger();
  md.core.ruler.push("heading_ids", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== "heading_open") continue;
      const inline = tokens[i + 1]!;
      const text = (inline.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
      token.attrSet("id", slugger.slug(text));
    }
  });
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet("href") ?? "");
    if (!/^[a-z]+:/i.test(href) && !href.startsWith("#")) {
      const [file, hash] = href.split("#") as [string, string | undefined];
      if (file.endsWith(".md")) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page.source), file));
        tokens[idx]!.attrSet("href", `${relativeLink(page.target, htmlPath(resolved))}${hash !== undefined ? `#${hash}` : ""}`);
      }
    }
    return defaultLink(tokens, idx, options, env, self);
  };
  return md;
}

function navigation(pages: Page[], current: Page): string {
  const link = (target: string, title: string) =>
    `<li${target === current.target ? ' class="current"' : ""}><a href="${escapeHtml(relativeLink(current.target, target))}">${escapeHtml(title)}</a></li>`;
  const groups = new Map<string, Page[]>();
  for (const page of pages) {
    if (page.target === "index.html") continue;
    const folder = page.source.includes("/") ? page.source.split("/")[0]! : "Pages";
    groups.set(folder, [...(groups.get(folder) ?? []), page]);
  }
  const sections = [...groups]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([folder, list]) => `<h2>${escapeHtml(folder.charAt(0).toUpperCase() + folder.slice(1))}</h2><ul>${list.map((p) => link(p.target, p.title)).join("")}</ul>`)
    .join("");
  return `<nav aria-label="Documentation"><ul>${link("index.html", "Overview")}${link("reference/index.html", "API reference")}</ul>${sections}</nav>`;
}

const STYLE = `
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;display:flex;min-height:100vh}
nav{width:260px;flex:none;background:#f6f8fa;border-right:1px solid #d0d7de;padding:1rem;box-sizing:border-box;position:sticky;top:0;height:100vh;overflow:auto}
nav h2{font-size:.8rem;text-transform:uppercase;color:#59636e;margin:1.2rem 0 .3rem}
nav ul{list-style:none;margin:0;padding:0} nav li a{display:block;padding:.15rem .4rem;border-radius:4px;color:#1f2328;text-decoration:none}
nav li.current a,nav li a:hover{background:#e7ecf0}
main{flex:1;min-width:0;max-width:1040px;padding:1.5rem 2.5rem;box-sizing:border-box;overflow-wrap:break-word}
a{color:#0969da} code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:90%}
pre{background:#f6f8fa;padding:1rem;overflow:auto;border-radius:6px} pre code{background:none;padding:0}
table{border-collapse:collapse;margin:1rem 0;display:block;overflow:auto} th,td{border:1px solid #d0d7de;padding:.35rem .7rem;text-align:left;vertical-align:top}
th{background:#f6f8fa} td code,th code{white-space:nowrap}
`;

function layout(page: Page, pages: Page[], body: string, siteTitle: string): string {
  const css = relativeLink(page.target, "assets/style.css");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title === siteTitle ? siteTitle : `${page.title} · ${siteTitle}`)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(css)}">
</head>
<body>
${navigation(pages, page)}
<main>
${body}</main>
</body>
</html>
`;
}

function titleOf(markdown: string, fallback: string): string {
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1];
  return heading ? heading.replace(/[*_`]/g, "").trim() : fallback;
}

/** Builds the reference with Redocly, scripts inlined; CDN images are dropped so nothing loads from outside. */
function buildReference(specPath: string, outFile: string, title: string): void {
  const redocly = path.join(REPO_ROOT, "node_modules", ".bin", "redocly");
  const result = spawnSync(redocly, ["build-docs", specPath, "--inlineBundle", "--title", title, "-o", outFile], { encoding: "utf8" });
  if (result.status !== 0) throw new SiteError(`redocly build-docs failed:\n${result.stdout}${result.stderr}`);
  const html = readFileSync(outFile, "utf8")
    .replace(/https:\/\/cdn\.redoc(?:ly)?\.(?:ly|com)\/[^"'`)\s]*/g, "")
    // No favicon request (a 404 would be a console error).
    .replace("<head>", '<head>\n<link rel="icon" href="data:,">');
  writeFileSync(outFile, html);
}

export function buildSite(options: { docsDir: string; specPath: string; outDir: string }): { pages: number } {
  const { docsDir, specPath, outDir } = options;
  if (!existsSync(path.join(docsDir, "README.md"))) throw new SiteError(`${docsDir}/README.md not found: run \`make generate\` first`);
  const pages: Page[] = listFiles(docsDir)
    .filter((file) => file.endsWith(".md"))
    .map((source) => {
    const markdown = readFileSync(path.join(docsDir, source), "utf8");
    return { source, target: htmlPath(source), title: titleOf(markdown, source), markdown };
  });
  const siteTitle = pages.find((p) => p.target === "index.html")!.title;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, "assets"), { recursive: true });
  mkdirSync(path.join(outDir, "reference"), { recursive: true });
  writeFileSync(path.join(outDir, "assets", "style.css"), STYLE.trimStart());
  for (const page of pages) {
    const file = path.join(outDir, page.target);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, layout(page, pages, createRenderer(page).render(page.markdown), siteTitle));
  }
  buildReference(specPath, path.join(outDir, "reference", "index.html"), `${siteTitle}: API reference`);
  return { pages: pages.length + 1 };
}
