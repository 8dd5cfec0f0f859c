/**
 * The site's pages carry the spec's text (titles, descriptions, examples): text anyone who can
 * edit the spec controls. Stock VitePress would run it: raw HTML is on (`<script>`, `onerror`,
 * `javascript:` links), every page is a Vue template (`{{ $emit.constructor('…')() }}` runs in the
 * browser *and* in Node while the site is built), `<script setup>` blocks are hoisted into the
 * page's code, `<!--@include: path-->` and `<<< path` copy any file of the build machine into the
 * site, and `---js` frontmatter is evaluated. Everything here closes one of those doors.
 */
import { randomUUID } from "node:crypto";
import sanitizeHtml from "sanitize-html";
import type { MarkdownRenderer } from "vitepress";

/** gray-matter engines that evaluate code: refused, so a page starting with `---js` fails the build. */
function refuse(language: string) {
  const fail = (): never => {
    throw new Error(`frontmatter language "${language}" is disabled: pages are built from untrusted text`);
  };
  return { parse: fail, stringify: fail };
}

export const safeGrayMatterOptions = {
  engines: Object.fromEntries(["js", "javascript", "coffee", "coffeescript", "cson"].map((lang) => [lang, refuse(lang)])),
};

/**
 * A page's markdown with every `<!--@include: path-->` made inert: VitePress would read that file
 * (any path) into the page, and its local search reads the page files from disk and expands them
 * itself, outside Vite's pipeline, so pages are written to disk in this form.
 */
export const withoutIncludes = (markdown: string): string => markdown.replace(/<!--(\s*)@include:/g, "<!--$1@include-disabled:");

