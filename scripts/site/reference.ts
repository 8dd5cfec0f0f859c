/**
 * The API reference with a try-it console: Scalar's standalone bundle (vendored, see
 * scalar-bundle.ts) over the bundled spec, in `reference/` of the site. Configured so that the
 * page asks no other host for anything: no web fonts, no telemetry, no AI agent, no link handing
 * the spec to scalar.com; "Send" goes from the browser straight to the chosen server (the spec's
 * servers, first one selected), never through a proxy.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OpenApiDocument } from "../load/load.js";
import { REFERENCE_CSP } from "./csp.js";
import { operationCount, REFERENCE_SPLIT_OPERATIONS, splitByTag } from "./reference-split.js";
import { SCALAR_NOTICE } from "./scalar-bundle.js";

export const REFERENCE_DIR = "reference";
export const SCALAR_FILE = "scalar.standalone.js";
export const SPEC_FILE = "openapi.json";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Scalar's options (https://guides.scalar.com/scalar/scalar-api-references/configuration).
 * `proxyUrl` is left unset on purpose: set, every "Send" would go through that host.
 */
const SCALAR_CONFIG = {
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
const STYLE = `
:root { --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.light-mode.light-mode { --scalar-color-3: #696969; --scalar-color-green: #006e45; --scalar-color-yellow: #7d5c00;
        --scalar-color-orange: #a34100; --scalar-color-red: #b80000; --scalar-color-blue: #0b63c6; }
.dark-mode.dark-mode { --scalar-color-3: #9b9b9b; --scalar-color-red: #ff5c5c; }
.back-to-docs { position: fixed; right: 12px; bottom: 12px; z-index: 1000; padding: 6px 10px; border-radius: 6px;
        font: 14px system-ui, sans-serif; background: #fff; color: #0b63c6; border: 1px solid #c2c2c4; }
.dark-mode .back-to-docs { background: #1b1b1f; color: #a8b1ff; border-color: #3c3f44; }
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
var ariaPending = false;
new MutationObserver(function () {
  if (ariaPending) return;
  ariaPending = true;
  requestAnimationFrame(function () { ariaPending = false; fixAria(document.body); });
}).observe(document.body, { childList: true, subtree: true });
`;

/** One document (`url`), or one per tag that Scalar's document picker switches between (`sources`). */
type ReferenceSources = { url: string } | { sources: { title: string; slug: string; url: string; default?: boolean }[] };

export function referencePage(title: string, sources: ReferenceSources = { url: `./${SPEC_FILE}` }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REFERENCE_CSP}">
<title>API reference · ${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<div id="app"></div>
<a class="back-to-docs" href="../">← Back to the docs</a>
<script>${ARIA_FIXES}</script>
<script src="./${SCALAR_FILE}"></script>
<script>
// The docs' theme choice (VitePress keeps it in localStorage) is the reference's first theme too.
var appearance = localStorage.getItem("vitepress-theme-appearance") || "auto";
var dark = appearance === "dark" || (appearance === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
Scalar.createApiReference("#app", Object.assign(${JSON.stringify({ ...SCALAR_CONFIG, ...sources })}, { darkMode: dark }));
</script>
</body>
</html>
`;
}

/**
 * Writes `reference/` into the site: the page, Scalar's bundle and the bundled spec as JSON; above
 * REFERENCE_SPLIT_OPERATIONS operations, also one document per tag (`tags/<slug>.json`), which the
 * page loads one at a time (Scalar's document picker, `?api=<slug>`), the first tag's first.
 */
export function writeReference(outDir: string, document: OpenApiDocument, title: string, scalarBundle: string): void {
  const dir = path.join(outDir, REFERENCE_DIR);
  mkdirSync(dir, { recursive: true });
  let sources: ReferenceSources = { url: `./${SPEC_FILE}` };
  if (operationCount(document) > REFERENCE_SPLIT_OPERATIONS) {
    mkdirSync(path.join(dir, "tags"), { recursive: true });
    const tags = splitByTag(document);
    for (const tag of tags) writeFileSync(path.join(dir, "tags", `${tag.slug}.json`), JSON.stringify(tag.document));
    sources = {
      sources: tags.map((tag, i) => ({
        title: `${tag.tag} (${tag.operations})`,
        slug: tag.slug,
        url: `./tags/${tag.slug}.json`,
        ...(i === 0 ? { default: true } : {}),
      })),
    };
  }
  writeFileSync(path.join(dir, "index.html"), referencePage(title, sources));
  writeFileSync(path.join(dir, SCALAR_FILE), SCALAR_NOTICE + readFileSync(scalarBundle, "utf8"));
  writeFileSync(path.join(dir, SPEC_FILE), `${JSON.stringify(document, null, 2)}\n`);
}
