/**
 * The VitePress configuration of a site: the settings decided by the build (title, sidebar, ...)
 * plus what every site gets: the hardening of untrusted text, GitHub's heading anchors, README.md
 * served as the folder index, local search, and the accessibility fixes of the default theme.
 * Loaded by VitePress through the `config.mts` that build.ts writes into the project root.
 */
import path from "node:path";
import type { DefaultTheme, MarkdownRenderer, UserConfig } from "vitepress";
import { githubSlug } from "../docs/links.js";
import { DOCS_CSP } from "./csp.js";
import { codeThemes } from "./code-theme.js";
import { createSiteHighlighter } from "./highlight.js";
import { searchIndexInPageOrder } from "./search-order.js";
import { disableIncludes, hardenMarkdown, safeGrayMatterOptions, searchHtml } from "./untrusted-markdown.js";

/** What the build decides for one site (plain data: it is written into the generated config). */
export interface SiteSettings {
  title: string;
  description: string;
  /** The URL path the site is served under, with slashes: `/` or `/my-repo/`. */
  base: string;
  srcDir: string;
  outDir: string;
  cacheDir: string;
  sidebar: DefaultTheme.Sidebar;
  /** Link of the API reference page, relative to the site root (`/reference/`). */
  referenceLink: string;
  /** The languages of the pages' code blocks (highlight.ts loads only these). */
  codeLanguages: string[];
  /** The pages' files relative to `srcDir`, in any order (the search index adds them in VitePress' order). */
  pageFiles: string[];
}

/** The pages' absolute paths in the order VitePress lists them (its glob's relative paths, `.sort()`ed). */
const pageOrder = (settings: SiteSettings) => [...settings.pageFiles].sort().map((file) => path.join(settings.srcDir, file));

/**
 * Links to `README.md` become links to `index.md` (the folder index): VitePress' `rewrites` alone
 * leave the rendered href at `README.html`, a 404.
 */
function readmeAsIndex(md: MarkdownRenderer): void {
  const linkOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = token.attrGet("href");
    if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) token.attrSet("href", href.replace(/(^|\/)README\.md(?=$|[#?])/, "$1index.md"));
    return linkOpen ? linkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}

interface AnchorState {
  Token: new (type: string, tag: string, nesting: number) => { attrs: [string, string][] | null; content: string };
  tokens: { content: string; children: unknown[] | null }[];
}

/**
 * The "#" link of each heading, as VitePress makes it (inside the heading, after the text,
 * labelled "Permalink to …"), without VitePress' own search of the heading among all the page's
 * tokens, once per heading: quadratic, a tenth of the build on pages of 200 operations.
 */
function permalink(slug: string, _options: unknown, state: AnchorState, index: number): void {
  const heading = state.tokens[index + 1]!;
  const space = new state.Token("text", "", 0);
  space.content = " ";
  const open = new state.Token("link_open", "a", 1);
  open.attrs = [
    ["class", "header-anchor"],
    ["href", `#${slug}`],
    ["aria-label", `Permalink to "${heading.content}"`],
  ];
  const symbol = new state.Token("html_inline", "", 0);
  symbol.content = "&ZeroWidthSpace;";
  heading.children?.push(space, open, symbol, new state.Token("link_close", "a", -1));
}

export async function vitepressConfig(settings: SiteSettings): Promise<UserConfig<DefaultTheme.Config>> {
  // github-light-default and github-dark, each token colour raised to WCAG AA on VitePress' code background.
  const themes = codeThemes();
  return {
    srcDir: settings.srcDir,
    outDir: settings.outDir,
    cacheDir: settings.cacheDir,
    base: settings.base,
    lang: "en-US",
    title: settings.title,
    description: settings.description,
    // Plain `.html` files: any static host serves them, no rewrite rules.
    cleanUrls: false,
    // Site data and the page map in one cached chunk instead of inlined in every page.
    metaChunk: true,
    lastUpdated: false,
    // Spec text may link anywhere (`/rest/overview`); the generator's own links are tested.
    ignoreDeadLinks: true,
    head: [
      ["meta", { "http-equiv": "Content-Security-Policy", content: DOCS_CSP }],
      // Given here, VitePress escapes it; its own `<meta name="description">` prints the text raw,
      // and a `">` in spec text would end the tag (and with it the document's head).
      ["meta", { name: "description", content: settings.description }],
      ["meta", { name: "color-scheme", content: "light dark" }],
      // No favicon request (a 404 on every page).
      ["link", { rel: "icon", href: "data:," }],
    ],
    markdown: {
      theme: themes,
      // VitePress' Shiki setup tokenized each block four times: GitHub's spec spent a quarter of its build there.
      highlight: await createSiteHighlighter(themes, settings.codeLanguages),
      anchor: { slugify: githubSlug, permalink: permalink as never },
      // `{.class #id attr=value}` after text: not markdown GitHub knows, and a scan of every token.
      attrs: { disable: true },
      frontmatter: { grayMatterOptions: safeGrayMatterOptions },
      config: (md) => {
        readmeAsIndex(md);
        hardenMarkdown(md);
      },
    },
    // Relative image URLs in spec text would become imports of files that do not exist (a failed build).
    vue: { template: { transformAssetUrls: false } },
    rewrites: (page: string) => page.replace(/(^|\/)README\.md$/, "$1index.md"),
    vite: { plugins: [disableIncludes()], logLevel: "warn" },
    themeConfig: {
      nav: [
        { text: "Guide", link: "/" },
        // Not a VitePress page: `_self` makes the router load it instead of looking for a route.
        { text: "API reference", link: settings.referenceLink, target: "_self" },
      ],
      sidebar: settings.sidebar,
      search: {
        provider: "local",
        options: {
          // An empty aria-label lets the button's visible text be its name (axe label-content-name-mismatch).
          translations: { button: { buttonText: "Search", buttonAriaLabel: "" } },
          // Each page's text without its code blocks (see searchHtml).
          _render: searchHtml,
          // The same index, byte for byte, from the same pages (see search-order.ts).
          miniSearch: { _splitIntoSections: searchIndexInPageOrder(pageOrder(settings)) as never },
        },
      },
      outline: { level: [2, 2], label: "On this page" },
      docFooter: { prev: false, next: false },
    },
  };
}
