/**
 * The API reference as static HTML, rendered at build time from the spec (or, for a large spec,
 * one tag's document): per operation its method, path, summary, description, parameters, request
 * body and responses with their schemas. Readable and navigable as soon as the HTML arrives: no
 * script runs before the first operation shows. Spec text is untrusted: markdown is rendered, then
 * sanitized to the docs pages' allow-list (untrusted-markdown.ts); plain text is escaped.
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { HTTP_METHODS } from "../ir/operation.js";
import { refTokens, valueAt } from "../json-pointer.js";
import type { OpenApiDocument } from "../load/load.js";
import { componentRef, reachableComponents, uniqueSlugs } from "./reference-split.js";
import { SANITIZE_OPTIONS } from "./untrusted-markdown.js";

/** Rows of schema shown per operation: GitHub's larger responses would otherwise be thousands. */
const SCHEMA_ROWS_PER_OPERATION = 60;
/** How deep nested objects unfold (then the model's name only): the page's size is most of the first operation's wait. */
const SCHEMA_DEPTH = 2;
const ENUM_VALUES_SHOWN = 12;

type Json = Record<string, unknown>;

export const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A type label as HTML that a narrow column wraps between words (`Access<wbr>Credential<wbr>Type`)
 * rather than anywhere: a break opportunity at each lower-to-upper case join and after `_`.
 */
export const typeHtml = (label: string) => escapeHtml(label).replace(/(?<=[a-z0-9])(?=[A-Z])|(?<=_)(?=[^_])/g, "<wbr>");

// `html: true` so that raw HTML in spec text reaches the sanitizer as tags (and is cleaned), not as escaped source.
const markdown = new MarkdownIt({ html: true, linkify: false });

const NO_BUTTONS: sanitizeHtml.IOptions = { ...SANITIZE_OPTIONS, exclusiveFilter: (frame) => frame.tag === "button" };
/** Large specs repeat their descriptions (GitHub's: each shared property in every operation that shows it): rendered once. */
const renderedMarkdown = new Map<string, string>();

/** Spec markdown as safe HTML: the docs pages' allow-list, minus the code-copy button. */
export function safeMarkdown(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  let html = renderedMarkdown.get(text);
  if (html === undefined) {
    html = sanitizeHtml(markdown.render(text), NO_BUTTONS);
    renderedMarkdown.set(text, html);
  }
  return html;
}

/** One line of spec markdown (a server's description) as safe inline HTML. */
export function safeInlineMarkdown(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  return sanitizeHtml(markdown.renderInline(text), NO_BUTTONS);
}

/** The operation's anchor: method and path, as a reader would write them (`GET/v2/things/{id}`). */
export const operationAnchor = (method: string, path: string) => `${method.toUpperCase()}${path}`;

interface Operation {
  method: string;
  path: string;
  tag: string;
  op: Json;
  /** Path-level parameters, merged under the operation's. */
  pathParameters: unknown[];
  webhook: boolean;
}

/** The document's operations (then its webhooks), grouped by first tag in the spec's tag order. */
export function operationsByTag(document: OpenApiDocument): { tag: string; description?: string; operations: Operation[] }[] {
  const groups = new Map<string, Operation[]>();
  for (const t of (document.tags ?? []) as { name: string }[]) groups.set(t.name, []);
  const add = (operation: Operation) => {
    if (!groups.has(operation.tag)) groups.set(operation.tag, []);
    groups.get(operation.tag)!.push(operation);
  };
  for (const [path, item] of Object.entries<Json>(document.paths ?? {}))
    for (const method of HTTP_METHODS) {
      const op = item?.[method] as Json | undefined;
      if (op) add({ method, path, tag: (op.tags as string[] | undefined)?.[0] ?? "default", op, pathParameters: (item.parameters as unknown[]) ?? [], webhook: false });
    }
  for (const field of ["webhooks", "x-webhooks"] as const)
    for (const [name, item] of Object.entries<Json>(document[field] ?? {}))
      for (const method of HTTP_METHODS) {
        const op = item?.[method] as Json | undefined;
        if (op) add({ method, path: name, tag: "Webhooks", op, pathParameters: [], webhook: true });
      }
  const descriptions = new Map(((document.tags ?? []) as { name: string; description?: string }[]).map((t) => [t.name, t.description]));
  return [...groups]
    .filter(([, operations]) => operations.length > 0)
    .map(([tag, operations]) => ({ tag, ...(descriptions.get(tag) ? { description: descriptions.get(tag)! } : {}), operations }));
}

