/**
 * Where the docs link to, decided once for the markdown docs and the site alike: page paths,
 * relative hrefs, and anchors (GitHub's heading slugs and the explicit anchors of schemes). The
 * site renders the same markdown, so a link that works on GitHub works on the site too.
 */
import type { ModelIr } from "../ir/types.js";

/** GitHub's slug of one heading's text (github-slugger): lower case, punctuation dropped, spaces → `-`. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** The anchor GitHub gives a heading that is the first of its text on the page. */
export function githubSlug(heading: string): string {
  return slugOf(heading.trim());
}

/** GitHub's anchors of the headings of one page, in order: repeats are numbered `-1`, `-2`. */
export class Slugger {
  readonly #seen = new Map<string, number>();

  slug(text: string): string {
    const base = slugOf(text);
    let slug = base;
    let count = this.#seen.get(base) ?? 0;
    while (this.#seen.has(slug)) slug = `${base}-${++count}`;
    this.#seen.set(base, count);
    this.#seen.set(slug, 0);
    return slug;
  }
}

/**
 * The explicit anchor of a security scheme: its name (`#ApiKeyAuth`, as other generators' docs
 * link it); characters that could break the `<a name="…">` attribute or a URL become `-`.
 */
export function schemeAnchor(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "-");
}

/** Page paths: classes under `apis/`, models under `models/`, names unique even ignoring case. */
export function modelPaths(models: ModelIr[]): Map<string, string> {
  const paths = new Map<string, string>();
  const taken = new Set<string>();
  for (const model of models) {
    let stem = model.typeName;
    for (let i = 2; taken.has(stem.toLowerCase()); i++) stem = `${model.typeName}-${i}`;
    taken.add(stem.toLowerCase());
    paths.set(model.name, `models/${stem}.md`);
  }
  return paths;
}

/** `href` from the page at `from` to `to` (both relative to `docs/`). */
export function relativeHref(from: string, to: string): string {
  const fromParts = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  while (fromParts.length && toParts.length > 1 && fromParts[0] === toParts[0]) {
    fromParts.shift();
    toParts.shift();
  }
  return [...fromParts.map(() => ".."), ...toParts].join("/");
}

/** A link target with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`): it resolves anywhere. */
const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Markdown written in the spec (descriptions, summaries) with its relative links (`/docs/x`,
 * `./guide`, `#tag/pets`) printed as their text: they point into the spec's own web site and
 * cannot resolve in the generated docs. Absolute links stay.
 */
export function unlinkRelative(markdown: string): string {
  if (!markdown.includes("](") && !/<a\s/i.test(markdown) && !markdown.includes("]:")) return markdown;
  return unlinkRelativeReferences(markdown)
    .replace(
      /(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
      (whole, bang: string, text: string, href: string) => (bang || ABSOLUTE.test(href) ? whole : text),
    )
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (whole, href: string, text: string) =>
      ABSOLUTE.test(href) ? whole : text,
    );
}

/**
 * Reference-style links (`[text][label]`, `[label]` with `[label]: /docs/x` on a line of its own)
 * whose definition is relative: the definition line is dropped and each use printed as its text.
 */
function unlinkRelativeReferences(markdown: string): string {
  const relative = new Set<string>();
  const withoutDefinitions = markdown.replace(
    /^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]*)>?.*(?:\r?\n|$)/gm,
    (whole, label: string, href: string) => {
      if (ABSOLUTE.test(href)) return whole;
      relative.add(label.trim().toLowerCase());
      return "";
    },
  );
  if (relative.size === 0) return markdown;
  return withoutDefinitions.replace(/\[((?:[^\[\]]|\[[^\]]*\])*)\](?:\[([^\]]*)\])?(?!\()/g, (whole, text: string, label?: string) =>
    relative.has((label || text).trim().toLowerCase()) ? text : whole,
  );
}
