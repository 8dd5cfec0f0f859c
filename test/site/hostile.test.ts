/**
 * The site of a hostile spec (test/fixtures/site/hostile.yaml): its text tries to run code in
 * the reader's browser (scripts, event handlers, `javascript:` URLs, frames, Vue templates), on
 * the machine that builds the site (Vue interpolation and `<script setup>` evaluated while
 * VitePress renders the pages), and to copy a file of that machine into the site (`@include`,
 * `<<<`). Built for real, then opened in Chromium: nothing may run, anywhere, ever.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { tempDir } from "../support/temp.js";
import { buildAndServe, launchBrowser, openTryIt, recordRequests, screenshot, waitForHydration, waitForReference, type ServedSite } from "./support.js";

const work = tempDir("hostile-site");
const markerDir = path.join(work, "markers");
const secretFile = path.join(work, "secret.txt");
// One lower-case word: the local search index stores each page's words lower-cased, split at
// punctuation, so only a secret that is one word shows there whole.
const SECRET = `topsecret${process.pid}x${Date.now()}`;

let site: ServedSite;
let browser: Browser;
/** Another origin (another port) that spec text points images at: it counts what reaches it. */
let foreign: Server;
const foreignHits: string[] = [];

beforeAll(async () => {
  foreign = createServer((request, response) => {
    foreignHits.push(request.url ?? "");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
  const foreignUrl = `http://127.0.0.1:${(foreign.address() as { port: number }).port}`;
  mkdirSync(markerDir);
  writeFileSync(secretFile, `${SECRET}\n`);
  const spec = readFileSync(path.join(REPO_ROOT, "test", "fixtures", "site", "hostile.yaml"), "utf8")
    .replaceAll("__MARKER_DIR__", markerDir)
    .replaceAll("__SECRET_FILE__", secretFile)
    .replaceAll("__FOREIGN__", foreignUrl);
  writeFileSync(path.join(work, "hostile.yaml"), spec);
  site = await buildAndServe({ specPath: path.join(work, "hostile.yaml"), outDir: path.join(work, "site") });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  foreign?.close();
});

/** The globals a payload sets when it runs, and the dialogs it opens. */
async function traces(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window).filter((key) => key.startsWith("__pwned")));
}

const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());