/** A local `$ref`'s target object, or undefined. */
function resolve(document: OpenApiDocument, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  const node = valueAt(document, refTokens(ref));
  return node && typeof node === "object" ? (node as Json) : undefined;
}

/** Follows `$ref`s (not schemas': those keep their name) to the object itself. */
function deref(document: OpenApiDocument, value: unknown): Json {
  let node = value as Json;
  for (let hops = 0; node && typeof node.$ref === "string" && hops < 20; hops++) node = resolve(document, node.$ref) ?? {};
  return node ?? {};
}

/** The name a `$ref` ends with (`#/components/schemas/Pet` → `Pet`). */
const refName = (ref: string) => refTokens(ref).at(-1) ?? ref;

/** What an operation is called: its summary, else its operationId, else `METHOD /path`. */
const operationTitle = ({ op, method, path }: Operation): string =>
  (typeof op.summary === "string" && op.summary.trim()) || (typeof op.operationId === "string" && op.operationId) || `${method.toUpperCase()} ${path}`;

/** Renders schemas as nested lists within a row budget shared by the whole operation. */
class SchemaRenderer {
  private rows = 0;
  constructor(private readonly document: OpenApiDocument) {}

  get exhausted(): boolean {
    return this.rows >= SCHEMA_ROWS_PER_OPERATION;
  }

  /** A short type label: `string (date-time)`, `array of Repository`, `one of 2`. */
  typeLabel(raw: unknown): string {
    const schema = raw as Json;
    if (!schema || typeof schema !== "object") return "any";
    if (typeof schema.$ref === "string") return refName(schema.$ref);
    const types = Array.isArray(schema.type) ? (schema.type as string[]).join(" | ") : (schema.type as string | undefined);
    if (types === "array" || (!types && schema.items)) return `array of ${this.typeLabel(schema.items)}`;
    if (!types && (schema.oneOf || schema.anyOf)) return `${schema.oneOf ? "one" : "any"} of ${((schema.oneOf ?? schema.anyOf) as unknown[]).length}`;
    if (!types && schema.allOf) return "all of";
    const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
    return `${types ?? (schema.properties ? "object" : "any")}${format}${schema.nullable ? " | null" : ""}`;
  }

