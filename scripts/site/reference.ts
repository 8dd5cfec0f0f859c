/**
 * The API reference, in `reference/` of the site: static HTML of the spec (reference-static.ts),
 * readable before any script runs, with a try-it console per operation: Scalar's standalone bundle
 * (vendored, see scalar-bundle.ts), loaded when the reader asks for it (reference-try-it.ts).
 * Configured so that the page asks no other host for anything: no web fonts, no telemetry, no AI
 * agent, no link handing the spec to scalar.com; "Send" goes from the browser straight to the
 * chosen server (the spec's servers, first one selected), never through a proxy.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OpenApiDocument } from "../load/load.js";
import { REFERENCE_CSP } from "./csp.js";
import { operationCount, REFERENCE_SPLIT_OPERATIONS, splitByTag } from "./reference-split.js";
import { SCALAR_NOTICE } from "./scalar-bundle.js";
import { REFERENCE_STYLE } from "./reference-style.js";
import { escapeHtml, staticReference, type StaticSections } from "./reference-static.js";
import { TRY_IT_SCRIPT } from "./reference-try-it.js";

export const REFERENCE_DIR = "reference";
export const SCALAR_FILE = "scalar.standalone.js";
export const SPEC_FILE = "openapi.json";


/**
 * Scalar's options (https://guides.scalar.com/scalar/scalar-api-references/configuration).
 * `proxyUrl` is left unset on purpose: set, every "Send" would go through that host.
 */
export const SCALAR_CONFIG = {
  withDefaultFonts: false, // else @font-face from fonts.scalar.com
  telemetry: false,
  showDeveloperTools: "never",
  agent: { disabled: true }, // the "Ask AI" agent talks to *.scalar.com
  mcp: { disabled: true },
  hideClientButton: true, // "Open API Client" links to client.scalar.com?url=<the spec's URL>
  documentDownloadType: "json",
  defaultOpenFirstTag: true,
  persistAuth: false,
};

/**
 * Styles over Scalar's themes for WCAG AA contrast (axe `color-contrast`): in light mode its muted
 * text (#8e8e8e, 3.2:1) and HTTP-method colours (yellow #f6bc00 1.7:1, green #00935d 3.9:1, red
 * #ff0000 4.0:1) are too light on white; in dark mode the muted text (#797979, 4.0:1) and red
 * (#f00000, 3.9:1) too dark on #1a1a1a. The doubled class outranks Scalar's own rule.
 */
const SCALAR_STYLE = `
:root { --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.light-mode.light-mode { --scalar-color-3: #696969; --scalar-color-green: #006e45; --scalar-color-yellow: #7d5c00;
        --scalar-color-orange: #a34100; --scalar-color-red: #b80000; --scalar-color-blue: #0b63c6; }
.dark-mode.dark-mode { --scalar-color-3: #9b9b9b; --scalar-color-red: #ff5c5c; }
`;

/**
 * Scalar 1.76.0's own ARIA mistakes, corrected in the page as it renders (axe-core: critical and
 * serious), until fixed upstream:
 * - its one-line editors are `role=combobox` without `aria-expanded` (required by ARIA 1.2); their
 *   list only opens over environment variables, which a standalone reference has none of: "false";
 * - the try-it console's popover buttons (headless-ui) carry `role=none` and an `aria-label`: a
 *   focusable button cannot be presentational, so browsers keep it a button; the role goes;
 * - CodeMirror's body editor has no name, and its scroller is a scrollable region that the
 *   keyboard cannot reach (`tabindex=-1`): a name and a tab stop.
 */
const ARIA_FIXES = `
function fixAria(root) {
  root.querySelectorAll('[role="combobox"]:not([aria-expanded])').forEach(function (e) { e.setAttribute("aria-expanded", "false"); });
  root.querySelectorAll('button[role="none"]').forEach(function (e) { e.removeAttribute("role"); });
  root.querySelectorAll(".cm-content[role=textbox]:not([aria-label]):not([aria-labelledby])").forEach(function (e) {
    var language = e.getAttribute("data-language");
    e.setAttribute("aria-label", "Code editor" + (language ? " (" + language + ")" : ""));
  });
  root.querySelectorAll('.cm-scroller[tabindex="-1"]').forEach(function (e) { e.setAttribute("tabindex", "0"); });
}
// Started with the console (reference-try-it.ts): the static page needs none of it.
function startAriaFixes() {
  var ariaPending = false;
  new MutationObserver(function () {
    if (ariaPending) return;
    ariaPending = true;
    requestAnimationFrame(function () { ariaPending = false; fixAria(document.body); });
  }).observe(document.body, { childList: true, subtree: true });
}
`;

