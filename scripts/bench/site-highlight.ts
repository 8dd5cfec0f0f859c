/**
 * The site's code highlighter against Shiki's dual-theme `codeToHtml` (as VitePress 1.6 calls it),
 * side by side in one process on the code blocks of GitHub's site pages: CPU time of each, and
 * whether their HTML (as the sanitizer leaves it on the page) is the same.
 *
 *   tsx scripts/bench/site-highlight.ts
 */
import sanitizeHtml from "sanitize-html";
import { createHighlighter } from "shiki";
import { packageName } from "../client/package.js";
import { renderDocs } from "../docs/render.js";
import { buildDocsView } from "../docs/view.js";
import { buildIr } from "../ir/build.js";
import { loadSpec } from "../load/load.js";
import { resolveOptions } from "../options.js";
import { codeThemes } from "../site/code-theme.js";
import { createSiteHighlighter, fenceLanguages } from "../site/highlight.js";
import { sitePages } from "../site/pages.js";
import { SANITIZE_OPTIONS } from "../site/untrusted-markdown.js";
import { githubSpec } from "./github-spec.js";

const specPath = githubSpec(console.log);
const options = resolveOptions({ specPath });
const ir = buildIr(await loadSpec(specPath, {}));
const name = packageName(ir, options);
const pages = sitePages(buildDocsView(ir, name), renderDocs(ir, options.templateDir, name));
const blocks = pages.flatMap((page) =>
  [...page.markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! })),
);
const languages = [...new Set(pages.flatMap((page) => fenceLanguages(page.markdown)))];
const themes = codeThemes();
const cpuSeconds = (run: () => unknown) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const site = await createSiteHighlighter(themes, languages);
let ours: string[] = [];
const oursSeconds = cpuSeconds(() => (ours = blocks.map((b) => site(b.code, b.lang, ""))));
const shiki = await createHighlighter({ themes: [themes.light, themes.dark], langs: languages });
let theirs: string[] = [];
const theirsSeconds = cpuSeconds(
  () =>
    (theirs = blocks.map((b) =>
      shiki
        .codeToHtml(b.code.trimEnd(), {
          lang: b.lang || "text",
          themes: { light: themes.light, dark: themes.dark },
          defaultColor: false,
          tokenizeTimeLimit: 0,
        })
        .replace(/^<pre class="([^"]*)"/, '<pre class="$1 vp-code"'),
    )),
);
const differing = ours.filter((html, i) => sanitizeHtml(html, SANITIZE_OPTIONS) !== sanitizeHtml(theirs[i]!, SANITIZE_OPTIONS)).length;
console.log(`${blocks.length} code blocks (${languages.join(", ")})`);
console.log(`  Shiki codeToHtml, two themes: ${theirsSeconds.toFixed(1)} s CPU`);
console.log(`  the site's highlighter:       ${oursSeconds.toFixed(1)} s CPU (the highlighter made first, its grammars loaded)`);
console.log(`  blocks whose HTML differs: ${differing}`);
