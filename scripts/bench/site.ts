/**
 * The docs site at GitHub's scale (its REST API: ~1,200 operations, ~970 models): how long
 * `cli.ts site` takes (wall and CPU time of the whole process tree, peak memory, size of the site),
 * and how fast its API reference (static HTML, Scalar's console on demand) shows the first
 * operation in Chromium, on GitHub's spec and on spec/openapi.yaml, against Scalar alone (the
 * site's reference before: Scalar's bundle over the same document) and Redoc's community edition
 * (`redocly build-docs`, Redoc 3.0.1) on the same spec:
 * - first operation: from navigation to the first operation of the first tag visible (Redoc 3
 *   opens on an overview: the reader clicks the first tag, and that click is part of the time);
 * - responsive: the main thread's total blocking time (the part of each task over 50 ms) in the
 *   10 s after that, and the time from a click on another operation until it is shown;
 * - the site's reference only: from a click on "Test Request" until Scalar's console is open.
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { buildIr } from "../ir/build.js";
import { loadSpec, type OpenApiDocument } from "../load/load.js";
import { REPO_ROOT } from "../options.js";
import { REFERENCE_DIR, SCALAR_CONFIG, SCALAR_FILE, SPEC_FILE, writeReference } from "../site/reference.js";
import { operationCount, splitByTag } from "../site/reference-split.js";
import { scalarBundle } from "../site/scalar-bundle.js";
import { serveSite } from "../site/serve.js";
import { countOperations, githubSpec } from "./github-spec.js";
import { BENCH_TMP, log, median, round, table } from "./util.js";

export interface BuildFigures {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  pages: number;
  siteMb: number;
}

export interface ViewerFigures {
  viewer: string;
  /** Navigation to the first operation shown, each run. */
  firstOperationMs: number[];
  medianFirstOperationMs: number;
  /** Total blocking time in the 10 s after the first operation (median of runs). */
  blockingMs: number;
  /**
   * Total blocking time from navigation to the first operation (median of runs): for Scalar alone,
   * what loading its bundle costs the main thread, which a reference that loaded it after its first
   * paint (at idle) would cost its reader then.
   */
  blockingBeforeMs?: number;
  /** Click on another operation until it is shown (median of runs); null when not measured. */
  nextOperationMs: number | null;
  /** Click on "Test Request" until the try-it console is open (median of runs); null: no console or not measured. */
  tryItMs?: number | null;
  jsHeapMb: number;
  domNodes: number;
}

export interface ReferenceFigures {
  spec: string;
  operations: number;
  viewers: ViewerFigures[];
}

export interface SiteBenchResult extends ReferenceFigures {
  /** Absent when only the reference was written (`--reference-only`). */
  build?: BuildFigures;
  /** The same readers' figures on spec/openapi.yaml (5 operations). */
  small?: ReferenceFigures;
}

const SITE_DIR = path.join(BENCH_TMP, "site-github");
const SMALL_SITE_DIR = path.join(BENCH_TMP, "site-small");
const SMALL_SPEC = path.join(REPO_ROOT, "spec", "openapi.yaml");

/** Runs a command under GNU time: wall time, CPU of it and its children (esbuild's), peak RSS. */
function timed(command: string, args: string[]): Promise<{ wallMs: number; cpuMs: number; maxRssMb: number; output: string }> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const timeFile = path.join(BENCH_TMP, `time-${process.pid}.txt`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-o", timeFile, "-f", "%U %S %M", command, ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output}`));
      const [user, system, rssKb] = readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number) as [number, number, number];
      resolve({ wallMs, cpuMs: (user + system) * 1000, maxRssMb: Math.round(rssKb / 1024), output });
    });
  });
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).reduce((sum, f) => {
    const stat = statSync(path.join(dir, f));
    return stat.isFile() ? sum + stat.size : sum;
  }, 0);
}

