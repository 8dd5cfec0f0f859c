/**
 * GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces → `-`,
 * repeats numbered `-1`, `-2`. The site uses them so links written for GitHub work on it too.
 */
export class Slugger {
  readonly #seen = new Map<string, number>();

  slug(text: string): string {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    let slug = base;
    let count = this.#seen.get(base) ?? 0;
    while (this.#seen.has(slug)) slug = `${base}-${++count}`;
    this.#seen.set(base, count);
    this.#seen.set(slug, 0);
    return slug;
  }
}