  /** The constraints worth a reader's eye: enum values, default, pattern, bounds. */
  private facts(schema: Json): string {
    const facts: string[] = [];
    if (Array.isArray(schema.enum)) {
      const shown = schema.enum.slice(0, ENUM_VALUES_SHOWN).map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`);
      facts.push(`one of ${shown.join(", ")}${schema.enum.length > ENUM_VALUES_SHOWN ? `, … (${schema.enum.length})` : ""}`);
    }
    if (schema.default !== undefined) facts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
    if (typeof schema.pattern === "string") facts.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
    for (const key of ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"])
      if (typeof schema[key] === "number") facts.push(`${key} ${schema[key]}`);
    if (schema.deprecated) facts.push("deprecated");
    return facts.length ? `<div class="facts">${facts.join(" · ")}</div>` : "";
  }

  /** The object a schema describes, allOf merged, its `$ref` followed (`seen` cuts cycles). */
  private shape(raw: unknown, seen: Set<string>): { schema: Json; seen: Set<string>; cycle?: string } {
    let schema = (raw ?? {}) as Json;
    const next = new Set(seen);
    for (let hops = 0; typeof schema.$ref === "string" && hops < 20; hops++) {
      if (next.has(schema.$ref)) return { schema: {}, seen: next, cycle: refName(schema.$ref) };
      next.add(schema.$ref);
      schema = resolve(this.document, schema.$ref) ?? {};
    }
    if (Array.isArray(schema.allOf)) {
      const merged: Json = { ...schema, properties: {}, required: [] };
      delete merged.allOf;
      for (const part of [schema, ...(schema.allOf as unknown[])]) {
        const piece = part === schema ? schema : this.shape(part, next).schema;
        Object.assign(merged.properties as Json, piece.properties ?? {});
        (merged.required as string[]).push(...((piece.required as string[]) ?? []));
        if (!merged.type && piece.type) merged.type = piece.type;
      }
      schema = merged;
    }
    return { schema, seen: next };
  }

  /** The fields of a schema as a list (objects' properties, arrays' items, one-of variants). */
  fields(raw: unknown, depth = 0, seen = new Set<string>()): string {
    const { schema, seen: within, cycle } = this.shape(raw, seen);
    if (cycle) return `<p class="note">${escapeHtml(cycle)} (recursive: see above)</p>`;
    if (depth >= SCHEMA_DEPTH) return "";
    if (schema.type === "array" || schema.items) return this.fields(schema.items, depth, within);
    const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
    if (Array.isArray(variants)) {
      const items = variants.map((variant, i) => {
        if (this.exhausted) return "";
        this.rows++;
        const label = escapeHtml((variant as Json)?.title ? String((variant as Json).title) : this.typeLabel(variant));
        return `<li><span class="variant">${i + 1}. ${label}</span>${this.fields(variant, depth + 1, within)}</li>`;
      });
      return `<ul class="schema variants" aria-label="${schema.oneOf ? "One of" : "Any of"}">${items.join("")}</ul>`;
    }
    const properties = Object.entries<unknown>((schema.properties as Json) ?? {});
    if (properties.length === 0) return "";
    const required = new Set((schema.required as string[]) ?? []);
    const items: string[] = [];
    for (const [name, property] of properties) {
      if (this.exhausted) {
        items.push(`<li class="note">… ${properties.length - items.length} more field(s) not shown</li>`);
        break;
      }
      this.rows++;
      const target = this.shape(property, within).schema;
      const description = safeMarkdown((property as Json)?.description ?? target.description);
      const nested = this.fields(property, depth + 1, within);
      items.push(
        `<li><code class="name">${escapeHtml(name)}</code> <span class="type">${typeHtml(this.typeLabel(property))}</span>` +
          `${required.has(name) ? ' <span class="required">required</span>' : ""}${description ? `<div class="description">${description}</div>` : ""}` +
          `${this.facts(target)}${nested ? `<details><summary>fields of ${escapeHtml(name)}</summary>${nested}</details>` : ""}</li>`,
      );
    }
    return `<ul class="schema">${items.join("")}</ul>`;
  }

  /** A top-level schema: its type, facts and fields. */
  schemaBlock(raw: unknown): string {
    const target = this.shape(raw, new Set()).schema;
    const description = safeMarkdown(target.description);
    return `<p class="schema-type">Schema: <span class="type">${typeHtml(this.typeLabel(raw))}</span></p>${description ? `<div class="description">${description}</div>` : ""}${this.facts(target)}${this.fields(raw)}`;
  }
}

function parametersTable(document: OpenApiDocument, operation: Operation, schemas: SchemaRenderer): string {
  const byKey = new Map<string, Json>();
  for (const raw of [...operation.pathParameters, ...((operation.op.parameters as unknown[]) ?? [])]) {
    const parameter = deref(document, raw);
    if (typeof parameter.name === "string") byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  if (byKey.size === 0) return "";
  const rows = [...byKey.values()].map((p) => {
    const schema = (p.schema ?? {}) as Json;
    const description = safeMarkdown(p.description);
    return `<tr><td><code>${escapeHtml(String(p.name))}</code>${p.required ? ' <span class="required">required</span>' : ""}</td><td>${escapeHtml(String(p.in))}</td><td><span class="type">${typeHtml(schemas.typeLabel(schema))}</span></td><td>${description}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function contentBlocks(content: unknown, schemas: SchemaRenderer): string {
  return Object.entries<Json>((content as Record<string, Json>) ?? {})
    .map(([mediaType, media]) => `<div class="media"><p class="media-type"><code>${escapeHtml(mediaType)}</code></p>${media?.schema ? schemas.schemaBlock(media.schema) : ""}</div>`)
    .join("");
}

function operationSection(document: OpenApiDocument, operation: Operation, tryIt: boolean): string {
  const { op, method, path } = operation;
  const schemas = new SchemaRenderer(document);
  const title = operationTitle(operation);
  const anchor = operationAnchor(method, path);
  const body = op.requestBody ? deref(document, op.requestBody) : undefined;
  const responses = Object.entries<unknown>((op.responses as Json) ?? {}).map(([status, raw]) => {
    const response = deref(document, raw);
    return `<details class="response"${status.startsWith("2") ? " open" : ""}><summary><span class="status status-${escapeHtml(status[0] ?? "x")}">${escapeHtml(status)}</span> ${escapeHtml(String(response.description ?? "").split("\n")[0]!.slice(0, 200))}</summary>${contentBlocks(response.content, schemas)}</details>`;
  });
  // The components the operation reaches: the try-it console's document is cut to them (reference-try-it.ts).
  const refs = tryIt ? [...reachableComponents(document, [op, operation.pathParameters])].map(componentRef).sort().join(" ") : "";
  return `<section class="operation" id="${escapeHtml(anchor)}" aria-labelledby="${escapeHtml(anchor)}-title">
<h3 id="${escapeHtml(anchor)}-title">${escapeHtml(title)}${op.deprecated ? ' <span class="badge">deprecated</span>' : ""}</h3>
<p class="endpoint"><span class="method method-${method}">${operation.webhook ? "WEBHOOK " : ""}${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${
    tryIt
      ? ` <button type="button" class="try-it" data-method="${method}" data-path="${escapeHtml(path)}" data-components="${escapeHtml(refs)}">Test Request<span class="visually-hidden"> (${method.toUpperCase()} ${escapeHtml(path)})</span></button>`
      : ""
  }</p>
${safeMarkdown(op.description)}${parametersTable(document, operation, schemas)}${
    body ? `<h4>Request body${body.required ? ' <span class="required">required</span>' : ""}</h4>${safeMarkdown(body.description)}${contentBlocks(body.content, schemas)}` : ""
  }${responses.length ? `<h4>Responses</h4>${responses.join("")}` : ""}
</section>`;
}

export interface StaticSections {
  /** Every page of the reference (one per tag document), `current` marks this one. */
  pages: { title: string; slug: string }[];
  current: string;
  /** From this page to `reference/`: `./` or `../`. */
  up: string;
}

/** The sidebar and the content of one page of the reference. */
export function staticReference(document: OpenApiDocument, sections?: StaticSections): { nav: string; main: string; operations: number } {
  const groups = operationsByTag(document);
  const tagSlug = uniqueSlugs("section");
  const ids = groups.map((group) => `tag/${tagSlug(group.tag)}`);
  const opLinks = groups.map(
    (group, i) =>
      `<li><a class="tag-link" href="#${escapeHtml(ids[i]!)}">${escapeHtml(group.tag)}</a><ul>${group.operations
        .map(
          (o) =>
            `<li><a href="#${escapeHtml(operationAnchor(o.method, o.path))}"><span class="method method-${o.method}" aria-hidden="true">${o.method.toUpperCase()}</span> ${escapeHtml(operationTitle(o))}</a></li>`,
        )
        .join("")}</ul></li>`,
  );
  const pageLinks = sections?.pages.map(
    (p) =>
      `<li><a href="${sections.up}${p.slug === sections.pages[0]!.slug ? "" : `${encodeURIComponent(p.slug)}/`}"${p.slug === sections.current ? ' aria-current="page"' : ""}>${escapeHtml(p.title)}</a></li>`,
  );
  const nav = `${pageLinks ? `<h2 class="nav-title">API sections (${pageLinks.length})</h2><ul class="api-sections">${pageLinks.join("")}</ul>` : ""}<h2 class="nav-title">Operations</h2><ul class="operations">${opLinks.join("")}</ul>`;

  const info = (document.info ?? {}) as Json;
  const servers = ((document.servers ?? []) as Json[]).filter((s) => typeof s?.url === "string");
  const serverList = servers.length
    ? `<section class="servers" aria-labelledby="servers-title"><h2 id="servers-title">Servers</h2><ul>${servers
        .map((s, i) => `<li><code>${escapeHtml(String(s.url))}</code>${i === 0 ? ' <span class="badge">default</span>' : ""}${s.description ? ` ${safeInlineMarkdown(s.description)}` : ""}</li>`)
        .join("")}</ul></section>`
    : "";
  const content = groups.map(
    (group, i) =>
      `<section class="tag" aria-labelledby="${escapeHtml(ids[i]!)}-title" id="${escapeHtml(ids[i]!)}"><h2 id="${escapeHtml(ids[i]!)}-title">${escapeHtml(group.tag)}</h2>${safeMarkdown(group.description)}
${group.operations.map((o) => operationSection(document, o, !o.webhook)).join("\n")}</section>`,
  );
  const main = `<h1>${escapeHtml(String(info.title ?? "API reference"))} <span class="version">${escapeHtml(String(info.version ?? ""))}</span></h1>
${safeMarkdown(info.description)}${serverList}
${content.join("\n")}`;
  return { nav, main, operations: groups.reduce((n, g) => n + g.operations.length, 0) };
}