async function buildGithubSite(spec: string, document: OpenApiDocument): Promise<BuildFigures> {
  rmSync(SITE_DIR, { recursive: true, force: true });
  log(`building the site of ${path.basename(spec)} (cli.ts site)`);
  const run = await timed(process.execPath, ["--import", "tsx", "scripts/cli.ts", "site", "--spec", spec, "--out", SITE_DIR]);
  const pages = Number(/\((\d+) pages/.exec(run.output)?.[1] ?? 0);
  log(`  ${round(run.wallMs / 1000, 1)} s wall, ${round(run.cpuMs / 1000, 1)} s CPU, ${run.maxRssMb} MB, ${pages} pages`);
  await addComparedViewers(SITE_DIR, spec, document);
  return {
    wallMs: round(run.wallMs),
    cpuMs: round(run.cpuMs),
    maxRssMb: run.maxRssMb,
    pages,
    siteMb: round(folderBytes(SITE_DIR) / 1e6, 1),
  };
}

/**
 * Beside a site's reference: Redoc's community edition as `redocly build-docs` writes it (the
 * site's first reference; `--inlineBundle`: its script in the page, else from Redocly's CDN, which
 * this machine cannot reach and a site that sends nothing elsewhere must not), and Scalar alone (the reference before the static one: Scalar's bundle
 * over the same document, the first tag's for a split spec).
 */
async function addComparedViewers(siteDir: string, spec: string, document: OpenApiDocument): Promise<void> {
  mkdirSync(path.join(siteDir, "redoc"), { recursive: true });
  await timed(path.join(REPO_ROOT, "node_modules", ".bin", "redocly"), [
    "build-docs",
    spec,
    "--inlineBundle",
    "-o",
    path.join(siteDir, "redoc", "index.html"),
  ]);
  const tags = path.join(siteDir, REFERENCE_DIR, "tags");
  const shown = existsSync(tags) ? `tags/${splitByTag(document)[0]!.slug}.json` : SPEC_FILE;
  mkdirSync(path.join(siteDir, "scalar-alone"), { recursive: true });
  writeFileSync(
    path.join(siteDir, "scalar-alone", "index.html"),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Scalar alone</title></head>\n<body>\n<div id="app"></div>\n` +
      `<script src="../${REFERENCE_DIR}/${SCALAR_FILE}"></script>\n` +
      `<script>Scalar.createApiReference("#app", ${JSON.stringify({ ...SCALAR_CONFIG, url: `../${REFERENCE_DIR}/${shown}` })});</script>\n</body>\n</html>\n`,
  );
}

/** The small spec's reference as the site writes it (writeReference), and the same compared viewers; its document. */
async function buildSmallReference(): Promise<OpenApiDocument> {
  rmSync(SMALL_SITE_DIR, { recursive: true, force: true });
  const spec = await loadSpec(SMALL_SPEC);
  writeReference(SMALL_SITE_DIR, spec.document, buildIr(spec).title, scalarBundle(log));
  await addComparedViewers(SMALL_SITE_DIR, SMALL_SPEC, spec.document);
  return spec.document;
}

/**
 * Redoc 3's page as a host serving a single-page app at its root does: `index.html`
 * (self-contained: scripts and styles inline, the spec embedded) for every path.
 */
function spaServer(indexFile: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    createReadStream(indexFile).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

/** Counts main-thread blocking (long tasks) from the page's start. */
const BLOCKING_OBSERVER = `
window.__blocking = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__blocking.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true });
`;

interface Viewer {
  name: string;
  path: string;
  /** Waits until the first operation is shown (clicking what a reader must click). */
  firstOperation(page: Page, first: { summary: string; tag: string }): Promise<void>;
  /** Clicks another operation and waits until it is shown (absent: not measurable on a static server). */
  nextOperation?(page: Page, next: { summary: string; tag: string }): Promise<void>;
  /** Opens the try-it console of the first operation and waits until it shows (absent: none). */
  tryIt?(page: Page): Promise<void>;
}

const heading = (page: Page, text: string) => page.locator("h1, h2, h3", { hasText: text }).first();

/** Waits until the element's top is within the window (a link to an anchor scrolled to it). */
async function inViewport(locator: Locator, timeout: number): Promise<void> {
  const started = Date.now();
  // Polled from here: a function passed to the page must not nest named functions (tsx adds `__name` calls).
  while (
    !(await locator.evaluate((element) => element.getBoundingClientRect().top >= 0 && element.getBoundingClientRect().top < innerHeight))
  ) {
    if (Date.now() - started > timeout) throw new Error("not scrolled into view");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const VIEWERS: Viewer[] = [
  {
    name: "static + Scalar console (the site's reference/)",
    path: `${REFERENCE_DIR}/`,
    firstOperation: (page, first) => heading(page, first.summary).waitFor({ state: "visible", timeout: 600_000 }),
    async nextOperation(page, next) {
      await page.getByRole("link", { name: next.summary }).first().click();
      await inViewport(heading(page, next.summary), 120_000);
    },
    async tryIt(page) {
      await page
        .getByRole("button", { name: /Test Request/ })
        .first()
        .click();
      await page.getByRole("dialog").waitFor({ state: "visible", timeout: 300_000 });
    },
  },
  {
    name: "Scalar 1.76.0 alone (the reference before)",
    path: "scalar-alone/",
    firstOperation: (page, first) => heading(page, first.summary).waitFor({ state: "visible", timeout: 600_000 }),
    async nextOperation(page, next) {
      // The sidebar's link also names the method ("… PUT").
      await page.getByRole("link", { name: next.summary }).first().click();
      await heading(page, next.summary).waitFor({ state: "visible", timeout: 120_000 });
    },
  },
  {
    name: "Redoc 3.0.1 (redocly build-docs)",
    path: "",
    // Redoc 3 opens on an overview with the tags; a tag is a route from the host's root (`/actions`),
    // served here as its host must (index.html for every path: see spaServer).
    async firstOperation(page, first) {
      await page.getByRole("link", { name: first.tag, exact: true }).first().click({ timeout: 300_000 });
      await page.getByText(first.summary, { exact: true }).first().click({ timeout: 120_000 });
      await heading(page, first.summary).waitFor({ state: "visible", timeout: 120_000 });
    },
    async nextOperation(page, next) {
      await page.getByText(next.summary, { exact: true }).first().click();
      await heading(page, next.summary).waitFor({ state: "visible", timeout: 120_000 });
    },
  },
];

/** The first operation of the first tag, and the second one (what a reader opens next). */
function firstOperations(document: OpenApiDocument): { first: { summary: string; tag: string }; next: { summary: string; tag: string } } {
  const tag: string = document.tags?.[0]?.name;
  const ops: { summary: string; tag: string }[] = [];
  for (const item of Object.values<Record<string, { tags?: string[]; summary?: string }>>(document.paths)) {
    for (const op of Object.values(item)) if (op?.tags?.[0] === tag && op.summary) ops.push({ summary: op.summary, tag });
  }
  return { first: ops[0]!, next: ops[1]! };
}

async function measureViewer(
  browser: Browser,
  siteUrl: string,
  viewer: Viewer,
  runs: number,
  ops: ReturnType<typeof firstOperations>,
): Promise<ViewerFigures> {
  const firstMs: number[] = [];
  const blocking: number[] = [];
  const blockingBefore: number[] = [];
  const nextMs: number[] = [];
  const tryItMs: number[] = [];
  let jsHeapMb = 0;
  let domNodes = 0;
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(BLOCKING_OBSERVER);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${siteUrl}/${viewer.path}`, { waitUntil: "commit" });
    await viewer.firstOperation(page, ops.first);
    const first = Date.now() - started;
    firstMs.push(first);
    await page.waitForTimeout(10_000);
    blockingBefore.push(
      await page.evaluate(
        (until) =>
          (window as unknown as { __blocking: [number, number][] }).__blocking
            .filter(([start]) => start < until)
            .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
        first,
      ),
    );
    blocking.push(
      await page.evaluate((from) => {
        const tasks = (window as unknown as { __blocking: [number, number][] }).__blocking;
        return tasks
          .filter(([start]) => start >= from && start < from + 10_000)
          .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
      }, first),
    );
    const clicked = Date.now();
    if (viewer.nextOperation) {
      await viewer.nextOperation(page, ops.next);
      nextMs.push(Date.now() - clicked);
    }
    if (viewer.tryIt) {
      const asked = Date.now();
      await viewer.tryIt(page);
      tryItMs.push(Date.now() - asked);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    jsHeapMb = Math.round((metrics.JSHeapUsedSize ?? 0) / 1e6);
    domNodes = metrics.Nodes ?? 0;
    log(
      `  ${viewer.name}, run ${run}: first operation ${first} ms (blocking before it ${round(blockingBefore.at(-1)!)} ms), blocking ${round(blocking.at(-1)!)} ms, next operation ${nextMs.at(-1) ?? "n/a"} ms, console ${tryItMs.at(-1) ?? "n/a"} ms`,
    );
    await context.close();
  }
  return {
    viewer: viewer.name,
    firstOperationMs: firstMs,
    medianFirstOperationMs: round(median(firstMs)),
    blockingMs: round(median(blocking)),
    blockingBeforeMs: round(median(blockingBefore)),
    nextOperationMs: nextMs.length ? round(median(nextMs)) : null,
    tryItMs: tryItMs.length ? round(median(tryItMs)) : null,
    jsHeapMb,
    domNodes,
  };
}

