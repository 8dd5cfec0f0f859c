/**
 * The API reference's try-it console sends a real request from the browser to a real Prism mock
 * of the spec and shows its answer. The reference is written by the site's own code
 * (`writeReference`) over the bundled spec, with the mock as the spec's first server: the server
 * picker must default to it. The reference is static HTML: the console (Scalar) is loaded only
 * when the reader asks for it, from the operation's "Test Request" button.
 */
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIr } from "../../scripts/ir/build.js";
import { loadSpec } from "../../scripts/load/load.js";
import { writeReference } from "../../scripts/site/reference.js";
import { scalarBundle } from "../../scripts/site/scalar-bundle.js";
import { startPrism, type PrismServer } from "../support/prism.js";
import { tempDir } from "../support/temp.js";
import { launchBrowser, recordRequests, REPO_SPEC, screenshot, serve, waitForReference, watchProblems, type ServedSite } from "./support.js";

let prism: PrismServer;
let site: ServedSite;
let browser: Browser;
const spec = await loadSpec(REPO_SPEC);
const ir = buildIr(spec);
const listing = ir.operations.find((op) => op.operationId === "listCredentials")!;

beforeAll(async () => {
  prism = await startPrism(REPO_SPEC);
  const document = { ...spec.document, servers: [{ url: prism.url, description: "Prism mock of the spec" }, ...(spec.document.servers ?? [])] };
  const dir = path.join(tempDir("try-it"), "site");
  writeReference(dir, document, ir.title, scalarBundle());
  site = await serve(dir);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await prism?.stop();
});

/** The status line Scalar shows for the last response, e.g. `200 OK`; waits for a new one. */
async function responseStatus(dialog: Locator, previous?: string): Promise<string> {
  let status = "";
  await expect
    .poll(
      async () => {
        const text = await dialog.innerText();
        status = /\b([1-5]\d\d)\s+([A-Z][A-Za-z ]{1,30})\n/.exec(text)?.slice(1, 3).join(" ").trim() ?? "";
        return status !== "" && status !== previous;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return status;
}

/** The API key's "Value" field of the console's authentication section (an editor without a label element). */
async function typeApiKey(page: Page, dialog: Locator, key: string): Promise<void> {
  const box = (await dialog.getByText("Value:", { exact: false }).first().boundingBox())!;
  await page.mouse.click(box.x + box.width + 40, box.y + box.height / 2);
  await page.keyboard.press("Control+a");
  await page.keyboard.type(key);
}

describe("the try-it console", () => {
  it("sends a request from the browser to the Prism mock and shows its answer", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const recorder = recordRequests(context, site.url);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}/reference/`, { waitUntil: "load" });
    await waitForReference(page);
    // The page lists the spec's first server as the default.
    expect(await page.locator(".servers li").first().innerText()).toMatch(new RegExp(`^${prism.url.replace(/[.]/g, "\\.")} default`));
    const loadsConsole = () => recorder.requests.some((url) => url.endsWith("/scalar.standalone.js"));
    expect(loadsConsole()).toBe(false);

    // The sidebar's link takes the reader to the operation, whose button opens the console.
    await page.getByRole("link", { name: listing.summary! }).first().click();
    const operation = page.locator(`section[id="GET${listing.path}"]`);
    await expect.poll(() => operation.evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBeLessThan(200);
    await operation.getByRole("button", { name: /Test Request/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 120_000 });
    expect(loadsConsole()).toBe(true);
    const send = dialog.getByRole("button", { name: /Send get request to/ }).first();
    expect(await send.textContent()).toContain(`${prism.url}${listing.path}`);

    await typeApiKey(page, dialog, "test-key-123");
    await send.click();
    expect(await responseStatus(dialog)).toBe("200 OK");
    // The answer is Prism's example listing (the spec's example), shown in the console.
    expect(await dialog.innerText()).toContain("pagination_metadata");
    await screenshot(page, "reference-try-it");

    // The request went from the browser straight to Prism, with the key, to the right path.
    const sent = recorder.requests.filter((url) => url.startsWith(prism.url));
    expect(sent.length).toBeGreaterThan(0);
    expect(new URL(sent.at(-1)!).pathname).toMatch(/^\/v2\/credentials\/[^/]+$/);
    expect(prism.logs()).toMatch(/Request received/);
    // Nothing else left the page: only the site and the server the reader chose.
    expect(recorder.foreign([new URL(prism.url).origin])).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
