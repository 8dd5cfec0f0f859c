/**
 * `make site`: the docs site of a spec, a static folder any host serves as it is, offline:
 * - the markdown docs (the docs templates over the docs view, as in `generated/docs/`) built by
 *   VitePress: local full-text search, highlighted code with copy buttons, dark mode, a mobile
 *   layout, the sidebar from the docs view; spec text sanitized (untrusted-markdown.ts);
 * - `reference/`: Scalar's API reference with its try-it console (reference.ts);
 * - `llms.txt`, `llms-full.txt` and each page's markdown (llms.ts).
 * The site is built in a temporary folder and replaces `outDir` only when complete.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIr } from "../ir/build.js";
import type { SpecIssue } from "../issues.js";
import { loadSpec } from "../load/load.js";
import { packageName } from "../client/package.js";
import { renderDocs } from "../docs/render.js";
import { buildDocsView } from "../docs/view.js";
import { REPO_ROOT, resolveOptions } from "../options.js";
import { fenceLanguages } from "./highlight.js";
import { llmsFiles } from "./llms.js";
import { sidebarOf, sitePages } from "./pages.js";
import { withoutIncludes } from "./untrusted-markdown.js";
import { REFERENCE_DIR, writeReference } from "./reference.js";
import { scalarBundle } from "./scalar-bundle.js";
import type { SiteSettings } from "./vitepress-config.js";

/** Why a site could not be built: the user's to fix (a bad `--base`, no registry for Scalar's first fetch). */
export class SiteError extends Error {
  override readonly name = "SiteError";
}

export interface SiteOptions {
  specPath: string;
  outDir: string;
  /** URL path the site is served under (`/`, or `/<repo>/` on GitHub Pages). Default `/`. */
  base?: string;
  templateDir?: string;
  packageName?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SiteResult {
  pages: number;
  /** What was decided on the spec's behalf (printed by the command, as `generate` does). */
  warnings: SpecIssue[];
  /** Seconds spent in VitePress (the markdown pages). */
  vitepressSeconds: number;
}

const CONFIG_SOURCE = path.join(REPO_ROOT, "scripts", "site", "vitepress-config.ts");
const THEME_SOURCE = path.join(REPO_ROOT, "scripts", "site", "theme", "index.ts");

export function normalizeBase(base: string | undefined): string {
  const value = base ?? "/";
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(value.endsWith("/") ? value : `${value}/`))
    throw new SiteError(`--base ${JSON.stringify(value)}: a URL path such as / or /my-repo/ (letters, digits, . _ ~ -)`);
  return value.endsWith("/") ? value : `${value}/`;
}

/**
 * `vitepress build` of the project at `root`, in a process of its own: VitePress keeps state per
 * process (one markdown renderer, made with the first configuration it saw), and its build
 * allocates a lot of short-lived objects, so the young generation gets room (with Node's default
 * 16 MB semi-space, garbage collection was a quarter of the build of GitHub's spec).
 */
function runVitepress(root: string): Promise<void> {
  // `SITE_CPU_PROF_DIR=<dir>`: a V8 CPU profile of the VitePress process (see scripts/bench/profile-summary.ts).
  const cpuProfile = process.env.SITE_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SITE_CPU_PROF_DIR}`] : [];
  const code = `const { build } = await import("vitepress"); await build(${JSON.stringify(root)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cpuProfile, "--max-semi-space-size=64", "--input-type=module", "--eval", code], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new SiteError(`VitePress failed (exit ${code}):\n${output.replace(/\x1b\[[0-9;]*m/g, "").trim()}`));
    });
  });
}

/** Moves the finished site into place (a rename when on the same file system). */
function replaceFolder(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
  }
}

export async function buildSite(options: SiteOptions): Promise<SiteResult> {
  const log = options.log ?? (() => {});
  const base = normalizeBase(options.base);
  const generatorOptions = resolveOptions({
    specPath: options.specPath,
    ...(options.templateDir ? { templateDir: options.templateDir } : {}),
    ...(options.packageName ? { packageName: options.packageName } : {}),
  });
  const spec = await loadSpec(options.specPath, { onNotice: (message) => log(`notice: ${message}`) });
  const ir = buildIr(spec);
  const npmName = packageName(ir, generatorOptions);
  const view = buildDocsView(ir, npmName);
  const pages = sitePages(view, renderDocs(ir, generatorOptions.templateDir, npmName));
  const bundle = scalarBundle(log);

  // VitePress' project root must sit inside this repository: the pages it compiles import `vue`,
  // resolved from the folders above them. One fresh root per build, so builds never share files.
  mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const root = mkdtempSync(path.join(REPO_ROOT, ".tmp", "site-build-"));
  try {
    for (const page of pages) {
      mkdirSync(path.dirname(path.join(root, "src", page.file)), { recursive: true });
      writeFileSync(path.join(root, "src", page.file), withoutIncludes(page.markdown));
    }
    const referenceLink = `/${REFERENCE_DIR}/`;
    const settings: SiteSettings = {
      title: ir.title,
      description: ir.summary ?? `${ir.title} documentation`,
      base,
      srcDir: path.join(root, "src"),
      outDir: path.join(root, "out"),
      cacheDir: path.join(root, "cache"),
      sidebar: sidebarOf(pages, referenceLink),
      referenceLink,
      codeLanguages: [...new Set(pages.flatMap((page) => fenceLanguages(page.markdown)))].sort(),
      pageFiles: pages.map((page) => page.file),
    };
    mkdirSync(path.join(root, ".vitepress", "theme"), { recursive: true });
    writeFileSync(
      path.join(root, ".vitepress", "config.mts"),
      `import { vitepressConfig } from ${JSON.stringify(CONFIG_SOURCE)};\nexport default await vitepressConfig(${JSON.stringify(settings)});\n`,
    );
    writeFileSync(path.join(root, ".vitepress", "theme", "index.mts"), `export { default } from ${JSON.stringify(THEME_SOURCE)};\n`);

    log(`building ${pages.length} pages with VitePress`);
    const started = performance.now();
    const vitepress = runVitepress(root);
    // The reference is written meanwhile (VitePress runs in its own process), beside VitePress'
    // output folder, which VitePress empties first, and moved into it after.
    const referenceRoot = path.join(root, "reference-out");
    try {
      writeReference(referenceRoot, spec.document, ir.title, bundle);
    } catch (error) {
      await vitepress.catch(() => {});
      throw error;
    }
    await vitepress;
    const vitepressSeconds = (performance.now() - started) / 1000;
    renameSync(path.join(referenceRoot, REFERENCE_DIR), path.join(settings.outDir, REFERENCE_DIR));
    const llms = llmsFiles(pages, { title: ir.title, summary: ir.summary ?? firstLine(ir.description), base });
    writeFileSync(path.join(settings.outDir, "llms.txt"), llms["llms.txt"]);
    writeFileSync(path.join(settings.outDir, "llms-full.txt"), llms["llms-full.txt"]);
    for (const [file, markdown] of llms.pages) writeFileSync(path.join(settings.outDir, file), markdown);
    if (!existsSync(path.join(settings.outDir, "index.html"))) throw new Error("VitePress wrote no index.html");
    replaceFolder(settings.outDir, options.outDir);
    return { pages: pages.length, warnings: ir.warnings, vitepressSeconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const firstLine = (text: string | undefined) => (text ?? "").trim().split(/\n\s*\n/)[0] ?? "";
