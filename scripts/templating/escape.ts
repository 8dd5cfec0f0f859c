/**
 * Escaping, one function per destination: a JSDoc comment, a markdown table cell, inline markdown
 * text, a code span, an HTML comment. The templates' helpers and the docs view both use these, so
 * spec text is data wherever it is printed.
 */

/** Text inside a `/** … *\/` comment: cannot close it, keeps its line breaks as ` * ` lines. */
export function jsdocText(text: unknown): string {
  return String(text ?? "")
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line, i) => (i === 0 ? line : ` * ${line}`.trimEnd()))
    .join("\n");
}

/**
 * Text inside a markdown table cell: one line, no cell breaks. A `|` is escaped even inside a
 * code span (GFM splits cells before it reads spans); one that is already escaped stays as is.
 */
export function markdownCell(text: unknown): string {
  return String(text ?? "")
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/\\?\|/g, "\\|")
    .replace(/\n+/g, "<br>");
}

/**
 * Plain text (a name, a type label) inside inline markdown: nothing in it is read as markup or
 * HTML. `_` is escaped only where it could open or close emphasis (not inside `per_page`).
 */
export function markdownText(text: unknown): string {
  return String(text ?? "")
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/[\\`*[\]<>|~]/g, "\\$&")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/_/g, (underscore, offset: number, whole: string) =>
      /[A-Za-z0-9]/.test(whole[offset - 1] ?? "") && /[A-Za-z0-9]/.test(whole[offset + 1] ?? "") ? underscore : "\\_",
    );
}

/** A markdown code span around any text: the fence is longer than any backtick run inside. */
export function markdownCode(text: unknown): string {
  const value = String(text ?? "").replace(/\s*[\r\n]+\s*/g, " ");
  if (value === "") return "";
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A type whose parts may link to pages, as inline markdown (`Array<` + link + `>`). */
export function markdownType(type: { parts: { text: string; href?: string }[] }): string {
  return type.parts.map((part) => (part.href ? `[**${markdownText(part.text)}**](${part.href})` : markdownText(part.text))).join("");
}

/** Text inside an HTML comment `<!-- … -->`: one line, and no `--` that could end it. */
export function htmlCommentText(text: unknown): string {
  return String(text ?? "")
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/-(?=-)/g, "- ")
    .replace(/^>/, " >");
}
