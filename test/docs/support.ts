/**
 * What the docs tests share: the doc sets (the API's `generated/docs` and each fixture's golden
 * docs, with their client and spec), markdown parsing with markdown-it, and snippet projects
 * under `.tmp/` whose tsconfig maps the client's package name to its `src/index.ts`.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt, { type Token } from "markdown-it";
import { REPO_ROOT } from "../../scripts/options.js";
import { FIXTURES, FIXTURES_DIR, GOLDEN_DIR } from "../support/golden.js";

export interface DocSet {
  name: string;
  specPath: string;
  /** Folder holding `client/` and `docs/`. */
  outDir: string;
  docsDir: string;
  clientDir: string;
  packageName: string;
}

export { FIXTURES } from "../support/golden.js";

function docSet(name: string, specPath: string, outDir: string): DocSet {
  const clientDir = path.join(outDir, "client");
  const packageName = JSON.parse(readFileSync(path.join(clientDir, "package.json"), "utf8")).name as string;
  return { name, specPath, outDir, docsDir: path.join(outDir, "docs"), clientDir, packageName };
}

/** The API's committed output, then every fixture's golden output. */
export const DOC_SETS: DocSet[] = [
  docSet("api", path.join(REPO_ROOT, "spec", "openapi.yaml"), path.join(REPO_ROOT, "generated")),
  ...FIXTURES.map((f) => docSet(f, path.join(FIXTURES_DIR, f, "openapi.yaml"), path.join(GOLDEN_DIR, f))),
];

/**
 * A folder with the set's whole client source. Golden outputs leave the runtime out (it is
 * templates/runtime under the header, as test/generate/golden.test.ts proves), so for them it is
 * a copy under .tmp/ with the runtime put back.
 */
export function clientSources(set: DocSet): string {
  if (existsSync(path.join(set.clientDir, "src", "runtime"))) return set.clientDir;
  const dir = path.join(REPO_ROOT, ".tmp", "golden-clients", set.name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(set.clientDir, dir, { recursive: true });
  const header = readFileSync(path.join(dir, "src", "index.ts"), "utf8")
    .split("\n")
    .slice(0, 2)
    .join("\n");
  const runtime = path.join(REPO_ROOT, "templates", "runtime");
  mkdirSync(path.join(dir, "src", "runtime"), { recursive: true });
  for (const file of readdirSync(runtime).filter((f) => f.endsWith(".ts"))) {
    writeFileSync(path.join(dir, "src", "runtime", file), `${header}\n${readFileSync(path.join(runtime, file), "utf8")}`);
  }
  return dir;
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(path.join(dir, e.name), rel) : [rel];
    })
    .sort();
}

export const markdown = new MarkdownIt({ html: true });

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

export interface Page {
  anchors: Set<string>;
  links: { href: string; line: number }[];
}

export function readPage(source: string): Page {
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
export function brokenLinks(pages: Map<string, Page>, exists: (target: string) => boolean): string[] {
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

export interface CodeBlock {
  /** Page relative to the docs folder. */
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The `##` heading the block is under (an operation on a class page), if any. */
  section?: string;
}

export function codeBlocks(page: string, source: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let section: string | undefined;
  const tokens = markdown.parse(source, {});
  tokens.forEach((token, i) => {
    if (token.type === "heading_open" && token.tag === "h2") section = tokens[i + 1]?.content;
    if (token.type === "fence") {
      blocks.push({
        page,
        line: (token.map?.[0] ?? 0) + 1,
        lang: token.info.trim().split(/\s+/)[0] ?? "",
        code: token.content,
        ...(section ? { section } : {}),
      });
    }
  });
  return blocks;
}

/** TypeScript blocks of every page of a doc set. */
export function tsBlocks(set: DocSet): CodeBlock[] {
  return listFiles(set.docsDir)
    .filter((f) => f.endsWith(".md"))
    .flatMap((page) => codeBlocks(page, readFileSync(path.join(set.docsDir, page), "utf8")))
    .filter((b) => b.lang === "ts" || b.lang === "typescript");
}

/** A file name for a block: page and line, so a failure points at the docs. */
export function blockFileName(block: CodeBlock): string {
  return `${block.page.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "_")}_L${block.line}.ts`;
}

/**
 * A fresh folder `.tmp/<group>/<set>` set up as an ESM TypeScript project (strict, like the
 * generated client) in which the package name resolves to the set's client sources. Both tsc and
 * tsx read these `paths`.
 */
export function snippetProject(group: string, set: DocSet): string {
  const dir = path.join(REPO_ROOT, ".tmp", group, set.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      paths: {
        [set.packageName]: [path.join(clientSources(set), "src", "index.ts")],
        [`${set.packageName}/fn`]: [path.join(clientSources(set), "src", "fn.ts")],
      },
    },
    include: ["*.ts"],
  };
  writeFileSync(path.join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return dir;
}

export const TSC = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
export const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
