/**
 * The API reference of a spec above REFERENCE_SPLIT_OPERATIONS operations in Chromium: one tag per
 * page (`reference/<slug>/`, the first tag's at `reference/`), static, and a list of the others; no
 * tag's document is fetched until the reader opens the try-it console, and then only that page's.
 */
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReference } from "../../scripts/site/reference.js";
import { REFERENCE_SPLIT_OPERATIONS } from "../../scripts/site/reference-split.js";
import { scalarBundle } from "../../scripts/site/scalar-bundle.js";
import { tempDir } from "../support/temp.js";
import { seriousViolations } from "./axe.js";
import { launchBrowser, recordRequests, serve, waitForReference, watchProblems, type ServedSite } from "./support.js";

const TAGS = ["pets", "stores", "users"];
const paths: Record<string, unknown> = {};
for (let i = 0; i <= REFERENCE_SPLIT_OPERATIONS; i++) {
  const tag = TAGS[i % TAGS.length]!;
  paths[`/${tag}/${i}`] = { get: { tags: [tag], operationId: `${tag}${i}`, summary: `Get ${tag} number ${i}`, responses: { "200": { description: "ok" } } } };
}

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  const dir = path.join(tempDir("reference-sections"), "site");
  writeReference(dir, { openapi: "3.0.3", info: { title: "Sections", version: "1" }, servers: [{ url: "http://127.0.0.1:9" }], paths }, "Sections", scalarBundle());
  site = await serve(dir);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the reference of a large spec, one tag per page", () => {
  it("shows the first tag at reference/ and another on its own page; the console fetches only that tag's document", async () => {
    const context = await browser.newContext();
    const requests = recordRequests(context, site.url);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}/reference/`);
    await waitForReference(page);
    await expect.poll(() => page.getByRole("heading", { name: "Get pets number 0", exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "API sections (3)" }).isVisible()).toBe(true);
    expect(await page.locator('.api-sections a[aria-current="page"]').textContent()).toBe("pets (101)");

    await page.getByRole("link", { name: "stores (100)" }).click();
    await waitForReference(page);
    await expect.poll(() => page.getByRole("heading", { name: "Get stores number 1", exact: true }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/reference/stores/");
    expect(await page.locator('.api-sections a[aria-current="page"]').textContent()).toBe("stores (100)");
    expect(await page.getByText("Get pets number 0", { exact: true }).count()).toBe(0);
    // Each page is its tag's HTML: nothing else is fetched, idle time included.
    await page.waitForTimeout(3_000);
    const tagDocuments = () => requests.requests.filter((url) => url.includes("/tags/")).map((url) => new URL(url).pathname.replace(/^.*\/tags\//, ""));
    expect(tagDocuments()).toEqual([]);
    expect(requests.requests.some((url) => url.endsWith("/scalar.standalone.js"))).toBe(false);

    // The console of an operation of this page: its tag's document, cut to the operation.
    await page.locator('section[id="GET/stores/4"]').getByRole("button", { name: /Test Request/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 120_000 });
    expect(await dialog.getByRole("button", { name: /Send get request to/ }).first().textContent()).toContain("http://127.0.0.1:9/stores/4");
    expect(tagDocuments()).toEqual(["stores.json"]);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it("the list of sections has no serious or critical axe violation, light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${site.url}/reference/users/`);
      await waitForReference(page);
      expect(await page.locator('.api-sections a[aria-current="page"]').textContent()).toBe("users (100)");
      expect(await seriousViolations(page), scheme).toEqual([]);
      await context.close();
    }
  }, 300_000);
});