describe("the site of a hostile spec", () => {
  it("ran nothing while it was built: no build-time payload wrote its marker", () => {
    expect(readdirSync(markerDir)).toEqual([]);
  });

  it("copied no file of the build machine into the site", () => {
    const leaks = filesOf(site.dir).filter((file) => readFileSync(file, "latin1").includes(SECRET));
    expect(leaks).toEqual([]);
  });

  it("keeps no executable markup in the pages: no script in the content, no handler, no javascript: URL, no frame", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The docs pages' content, and the static reference's (its contents and operations).
    for (const [pagePath, selector] of [
      ["", ".vp-doc"],
      ["apis/ThingsApi.html", ".vp-doc"],
      ["models/Thing.html", ".vp-doc"],
      ["reference/", "main, nav"],
    ] as const) {
      await page.goto(`${site.url}/${pagePath}`, { waitUntil: "load" });
      const found = await page.evaluate((selector) => {
        const content = document.querySelectorAll(selector);
        const bad = [...content].flatMap((c) => [...c.querySelectorAll("script, iframe, object, embed, svg, form, style, [srcdoc]")].map((e) => e.tagName));
        for (const element of [...content].flatMap((c) => [...c.querySelectorAll("*")])) {
          for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name) || /^(v-|:|@)/.test(attribute.name)) bad.push(`${element.tagName} ${attribute.name}`);
            if (/^\s*javascript:/i.test(attribute.value)) bad.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
          }
        }
        return bad;
      }, selector);
      expect(found, pagePath || "index").toEqual([]);
      // The page's text came through: the reference shows the hostile operation and its schema.
      if (pagePath === "reference/") expect(await page.locator("main").innerText()).toContain("things {{ 7*7 }}");
    }
    // The title's `">` did not end the description's tag, and with it the document's head: the
    // policy is still in force.
    expect(await page.evaluate(() => document.head.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null)).toBe(true);
    // Spec text is shown as text: the literal braces, not Vue's result.
    await page.goto(`${site.url}/`, { waitUntil: "load" });
    const text = await page.locator(".vp-doc").innerText();
    expect(text).toContain("Literal interpolation: {{ 1+1 }}");
    await page.goto(`${site.url}/reference/`, { waitUntil: "load" });
    expect(await page.locator("main").innerText()).toContain("Literal interpolation: {{ 1+1 }}");
    expect(await page.locator("body").isVisible()).toBe(true);
    await context.close();
  });

  it("runs nothing in Chromium: page loads, every link and button of the content, search, the reference", async () => {
    const context = await browser.newContext();
    const recorder = recordRequests(context, site.url);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const seen: string[] = [];
    for (const [pagePath, clickable] of [
      ["", ".vp-doc a, .vp-doc button, .vp-doc summary"],
      ["apis/ThingsApi.html", ".vp-doc a, .vp-doc button, .vp-doc summary"],
      ["models/Thing.html", ".vp-doc a, .vp-doc button, .vp-doc summary"],
      // The console's button is pressed below, once.
      ["reference/", "main a, main summary, nav a"],
    ] as const) {
      await page.goto(`${site.url}/${pagePath}`, { waitUntil: "load" });
      await page.waitForTimeout(1_000);
      seen.push(...(await traces(page)).map((t) => `${pagePath || "index"} load: ${t}`));
      // Back on this page (its path, whatever the #anchor) before each target: a click may have
      // taken the reader to another page of the site, where the n-th target is another element.
      const home = new URL(page.url()).pathname;
      const back = async () => {
        if (new URL(page.url()).pathname !== home) await page.goto(`${site.url}/${pagePath}`, { waitUntil: "load" });
      };
      const targets = page.locator(clickable);
      const count = await targets.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        await back();
        // A navigation a click started may land after the check above: then go back and look again.
        const origin = (e: Element) => (e instanceof HTMLAnchorElement && e.href ? new URL(e.href).origin : location.origin);
        const href = await targets
          .nth(i)
          .evaluate(origin, undefined, { timeout: 5_000 })
          .catch(async () => {
            await page.goto(`${site.url}/${pagePath}`, { waitUntil: "load" });
            return targets.nth(i).evaluate(origin);
          });
        // A link to another host takes the reader there when clicked: that is the reader's choice.
        if (href !== new URL(site.url).origin) continue;
        await targets
          .nth(i)
          .click({ timeout: 2_000, noWaitAfter: true, modifiers: [] })
          .catch(() => {});
      }
      await back();
      seen.push(...(await traces(page)).map((t) => `${pagePath || "index"} clicks: ${t}`));
    }
    // Search is the docs pages' (the reference was the last page clicked through).
    await page.goto(`${site.url}/`, { waitUntil: "load" });
    await waitForHydration(page);
    for (const query of ["zebrafinch", "onerror", "things"]) {
      await page.keyboard.press("Control+k");
      await page.locator(".VPLocalSearchBox input").fill(query);
      await page.waitForTimeout(1_000);
      await page.keyboard.press("Escape");
    }
    seen.push(...(await traces(page)).map((t) => `search: ${t}`));
    await screenshot(page, "hostile-index");

    await page.goto(`${site.url}/reference/`, { waitUntil: "load" });
    await waitForReference(page);
    await openTryIt(page);
    await page.waitForTimeout(1_000);
    seen.push(...(await traces(page)).map((t) => `reference: ${t}`));
    await screenshot(page, "hostile-reference");

    expect(seen).toEqual([]);
    expect(dialogs).toEqual([]);
    // The images spec text points at (another origin): links on the docs pages; in the reference
    // (Scalar renders the spec's markdown itself) refused by the page's policy. None reached it.
    expect(recorder.foreign().filter((url) => !recorder.blockedByPolicy.includes(url))).toEqual([]);
    expect(foreignHits).toEqual([]);
    await context.close();
  }, 300_000);
});
