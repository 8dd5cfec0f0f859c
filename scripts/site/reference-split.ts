/**
 * The API reference of a very large spec, one page per tag: Scalar parses, dereferences and
 * indexes the whole document before it shows anything (GitHub's 13 MB spec: 12 s and more before
 * the first operation on this machine), so above REFERENCE_SPLIT_OPERATIONS operations each tag
 * gets a document of its own: its operations and only the components they reach. The webhooks
 * (`webhooks`, or GitHub's `x-webhooks` in OpenAPI 3.0) get a document of their own too: copied
 * into every tag's, they were 600 KB of each (57 % of the first tag's document, which Scalar clones,
 * validates and indexes before it shows anything).
 */
import { HTTP_METHODS } from "../ir/operation.js";
import { pointer, refTokens, valueAt } from "../json-pointer.js";
import type { OpenApiDocument } from "../load/load.js";
import { byCodePoint } from "../sort.js";

/** Above this many operations, one reference page per tag. */
export const REFERENCE_SPLIT_OPERATIONS = 300;

const METHODS: readonly string[] = HTTP_METHODS;

/** Where a document keeps its webhooks: OpenAPI 3.1's field, and the extension 3.0 specs use. */
const WEBHOOK_FIELDS = ["webhooks", "x-webhooks"] as const;

export interface TagDocument {
  tag: string;
  /** Folder name under `reference/`: the tag in URL-safe characters, unique. */
  slug: string;
  operations: number;
  document: OpenApiDocument;
}

export function operationCount(document: OpenApiDocument): number {
  return Object.values<Record<string, unknown>>(document.paths ?? {}).reduce((n, item) => n + METHODS.filter((m) => item?.[m]).length, 0);
}

/**
 * Every component a value refers to, transitively, as `#/components/<section>/<name>` (the whole
 * component also when a `$ref` points inside it, `#/components/schemas/Pet/properties/id`).
 */
export function reachableComponents(document: OpenApiDocument, roots: unknown[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/components/")) {
          const [, section, name] = refTokens(child);
          if (section === undefined || name === undefined) continue;
          const component = pointer("components", section, name);
          if (seen.has(component)) continue;
          seen.add(component);
          const target = valueAt(document, ["components", section, name]);
          if (target) stack.push(target);
        } else stack.push(child);
      }
    }
  }
  return seen;
}

/**
 * Names for tags in URLs and anchors: lower-case ASCII letters and digits joined by `-` (`fallback`
 * when none is left), numbered from `-2` when taken.
 */
export function uniqueSlugs(fallback: string): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || fallback;
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    taken.add(slug);
    return slug;
  };
}

/** `#/components/schemas/Thing` as `schemas/Thing` (the pointer's escaping kept): how the reference's pages list them. */
export const componentRef = (ref: string) => ref.slice("#/components/".length);

/** The document's components that `roots` reach; security schemes (named by `security`, not referenced) all stay. */
function componentsReachedFrom(document: OpenApiDocument, roots: unknown[]): Record<string, Record<string, unknown>> {
  const refs = reachableComponents(document, [...roots, document.security ?? []]);
  const components: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries<Record<string, unknown>>(document.components ?? {})) {
    const keep = Object.entries(entries ?? {}).filter(([name]) => section === "securitySchemes" || refs.has(pointer("components", section, name)));
    if (keep.length) components[section] = Object.fromEntries(keep);
  }
  return components;
}

/**
 * One document per tag (untagged operations under "default"), in the spec's tag order, then one of
 * the webhooks ("Webhooks") when the spec has any.
 */
export function splitByTag(document: OpenApiDocument): TagDocument[] {
  const tagOf = (op: { tags?: string[] }) => op.tags?.[0] ?? "default";
  const order = new Map<string, number>((document.tags ?? []).map((t: { name: string }, i: number) => [t.name, i]));
  const tags = new Set<string>();
  for (const item of Object.values<Record<string, { tags?: string[] }>>(document.paths ?? {}))
    for (const m of METHODS) if (item?.[m]) tags.add(tagOf(item[m]));
  const sorted = [...tags].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || byCodePoint(a, b));
  const uniqueSlug = uniqueSlugs("tag");
  const { paths: _paths, components: _components, tags: allTags, webhooks: _webhooks, "x-webhooks": _xWebhooks, ...rest } = document;
  const byTag: TagDocument[] = sorted.map((tag) => {
    const paths: Record<string, Record<string, unknown>> = {};
    let operations = 0;
    for (const [path, item] of Object.entries<Record<string, { tags?: string[] }>>(document.paths ?? {})) {
      const kept: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(item ?? {})) {
        if (!METHODS.includes(key)) kept[key] = value; // path-level parameters, servers, summary
        else if (tagOf(value) === tag) {
          kept[key] = value;
          operations++;
        }
      }
      if (METHODS.some((m) => kept[m])) paths[path] = kept;
    }
    const components = componentsReachedFrom(document, [paths]);
    return {
      tag,
      slug: uniqueSlug(tag),
      operations,
      document: {
        ...rest,
        tags: (allTags ?? []).filter((t: { name: string }) => t.name === tag),
        paths,
        ...(Object.keys(components).length ? { components } : {}),
      },
    };
  });
  const webhooks = Object.fromEntries(WEBHOOK_FIELDS.filter((field) => document[field] && Object.keys(document[field]).length).map((field) => [field, document[field]]));
  if (Object.keys(webhooks).length) {
    const components = componentsReachedFrom(document, Object.values(webhooks));
    const count = Object.values(webhooks).reduce((n, hooks) => n + Object.values<Record<string, unknown>>(hooks).reduce((m, item) => m + METHODS.filter((method) => item?.[method]).length, 0), 0);
    byTag.push({
      tag: "Webhooks",
      slug: uniqueSlug("webhooks"),
      operations: count,
      document: { ...rest, tags: [], paths: {}, ...webhooks, ...(Object.keys(components).length ? { components } : {}) },
    });
  }
  return byTag;
}