/**
 * `reuseSite`: measure the readers' side on the site the last run built (its build figures are kept
 * beside it), without building it again. `referenceOnly`: write GitHub's reference alone (as the
 * site's build does, without the markdown pages) and measure the readers' side; no build figures.
 */
export async function benchSite(options: { runs: number; reuseSite?: boolean; referenceOnly?: boolean }): Promise<SiteBenchResult> {
  const spec = githubSpec(log);
  const figures = path.join(SITE_DIR, "build-figures.json");
  // Loaded once: the compared viewers and the operations the readers open come from it.
  const loaded = await loadSpec(spec);
  let build: BuildFigures | undefined;
  if (options.referenceOnly) {
    rmSync(SITE_DIR, { recursive: true, force: true });
    writeReference(SITE_DIR, loaded.document, buildIr(loaded).title, scalarBundle(log));
    await addComparedViewers(SITE_DIR, spec, loaded.document);
  } else if (options.reuseSite && existsSync(figures)) {
    build = JSON.parse(readFileSync(figures, "utf8")) as BuildFigures;
    log(`reusing the site built before (${round(build.wallMs / 1000, 1)} s wall)`);
  } else {
    build = await buildGithubSite(spec, loaded.document);
    writeFileSync(figures, JSON.stringify(build));
  }
  const smallDocument = await buildSmallReference();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  try {
    const github = await measureReferences(browser, SITE_DIR, loaded.document, options.runs);
    log(`== the same on ${path.relative(REPO_ROOT, SMALL_SPEC)}`);
    const small = await measureReferences(browser, SMALL_SITE_DIR, smallDocument, options.runs);
    return {
      spec: "GitHub REST API",
      operations: countOperations(spec),
      ...(build ? { build } : {}),
      viewers: github,
      small: { spec: path.relative(REPO_ROOT, SMALL_SPEC), operations: operationCount(smallDocument), viewers: small },
    };
  } finally {
    await browser.close();
    if (existsSync(SITE_DIR))
      log(
        `the site is in ${path.relative(REPO_ROOT, SITE_DIR)}/ (serve it: tsx scripts/cli.ts serve --dir ${path.relative(REPO_ROOT, SITE_DIR)})`,
      );
  }
}

