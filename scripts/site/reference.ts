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
.api-sections { position: fixed; right: 12px; bottom: 52px; z-index: 1000; max-width: min(320px, 90vw);
        font: 14px system-ui, sans-serif; background: #fff; color: #1b1b1f; border: 1px solid #c2c2c4; border-radius: 6px; }
.api-sections summary { padding: 6px 10px; cursor: pointer; }
.api-sections ul { margin: 0; padding: 4px 10px 8px 24px; max-height: 60vh; overflow-y: auto; }
.api-sections a { color: #0b63c6; display: inline-block; min-height: 24px; line-height: 24px; }
.api-sections a[aria-current] { font-weight: bold; }
.dark-mode .api-sections { background: #1b1b1f; color: #dfdfd6; border-color: #3c3f44; }
.dark-mode .api-sections a { color: #a8b1ff; }
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

/**
 * One document (`url`), or one per tag (`sections`, the page's own `current`): each page loads one
 * document and links to the others' pages. Not Scalar's own document picker (`sources`): once its
 * first document is shown, Scalar loads every other one in the background (GitHub's spec: 47
 * documents, 13 MB to clone, validate and index), which kept the page busy for minutes after the
 * first operation appeared.
 */
type ReferenceSources = { url: string } | { sections: { title: string; slug: string }[]; current: string; folder: "reference" | "tag" };

/** JSON inside a `<script>`: a `</script>` in spec text (a tag's name) must not end it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** Links to the tag documents' pages (`reference/<slug>/`) from `up` (`./` or `../`), the current one marked. */
function sectionNav(sections: { title: string; slug: string }[], current: string, up: string): string {
  const links = sections.map(
    (s) => `<li><a href="${up}${encodeURIComponent(s.slug)}/"${s.slug === current ? ' aria-current="page"' : ""}>${escapeHtml(s.title)}</a></li>`,
  );
  return `<nav class="api-sections" aria-label="API sections"><details><summary>API sections (${sections.length})</summary><ul>${links.join("")}</ul></details></nav>`;
}

export function referencePage(title: string, sources: ReferenceSources = { url: `./${SPEC_FILE}` }): string {
  // A tag's page sits one folder down (`reference/<slug>/`): Scalar's bundle and the documents are up.
  const up = "sections" in sources && sources.folder === "tag" ? "../" : "./";
  const source = "sections" in sources ? { url: `${up}tags/${sources.current}.json`, slug: sources.current } : sources;
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
<a class="back-to-docs" href="${up}../">← Back to the docs</a>
${"sections" in sources ? `${sectionNav(sources.sections, sources.current, up)}\n` : ""}<script>${ARIA_FIXES}</script>
<script src="${up}${SCALAR_FILE}"></script>
<script>
// The docs' theme choice (VitePress keeps it in localStorage) is the reference's first theme too.
var appearance = localStorage.getItem("vitepress-theme-appearance") || "auto";
var dark = appearance === "dark" || (appearance === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
Scalar.createApiReference("#app", Object.assign(${scriptJson({ ...SCALAR_CONFIG, ...source })}, { darkMode: dark }));
</script>
</body>
</html>
`;
}

/**
 * Writes `reference/` into the site: the page, Scalar's bundle and the bundled spec as JSON; above
 * REFERENCE_SPLIT_OPERATIONS operations, also one document per tag (`tags/<slug>.json`) and a page
 * for each (`<slug>/`, listed on every page); `reference/` itself shows the first tag's.
 */
export function writeReference(outDir: string, document: OpenApiDocument, title: string, scalarBundle: string): void {
  const dir = path.join(outDir, REFERENCE_DIR);
  mkdirSync(dir, { recursive: true });
  if (operationCount(document) > REFERENCE_SPLIT_OPERATIONS) {
    mkdirSync(path.join(dir, "tags"), { recursive: true });
    const tags = splitByTag(document);
    const sections = tags.map((tag) => ({ title: `${tag.tag} (${tag.operations})`, slug: tag.slug }));
    for (const tag of tags) {
      writeFileSync(path.join(dir, "tags", `${tag.slug}.json`), JSON.stringify(tag.document));
      mkdirSync(path.join(dir, tag.slug), { recursive: true });
      writeFileSync(path.join(dir, tag.slug, "index.html"), referencePage(title, { sections, current: tag.slug, folder: "tag" }));
    }
    // `reference/` itself shows the first tag (no redirect on the way to the first operation).
    writeFileSync(path.join(dir, "index.html"), referencePage(title, { sections, current: tags[0]!.slug, folder: "reference" }));
  } else writeFileSync(path.join(dir, "index.html"), referencePage(title));
  writeFileSync(path.join(dir, SCALAR_FILE), SCALAR_NOTICE + readFileSync(scalarBundle, "utf8"));
  writeFileSync(path.join(dir, SPEC_FILE), `${JSON.stringify(document, null, 2)}\n`);

}