/** JSON inside a `<script>`: a `</script>` in spec text (a tag's name) must not end it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The reader's theme before the first paint: the docs' choice (VitePress keeps it in localStorage),
 * else the system's; the toggle in the header changes both.
 */
const THEME_SCRIPT = `
var appearance = localStorage.getItem("vitepress-theme-appearance") || "auto";
var dark = appearance === "dark" || (appearance === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
document.body.classList.add(dark ? "dark-mode" : "light-mode");
`;

/** On a phone the contents start folded, above the operations. */
const NAV_SCRIPT = `if (matchMedia("(max-width: 800px)").matches) document.getElementById("contents").open = false;`;

/**
 * One page of the reference: static HTML of one document (the whole spec, or one tag's), the
 * document it came from (`documentUrl`, fetched only for the try-it console), and for a split
 * spec the list of every tag's page.
 */
export function referencePage(title: string, document: OpenApiDocument, options: { up: string; documentUrl: string; sections?: StaticSections }): string {
  const { up } = options;
  const { nav, main } = staticReference(document, options.sections);
  const settings = { scalar: `${up}${SCALAR_FILE}`, document: options.documentUrl, config: SCALAR_CONFIG };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REFERENCE_CSP}">
<title>API reference · ${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${REFERENCE_STYLE}${SCALAR_STYLE}</style>
</head>
<body>
<script>${THEME_SCRIPT}</script>
<a class="skip-link" href="#main">Skip to the operations</a>
<header class="top"><a href="${up}../">← Back to the docs</a><span class="site-title">${escapeHtml(title)} · API reference</span><a href="${up}${SPEC_FILE}">${SPEC_FILE}</a><button type="button" class="theme-toggle">Switch theme</button></header>
<div class="layout">
<nav class="sidebar" aria-label="API reference contents"><details id="contents" open><summary>Contents</summary>${nav}</details></nav>
<script>${NAV_SCRIPT}</script>
<main id="main">
${main}
</main>
</div>
<div id="try-it-status" class="visually-hidden" role="status" aria-live="polite"></div>
<div id="try-it-host"></div>
<script type="application/json" id="reference-settings">${scriptJson(settings)}</script>
<script>${TRY_IT_SCRIPT}${ARIA_FIXES}</script>
</body>
</html>
`;
}

/**
 * Writes `reference/` into the site: the page, Scalar's bundle and the bundled spec as JSON; above
 * REFERENCE_SPLIT_OPERATIONS operations, a page per tag instead (`<slug>/`, listed on every page;
 * `reference/` itself is the first tag's) and the tag's document for its consoles (`tags/<slug>.json`).
 */
export function writeReference(outDir: string, document: OpenApiDocument, title: string, scalarBundle: string): void {
  const dir = path.join(outDir, REFERENCE_DIR);
  mkdirSync(dir, { recursive: true });
  if (operationCount(document) > REFERENCE_SPLIT_OPERATIONS) {
    mkdirSync(path.join(dir, "tags"), { recursive: true });
    const tags = splitByTag(document);
    const pages = tags.map((tag) => ({ title: `${tag.tag} (${tag.operations})`, slug: tag.slug }));
    for (const [i, tag] of tags.entries()) {
      writeFileSync(path.join(dir, "tags", `${tag.slug}.json`), JSON.stringify(tag.document));
      // `reference/` itself is the first tag's page (no redirect on the way to the first operation).
      const up = i === 0 ? "./" : "../";
      const page = referencePage(title, tag.document, { up, documentUrl: `${up}tags/${tag.slug}.json`, sections: { pages, current: tag.slug, up } });
      mkdirSync(path.join(dir, i === 0 ? "" : tag.slug), { recursive: true });
      writeFileSync(path.join(dir, i === 0 ? "" : tag.slug, "index.html"), page);
    }
  } else writeFileSync(path.join(dir, "index.html"), referencePage(title, document, { up: "./", documentUrl: `./${SPEC_FILE}` }));
  writeFileSync(path.join(dir, SCALAR_FILE), SCALAR_NOTICE + readFileSync(scalarBundle, "utf8"));
  writeFileSync(path.join(dir, SPEC_FILE), `${JSON.stringify(document, null, 2)}\n`);
}
