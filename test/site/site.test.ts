/**
 * The docs site in a real headless Chromium (Debian's, driven by playwright-core): the index
 * loads with no console errors, every operation is in the reference, every link between pages
 * works (target page exists, `#anchor` exists in it), and a screenshot of the index is kept.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/site/build.js";
import { buildIr } from "../../scripts/ir/build.js";
import { loadSpec } from "../../scripts/load/load.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { serveSite } from "../../scripts/site/serve.js";
import { launchChromium } from "../support/browser.js";
import { tempDir } from "../support/temp.js";

const ARTIFACTS = path.join(REPO_ROOT, "test-artifacts");
const SPEC = path.join(REPO_ROOT, "spec", "openapi.yaml");
const ir = buildIr(await loadSpec(SPEC));

let browser: Browser;
let server: Server;
let baseUrl: string;
let siteDir: string;

/** Opens a page and records what went wrong on it: console errors, page errors, failed requests. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || response.status() !== 200) problems.push(`HTTP ${response?.status()}: ${url}`);
  return { page, problems };
}

beforeAll(async () => {
  // First, so that a missing browser fails the file at once (test/support/browser.ts says what to run).
  browser = await launchChromium();
  siteDir = path.join(tempDir("site"), "site");
  buildSite({ docsDir: path.join(REPO_ROOT, "generated", "docs"), specPath: SPEC, outDir: siteDir });
  ({ server, url: baseUrl } = await serveSite(siteDir));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  // Only a server that started has a close callback to wait for.
  if (server) await new Promise((resolve) => server.close(resolve));
});

describe("the docs site", () => {
  it("is self-contained: no page loads anything from another host", () => {
    const reference = readFileSync(path.join(siteDir, "reference", "index.html"), "utf8");
    expect(reference).not.toMatch(/<script[^>]+src="https?:/);
    expect(reference).not.toMatch(/<link[^>]+href="https?:/);
    expect(reference).not.toMatch(/cdn\.redoc/);
  });

  it("opens the index with no console errors, and keeps a screenshot", async () => {
    const { page, problems } = await open(`${baseUrl}/`);
    expect(await page.locator("main h1").first().textContent()).toBeTruthy();
    expect(await page.locator("nav a").count()).toBeGreaterThan(3);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "site-index.png"), fullPage: true });
    expect(existsSync(path.join(ARTIFACTS, "site-index.png"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows every operation of the spec in the API reference, with no console errors", async () => {
    const { page, problems } = await open(`${baseUrl}/reference/index.html`);
    await page.waitForSelector("h2", { timeout: 30_000 });
    // Redoc renders operations as they scroll into view: walk to the bottom first.
    for (let i = 0; i < 40; i++) {
      const atBottom = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight);
        return window.innerHeight + window.scrollY >= document.body.scrollHeight - 2;
      });
      await page.waitForTimeout(100);
      if (atBottom) break;
    }
    const text = ((await page.locator("body").textContent()) ?? "").replace(/\s+/g, " ");
    for (const operation of ir.operations) {
      expect(text, operation.operationId).toContain(operation.summary ?? operation.operationId);
      expect(text).toContain(operation.path);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("every link between pages works, anchors included", async () => {
    const queue = [`${baseUrl}/`];
    const visited = new Set<string>();
    const broken: string[] = [];
    const anchorsByPage = new Map<string, Set<string>>();
    const pendingAnchors: { from: string; page: string; anchor: string }[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const { page, problems } = await open(url);
      broken.push(...problems.map((p) => `${url}: ${p}`));
      anchorsByPage.set(url, new Set(await page.$$eval("[id], a[name]", (els) => els.map((e) => e.id || e.getAttribute("name") || ""))));
      const hrefs = await page.$$eval("a[href]", (els) => els.map((e) => (e as HTMLAnchorElement).href));
      await page.close();
      if (url.includes("/reference/")) continue; // Redoc's own in-page links are its business.
      for (const href of hrefs) {
        const target = new URL(href);
        if (target.origin !== baseUrl) continue;
        const pageUrl = `${target.origin}${target.pathname}`;
        if (target.hash.length > 1) pendingAnchors.push({ from: url, page: pageUrl, anchor: decodeURIComponent(target.hash.slice(1)) });
        if (!visited.has(pageUrl)) queue.push(pageUrl);
      }
    }
    for (const { from, page, anchor } of pendingAnchors) {
      if (page.includes("/reference/")) continue;
      if (!anchorsByPage.get(page)?.has(anchor)) broken.push(`${from}: #${anchor} not found in ${page}`);
    }
    expect(broken).toEqual([]);
    // The crawl reached every page: one per API class, one per model, the index, the reference.
    expect(visited.size).toBeGreaterThanOrEqual(ir.apis.length + ir.models.length + 2);
  }, 180_000);
});
