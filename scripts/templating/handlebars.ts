/**
 * One Handlebars environment for every template: strict (a missing field is an error),
 * no HTML escaping (we print code and markdown), only the helpers registered here.
 * Helpers are pure and escape for one destination each.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { propertyKey } from "../ir/naming.js";
import { templateCache } from "./cache.js";
import { htmlCommentText, jsdocText, markdownCell, markdownCode, markdownText, markdownType } from "./escape.js";

export type Template = (context: unknown) => string;

/** A JSON value as one line of TS source: `{ style: "offset", items: ["events"] }`. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

const HELPERS: Record<string, (...args: any[]) => unknown> = {
  literal,
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
  /** Whether any of the lists has an item (Handlebars passes its options object last). */
  any: (...lists: unknown[]) => lists.slice(0, -1).some((list) => Array.isArray(list) && list.length > 0),
  /** `key` when the local has the key's name, else `key: local` (object patterns and literals). */
  pair: (key: unknown, local: unknown) => (String(key) === String(local) ? String(key) : `${propertyKey(String(key))}: ${String(local)}`),
  join: (list: unknown[], separator: unknown) => list.join(typeof separator === "string" ? separator : ", "),
  /** `60000` → `60 000`: a number as people read it in prose. */
  grouped: (value: unknown) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, " "),
  /** `` `a`, `b` ``: names as code spans in a sentence. */
  codeList: (list: unknown[]) => list.map((item) => `\`${String(item)}\``).join(", "),
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
  for (const file of readdirSync(partialDir)
    .filter((f) => f.endsWith(".hbs"))
    .sort()) {
    const compiled = templateCache.compile(hb, readFileSync(path.join(partialDir, file), "utf8"), options);
    const name = file.replace(/\.hbs$/, "");
    hb.registerPartial(name, compiled);
    templates[`partials/${name}`] = (context) => compiled(context);
  }
  const dir = path.join(templateDir, group);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".hbs"))
    .sort()) {
    const compiled = templateCache.compile(hb, readFileSync(path.join(dir, file), "utf8"), options);
    templates[file.replace(/\.hbs$/, "")] = (context) => compiled(context);
  }
  templateCache.save();
  return templates;
}
