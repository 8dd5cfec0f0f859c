/**
 * One Handlebars environment for every template: strict (a missing field is an error),
 * no HTML escaping (we print code and markdown), only the helpers registered here.
 * Helpers are pure and escape for one destination each.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { propertyKey } from "./naming.js";
import { templateCache } from "./template-cache.js";

export type Template = (context: unknown) => string;

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

const HELPERS: Record<string, (...args: any[]) => unknown> = {
  jsdoc: jsdocText,
  cell: markdownCell,
  mdText: markdownText,
  mdCode: markdownCode,
  mdType: markdownType,
  htmlComment: htmlCommentText,
  tsString: (value: unknown) => JSON.stringify(String(value)),
  json: (value: unknown) => JSON.stringify(value),
  key: (name: unknown) => propertyKey(String(name)),
  first: (list: unknown[]) => list[0],
  /** `key` when the local has the key's name, else `key: local` (object patterns and literals). */
  pair: (key: unknown, local: unknown) => (String(key) === String(local) ? String(key) : `${propertyKey(String(key))}: ${String(local)}`),
  join: (list: unknown[], separator: unknown) => list.join(typeof separator === "string" ? separator : ", "),
};

export function createTemplates(templateDir: string, group: string): Record<string, Template> {
  const hb = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) hb.registerHelper(name, helper);
  const options = {
    strict: true,
    noEscape: true,
    knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])),
    knownHelpersOnly: true,
  };
  const templates: Record<string, Template> = {};
  const partialDir = path.join(templateDir, "partials");
  for (const file of readdirSync(partialDir).filter((f) => f.endsWith(".hbs")).sort()) {
    const compiled = templateCache.compile(hb, readFileSync(path.join(partialDir, file), "utf8"), options);
    const name = file.replace(/\.hbs$/, "");
    hb.registerPartial(name, compiled);
    templates[`partials/${name}`] = (context) => compiled(context);
  }
  const dir = path.join(templateDir, group);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".hbs")).sort()) {
    const compiled = templateCache.compile(hb, readFileSync(path.join(dir, file), "utf8"), options);
    templates[file.replace(/\.hbs$/, "")] = (context) => compiled(context);
  }
  templateCache.save();
  return templates;
}