/** The same, as a Vite plugin that runs before VitePress reads a page (in case a page reaches it otherwise). */
export function disableIncludes() {
  return {
    name: "openapi-ts-pipeline:disable-includes",
    enforce: "pre" as const,
    transform(code: string, id: string) {
      if (!id.endsWith(".md")) return null;
      const out = withoutIncludes(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * An image on another host would be fetched by every reader's browser (the page's CSP blocks it,
 * leaving a broken image): it becomes a link to the image, named by its alt text.
 */
function imageOfTheSiteOnly(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src = attribs.src ?? "";
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src.trim()) || /^data:/i.test(src.trim())) return { tagName, attribs };
  return { tagName: "a", attribs: { href: src }, text: `${attribs.alt?.trim() || "image"} (image)` };
}

/**
 * What a page may contain once rendered: what markdown and VitePress print (headings, tables,
 * links, code highlighted by Shiki, the copy button), as GitHub renders markdown. No script,
 * style, event handler, form, frame, SVG, or URL other than http(s)/mailto/relative.
 */
export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp"],
    ...["em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small", "abbr"],
    ...["ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"],
    ...["a", "img", "span", "div", "details", "summary", "button"],
  ],
  allowedAttributes: {
    "*": ["id", "class", "title", "tabindex", "aria-label", "aria-hidden", "lang", "dir"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "width", "height", "loading"],
    th: ["style", "align", "colspan", "rowspan"],
    td: ["style", "align", "colspan", "rowspan"],
    // Shiki colours its tokens with `style="--shiki-light:#D73A49;--shiki-dark:#F97583"`.
    span: ["style"],
    ol: ["start", "type"],
    details: ["open"],
  },
  allowedStyles: {
    th: { "text-align": [/^(left|right|center)$/] },
    td: { "text-align": [/^(left|right|center)$/] },
    span: {
      "--shiki-light": [/^#[0-9a-f]{3,8}$/i],
      "--shiki-dark": [/^#[0-9a-f]{3,8}$/i],
      "--shiki-light-font-style": [/^\w+$/],
      "--shiki-dark-font-style": [/^\w+$/],
      "--shiki-light-font-weight": [/^\w+$/],
      "--shiki-dark-font-weight": [/^\w+$/],
      "--shiki-light-text-decoration": [/^\w+$/],
      "--shiki-dark-text-decoration": [/^\w+$/],
      color: [/^#[0-9a-f]{3,8}$/i],
    },
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "svg", "math"],
  disallowedTagsMode: "discard",
  // The only button is VitePress' copy button of code blocks.
  exclusiveFilter: (frame) => frame.tag === "button" && frame.attribs.class !== "copy",
  transformTags: { img: imageOfTheSiteOnly },
};

type Render = (src: string, env?: Record<string, any>) => string;

/** Each hardened renderer's page HTML, sanitized (what readers get), without the component around it. */
const sanitizedRenders = new WeakMap<MarkdownRenderer, Render>();

/** The text of every page rendered by a hardened renderer, without code blocks, by page file (see searchHtml). */
const pagesWithoutCode = new Map<string, { src: string; html: string }>();

/**
 * A JavaScript string literal that a `<script>` element holds whole: no `</script` (nor `<!--`)
 * in it can end the element early.
 */
export const scriptStringLiteral = (text: string) => JSON.stringify(text).replace(/<(?=\/script|!--)/gi, "\\u003c");

/**
 * VitePress' markers of static content in a page's code (as it marks Vue's static nodes): the
 * page's `.lean.js`, which hydrates the page's first load over the HTML already there, gets an
 * empty string instead (the full chunk, for navigation, keeps it; the server build keeps the
 * markers, hence the `replace` at run time). Spec text cannot end the marked part early: its
 * `__VP_STATIC_` is written `_&#95;VP_STATIC_`, the same text once parsed as HTML.
 */
const STATIC_START = "__VP_STATIC_START__";
const STATIC_END = "__VP_STATIC_END__";

/**
 * A markdown-it plugin for VitePress' `markdown.config`, which runs after VitePress' own
 * plugins: its `render` sees each page's final HTML. The HTML is sanitized (not the markdown:
 * code spans would lose their `<`), except the highlighted code, which is the site's own
 * highlighter's escaped output (sanitizing every token's `<span style>` again was a tenth of the
 * build of large specs): each highlighted block stands in as a marker no spec text can forge
 * while the rest is sanitized. Blocks VitePress hoisted into the page's code are dropped.
 *
 * The page component VitePress makes of the result holds the HTML as a string, set as the
 * `innerHTML` of its one element: Vue compiles no part of the page's text (no directive, no `{{ }}`; and parsing
 * megabytes of static HTML as a template, twice per page, was a fifth of the build).
 */
export function hardenMarkdown(md: MarkdownRenderer): void {
  md.block.ruler.disable("snippet");
  const render = md.render.bind(md);
  const highlight = md.options.highlight;
  const marker = `\uE000${randomUUID()}:`;
  const markerPattern = new RegExp(`<pre>${marker}(\\d+)\uE001</pre>`, "g");
  let highlighted: string[] = [];
  if (highlight)
    md.options.highlight = (code, lang, attrs) => {
      highlighted.push(highlight(code, lang, attrs));
      // Starts with `<pre`: markdown-it prints it as it is (see its fence rule).
      return `<pre>${marker}${highlighted.length - 1}\uE001</pre>`;
    };
  /** The sanitized HTML, each highlighted block still a marker (`blocks[i]`). */
  const renderMarked = (src: string, env: Record<string, any>) => {
    highlighted = [];
    const html = render(src, env);
    const blocks = highlighted;
    if (env.sfcBlocks) {
      env.sfcBlocks.scripts = [];
      env.sfcBlocks.styles = [];
      env.sfcBlocks.customBlocks = [];
      env.sfcBlocks.script = null;
      env.sfcBlocks.scriptSetup = null;
    }
    if (typeof env.title === "string") env.title = unclosingScript(env.title);
    return { marked: sanitizeHtml(html, SANITIZE_OPTIONS), blocks };
  };
  const withCode = (marked: string, blocks: string[]) => marked.replace(markerPattern, (_, index: string) => blocks[Number(index)]!);
  // A code block as VitePress wraps it (language label, copy button), after sanitizing.
  const codeBlockPattern = new RegExp(`<div class="language-[^"<>]*"><button title="Copy Code" class="copy"></button><span class="lang">[^<]*</span>${markerPattern.source}</div>|${markerPattern.source}`, "g");
  sanitizedRenders.set(md, (src, env = {}) => {
    const { marked, blocks } = renderMarked(src, env);
    return withCode(marked, blocks);
  });
  md.render = (src, env = {}) => {
    const { marked, blocks } = renderMarked(src, env);
    if (typeof env.path === "string") pagesWithoutCode.set(env.path, { src, html: marked.replace(codeBlockPattern, "") });
    const html = withCode(marked, blocks);
    const pageMarked = `${STATIC_START}${html.replaceAll("__VP_STATIC_", "_&#95;VP_STATIC_")}${STATIC_END}`;
    const code = [
      "",
      'import { h } from "vue";',
      `const pageHtml = ${scriptStringLiteral(pageMarked)}.replace(/__VP_STATIC_[A-Z]+__/g, "");`,
      // A render function, not `v-html`: hydration patches a compiled template's dynamic
      // `innerHTML` (with the lean chunk's empty string), and leaves an uncompiled one alone.
      'const PageHtml = () => h("div", { class: "vp-untrusted", innerHTML: pageHtml });',
      "",
    ].join("\n");
    env.sfcBlocks ??= {};
    env.sfcBlocks.scripts = [{ type: "script", tagOpen: "<script setup>", tagClose: "</script>", contentStripped: code, content: `<script setup>${code}</script>` }];
    return "<PageHtml />";
  };
}

/** The sanitized HTML of a page (what the page shows), from a renderer hardenMarkdown set up. */
export function sanitizedHtml(md: MarkdownRenderer, src: string, env: Record<string, any> = {}): string {
  const renderSanitized = sanitizedRenders.get(md);
  if (!renderSanitized) throw new Error("sanitizedHtml: the renderer is not hardened (hardenMarkdown)");
  return renderSanitized(src, env);
}

/**
 * A page's sanitized HTML without its code blocks (VitePress' local search index: the examples
 * are long, repeat each other, and the index is fetched by every reader who opens the search
 * box). The page's own render already made it when the page was built before the index; else
 * the page is rendered again, its code blocks dropped from the markdown first (not highlighted).
 */
export function searchHtml(src: string, env: Record<string, any>, md: MarkdownRenderer): string {
  const built = typeof env.path === "string" ? pagesWithoutCode.get(env.path) : undefined;
  if (built?.src === src) return built.html;
  return sanitizedHtml(md, src.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, ""), env);
}

/**
 * VitePress writes each page's title (its first heading) into a `<script>` of the page's Vue component
 * (`JSON.parse("…")`): a `</script` in it (spec text: the API's title, a model's name) would end it
 * there, and the build fail. A zero-width space after the `<` leaves the text as readers see it.
 */
const unclosingScript = (text: string) => text.replace(/<\/(?=script)/gi, "<\u200B/");

/** Text for the places the theme renders as HTML (`v-html`: sidebar and nav labels, the title). */
export function escapeLabel(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[{}]/g, (c) => (c === "{" ? "&#123;" : "&#125;"));
}
