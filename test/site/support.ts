/**
 * What the site's browser tests share: a built site served on 127.0.0.1, Debian's Chromium
 * (through playwright-core), a recorder of every request a browser context makes, and a page
 * opener that collects what went wrong on the page.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { REPO_ROOT } from "../../scripts/options.js";
import { serveSite } from "../../scripts/site/serve.js";
import { launchChromium } from "../support/browser.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";

export const ARTIFACTS = path.join(REPO_ROOT, "test-artifacts", "site");
export const REPO_SPEC = path.join(REPO_ROOT, "spec", "openapi.yaml");

/** The one place the site's tests launch the browser (test/support/browser.ts: `CHROMIUM=`, or found on PATH). */
export const launchBrowser = launchChromium;

export interface ServedSite {
  dir: string;
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Builds the site of a spec with the command a user runs (`cli.ts site`, in its own process: as
 * `make site` does, and away from this test process's modules) and serves it on 127.0.0.1.
 */
export async function buildAndServe(options: { specPath: string; outDir?: string; args?: string[] }): Promise<ServedSite> {
  const dir = options.outDir ?? path.join(tempDir("site"), "site");
  const result = await runCli(["site", "--spec", options.specPath, "--out", dir, ...(options.args ?? [])], { process: true });
  if (result.status !== 0) throw new Error(`cli.ts site exited ${result.status}:\n${result.stderr}${result.stdout}`);
  return serve(dir);
}

export async function serve(dir: string): Promise<ServedSite> {
  const { server, url } = await serveSite(dir);
  return {
    dir,
    url,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Every request of a context; `foreign()` lists the ones to another origin than the site's.
 * Chromium reports a request the page's Content-Security-Policy refused too (it never left the
 * browser): `blockedByPolicy` lists those.
 */
export function recordRequests(context: BrowserContext, siteUrl: string) {
  const requests: string[] = [];
  const blockedByPolicy: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("requestfailed", (request) => {
    if (/^(csp|net::ERR_BLOCKED_BY_CSP)$/.test(request.failure()?.errorText ?? "")) blockedByPolicy.push(request.url());
  });
  const origin = new URL(siteUrl).origin;
  return {
    requests,
    blockedByPolicy,
    foreign: (allowed: string[] = []) =>
      requests.filter((url) => {
        if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return false;
        const target = new URL(url).origin;
        return target !== origin && !allowed.includes(target);
      }),
  };
}

/** Problems of one page: console errors, uncaught errors, failed requests, HTTP errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Aborted: the page moved on (a prefetch cut short by a navigation), not a failure.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Opens the try-it console from a "Test Request" button and waits for its dialog: the first click
 * loads Scalar (seconds on a busy machine). A click that lands before the page's script has run
 * opens nothing: the click is tried again, up to four times, before the wait fails.
 */
export async function openTryIt(page: Page, which: "first" | "last" = "first"): Promise<void> {
  const button = page.getByRole("button", { name: /Test Request/ })[which]();
  const dialog = page.getByRole("dialog");
  for (let attempt = 1; ; attempt++) {
    await button.click();
    try {
      await dialog.waitFor({ timeout: 60_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/** The reference is static HTML: its first operation's "Test Request" button shows with the page. */
export async function waitForReference(page: Page, timeout = 120_000): Promise<void> {
  await page.getByRole("button", { name: /Test Request/ }).first().waitFor({ state: "visible", timeout });
}

/**
 * A VitePress page answers keys and clicks once Vue has hydrated it (its mounted hooks register the
 * search shortcut): Vue marks the app's container then. A key pressed earlier on a loaded machine is lost.
 */
export async function waitForHydration(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => "__vue_app__" in (document.querySelector("#app") ?? {}), undefined, { timeout });
}
