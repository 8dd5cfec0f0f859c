/**
 * The site's pages carry the spec's text (titles, descriptions, examples): text anyone who can
 * edit the spec controls. Stock VitePress would run it: raw HTML is on (`<script>`, `onerror`,
 * `javascript:` links), every page is a Vue template (`{{ $emit.constructor('…')() }}` runs in the
 * browser *and* in Node while the site is built), `<script setup>` blocks are hoisted into the
 * page's code, `<!--@include: path-->` and `<<< path` copy any file of the build machine into the
 * site, and `---js` frontmatter is evaluated. Everything here closes one of those doors.
 */
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
 * A Vite plugin that runs before VitePress reads a page: `<!--@include: path-->` would make
 * VitePress read that file (any path) into the page.
 */
export function disableIncludes() {
  return {
    name: "openapi-ts-pipeline:disable-includes",
    enforce: "pre" as const,
    transform(code: string, id: string) {
      if (!id.endsWith(".md")) return null;
      const out = code.replace(/<!--(\s*)@include:/g, "<!--$1@include-disabled:");
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

/** `{` and `}` as character references: Vue shows them as text and never sees a `{{`. */
const escapeBraces = (html: string) => html.replaceAll("{", "&#123;").replaceAll("}", "&#125;");

/**
 * A markdown-it plugin for VitePress' `markdown.config`, which runs after VitePress' own
 * plugins: its `render` sees each page's final HTML. The HTML is sanitized (not the markdown:
 * code spans would lose their `<`), braces are escaped, and the page is wrapped in `v-pre` so
 * Vue compiles no directive in it; blocks VitePress hoisted into the page's code are dropped.
 */
export function hardenMarkdown(md: MarkdownRenderer): void {
  md.block.ruler.disable("snippet");
  const render = md.render.bind(md);
  md.render = (src, env = {}) => {
    const html = render(src, env);
    if (env.sfcBlocks) {
      env.sfcBlocks.scripts = [];
      env.sfcBlocks.styles = [];
      env.sfcBlocks.customBlocks = [];
      env.sfcBlocks.script = null;
      env.sfcBlocks.scriptSetup = null;
    }
    if (typeof env.title === "string") env.title = unclosingScript(env.title);
    return `<div v-pre class="vp-untrusted">${escapeBraces(sanitizeHtml(html, SANITIZE_OPTIONS))}</div>`;
  };
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