/** Each viewer of a site folder (its reference, Scalar alone, Redoc), `runs` fresh contexts each. */
async function measureReferences(browser: Browser, siteDir: string, document: OpenApiDocument, runs: number): Promise<ViewerFigures[]> {
  const ops = firstOperations(document);
  const { server, url } = await serveSite(siteDir);
  const spa = await spaServer(path.join(siteDir, "redoc", "index.html"));
  try {
    const viewers: ViewerFigures[] = [];
    for (const viewer of VIEWERS) {
      try {
        viewers.push(await measureViewer(browser, viewer.path === "" ? spa.url : url, viewer, runs, ops));
      } catch (error) {
        // A viewer whose page did not get there is reported as such, not as a figure.
        log(`  ${viewer.name}: not measured: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    return viewers;
  } finally {
    server.closeAllConnections();
    server.close();
    spa.server.closeAllConnections();
    spa.server.close();
  }
}

const viewersTable = (viewers: ViewerFigures[]) =>
  table([
    [
      "reference",
      "first operation (median)",
      "runs",
      "blocking before it",
      "blocking in the next 10 s",
      "next operation",
      "try-it console",
      "JS heap",
      "DOM nodes",
    ],
    ...viewers.map((v) => [
      v.viewer,
      `${(v.medianFirstOperationMs / 1000).toFixed(1)} s`,
      v.firstOperationMs.map((ms) => (ms / 1000).toFixed(1)).join(" · "),
      v.blockingBeforeMs === undefined ? "n/a" : `${v.blockingBeforeMs} ms`,
      `${v.blockingMs} ms`,
      v.nextOperationMs === null ? "n/a" : `${v.nextOperationMs} ms`,
      v.tryItMs == null ? "n/a" : `${v.tryItMs} ms`,
      `${v.jsHeapMb} MB`,
      v.domNodes,
    ]),
  ]);

export function siteTable(result: SiteBenchResult): string {
  const b = result.build;
  const build = b
    ? table([
        ["spec", "operations", "pages", "wall", "CPU (all processes)", "peak memory", "site"],
        [
          result.spec,
          result.operations,
          b.pages,
          `${(b.wallMs / 1000).toFixed(1)} s`,
          `${(b.cpuMs / 1000).toFixed(1)} s`,
          `${b.maxRssMb} MB`,
          `${b.siteMb} MB`,
        ],
      ])
    : "(reference only: the site was not built)";
  const small = result.small
    ? `\n\n${result.small.spec} (${result.small.operations} operations)\n${viewersTable(result.small.viewers)}`
    : "";
  return `${build}\n\n${result.spec} (${result.operations} operations)\n${viewersTable(result.viewers)}${small}\n`;
}
