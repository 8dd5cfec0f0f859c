/**
 * The copy of the spec Prism loads, made small enough for Prism to load.
 *
 * Prism 5.14.2 loads a spec by replacing every `$ref` with its target (json-schema-ref-parser's
 * `dereference`), then copies the result with `decycle`, which writes an object out again at every
 * place it is reachable from and stops only where a path closes a cycle. The document Prism holds
 * is therefore the *unfolding* of the spec's references: every path through them, to the end of
 * each cycle. GitHub's spec (1,223 operations) unfolds to about 2 million nodes and loads in
 * seconds; Stripe's, whose expandable fields refer to most other objects, to about 10^10: Prism
 * never finishes loading it (still dereferencing after 10 minutes).
 *
 * `prismCopy` measures the unfolding first. Within `PRISM_NODE_BUDGET` the document goes to Prism
 * as it is. Beyond it, Prism gets a copy in which each operation is written out in full, its
 * references inlined (a cycle becomes a local `$ref` to where it started, as Prism's own copy has
 * it), and the schema references of an operation whose unfolding is over its share of the budget
 * are followed only so many deep: a deeper one becomes its target's bare type (any object). What that leaves unchecked
 * is reported, per operation, as a skip with `DEPTH_CUT_REASON`.
 */
import { encodePointerToken, refTokens, valueAt } from "../json-pointer.js";
import type { OpenApiDocument } from "../load/load.js";

/** Nodes of the unfolded document beyond which Prism gets the cut copy (GitHub's spec: ~2 million, ~10 s to load). */
export const PRISM_NODE_BUDGET = 5_000_000;
/** The least share of the budget an operation gets, however many operations there are. */
const MIN_OPERATION_BUDGET = 10_000;
/** The deepest cut tried (schema references): far beyond any spec's nesting without a cycle. */
const MAX_CUT_DEPTH = 40;

export const DEPTH_CUT_REASON =
  "Prism's loader writes out every path through the spec's $refs, too many on this spec: the copy Prism loads stops following this operation's schema references at this depth (deeper values are checked for their type only)";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Components that are not schemas: always inlined, never cut (a cut response or parameter would be no longer valid). */
const NON_SCHEMA_COMPONENT =
  /^#\/components\/(parameters|responses|requestBodies|headers|examples|links|callbacks|pathItems|securitySchemes)\//;

export interface DepthCut {
  method: string;
  path: string;
  /** Schema references followed from the operation; deeper ones are their target's bare type in Prism's copy. */
  depth: number;
  /** Nodes of the operation in Prism's copy. */
  nodes: number;
}

export interface PrismCopy {
  document: OpenApiDocument;
  /** Nodes of the spec's unfolding (at most the budget plus one: counting stops past it). */
  unfoldedNodes: number;
  /** Operations whose schemas Prism's copy cuts (none when the document goes as it is). */
  cuts: DepthCut[];
}

class OverBudget extends Error {}

type Json = unknown;

function isRef(node: Json): node is { $ref: string } {
  return node !== null && typeof node === "object" && !Array.isArray(node) && typeof (node as { $ref?: unknown }).$ref === "string";
}

/** A pointer Prism's reference parser reads back as these tokens (it percent-decodes each one). */
function uriPointer(tokens: readonly string[]): string {
  return `#/${tokens.map((t) => encodeURIComponent(encodePointerToken(t))).join("/")}`;
}

/**
 * Nodes of the unfolding of `node` (see the header), counting stopped past `limit`. Targets are
 * counted once per reference, as Prism writes them; a reference back into the current path counts one.
 */
export function unfoldedSize(document: OpenApiDocument, node: Json = document, limit = PRISM_NODE_BUDGET): number {
  let count = 0;
  const open = new Set<string>();
  const walk = (value: Json): void => {
    if (++count > limit) throw new OverBudget();
    if (value === null || typeof value !== "object") return;
    if (isRef(value)) {
      const ref = value.$ref;
      if (!ref.startsWith("#") || open.has(ref)) return;
      open.add(ref);
      walk(valueAt(document, refTokens(ref)));
      open.delete(ref);
      return;
    }
    for (const child of Object.values(value as object)) walk(child);
  };
  try {
    walk(node);
  } catch (error) {
    if (error instanceof OverBudget) return limit + 1;
    throw error;
  }
  return count;
}

/**
 * What a cut reference becomes: its target's type, nothing more (any object, any string …), so that
 * it accepts every value the full schema does. Not `{}`: from an empty schema Prism's generator
 * makes values of any shape, and crashes on some (arrays of objects it then cannot clean up).
 */
function cutSchema(document: OpenApiDocument, ref: { $ref: string }, seen = new Set<string>()): Json {
  const target = valueAt(document, refTokens(ref.$ref)) as Record<string, Json> | undefined;
  if (target === null || typeof target !== "object" || seen.has(ref.$ref)) return {};
  if (isRef(target)) return cutSchema(document, target, seen.add(ref.$ref));
  const nullable = target.nullable === true ? { nullable: true } : {};
  if (target.type === "array") {
    const items = target.items as Record<string, Json> | undefined;
    const itemType = isRef(items)
      ? cutSchema(document, items, seen.add(ref.$ref))
      : typeof items?.type === "string"
        ? { type: items.type }
        : {};
    return { type: "array", items: itemType, ...nullable };
  }
  return typeof target.type === "string" || Array.isArray(target.type) ? { type: target.type, ...nullable } : {};
}

/**
 * `node` written out with its local references inlined, at `at` in the copy: a reference to a
 * target already open on the path becomes a `$ref` to where that target was written; schema
 * references deeper than `maxDepth` become their target's bare type. Throws `OverBudget` past `limit` nodes.
 */
function inline(
  document: OpenApiDocument,
  node: Json,
  at: readonly string[],
  maxDepth: number,
  limit: number,
): { value: Json; nodes: number; cut: boolean } {
  let nodes = 0;
  let cut = false;
  const open = new Map<string, string>(); // target → where it was written
  const where = [...at]; // the path of the node being written (pushed and popped: no copy per node)
  const child = (value: Json, key: string, depth: number): Json => {
    where.push(key);
    const written = walk(value, depth);
    where.pop();
    return written;
  };
  const walk = (value: Json, depth: number): Json => {
    if (++nodes > limit) throw new OverBudget();
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item, i) => child(item, String(i), depth));
    if (isRef(value) && value.$ref.startsWith("#")) {
      const { $ref: ref, ...siblings } = value;
      const back = open.get(ref);
      if (back !== undefined) return { ...siblings, $ref: back };
      const isSchema = !NON_SCHEMA_COMPONENT.test(ref);
      if (isSchema && depth >= maxDepth) {
        cut = true;
        return cutSchema(document, value);
      }
      const target = valueAt(document, refTokens(ref));
      if (target === null || typeof target !== "object") return value; // unresolvable: Prism says so itself
      // As Prism's reference parser merges them: the reference's own keys first, then the target's others.
      const merged: Record<string, Json> = { ...siblings };
      for (const [key, item] of Object.entries(target)) if (!(key in merged)) merged[key] = item;
      open.set(ref, uriPointer(where));
      const written = walk(merged, isSchema ? depth + 1 : depth);
      open.delete(ref);
      return written;
    }
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = child(item, key, depth);
    return out;
  };
  const value = walk(node, 0);
  return { value, nodes, cut };
}

/**
 * The operation written out with as many schema references followed as fit `limit`: one more
 * level at a time (each level costs more nodes than all before it, on a spec that needs a cut),
 * until one is over the limit or nothing is cut any more. `depth` is absent when nothing is cut.
 */
function inlineWithinBudget(
  document: OpenApiDocument,
  node: Json,
  at: readonly string[],
  limit: number,
): { value: Json; nodes: number; depth?: number } {
  let best: { value: Json; nodes: number; depth: number } | undefined;
  for (let depth = 0; depth <= MAX_CUT_DEPTH; depth++) {
    let attempt: ReturnType<typeof inline>;
    try {
      attempt = inline(document, node, at, depth, limit);
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      break;
    }
    if (!attempt.cut) return { value: attempt.value, nodes: attempt.nodes };
    best = { value: attempt.value, nodes: attempt.nodes, depth };
  }
  // Not even the operation with no schema reference followed fits: it goes so, over its share.
  return best ?? { ...inline(document, node, at, 0, Infinity), depth: 0 };
}

/** The document Prism is to load, and which operations it cuts (see the header). */
export function prismCopy(document: OpenApiDocument, budget = PRISM_NODE_BUDGET): PrismCopy {
  const unfoldedNodes = unfoldedSize(document, document, budget);
  if (unfoldedNodes <= budget) return { document, unfoldedNodes, cuts: [] };

  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  const operations = Object.values(paths).reduce((n, item) => n + HTTP_METHODS.filter((m) => item?.[m] !== undefined).length, 0);
  const share = Math.max(MIN_OPERATION_BUDGET, Math.floor(budget / Math.max(1, operations)));
  const cuts: DepthCut[] = [];
  const copiedPaths: Record<string, Json> = {};
  for (const [route, item] of Object.entries(paths)) {
    // A path item may itself be a reference (to components.pathItems): read through it.
    const pathItem = (isRef(item) ? valueAt(document, refTokens(item.$ref)) : item) as Record<string, Json> | undefined;
    if (pathItem === null || typeof pathItem !== "object") continue;
    const copy: Record<string, Json> = {};
    for (const [key, value] of Object.entries(pathItem)) {
      const at = ["paths", route, key];
      const written = inlineWithinBudget(document, value, at, share);
      copy[key] = written.value;
      if (written.depth === undefined) continue;
      // A cut in what the path item shares (its parameters) cuts each of its operations.
      const methods = (HTTP_METHODS as readonly string[]).includes(key) ? [key] : HTTP_METHODS.filter((m) => pathItem[m] !== undefined);
      for (const method of methods) cuts.push({ method: method.toUpperCase(), path: route, depth: written.depth, nodes: written.nodes });
    }
    copiedPaths[route] = copy;
  }
  // Every reference of the paths is inlined: of the components, Prism still needs the security schemes.
  const components = document.components as Record<string, Json> | undefined;
  const { webhooks: _webhooks, components: _components, paths: _paths, ...rest } = document;
  return {
    document: {
      ...rest,
      paths: copiedPaths,
      ...(components?.securitySchemes !== undefined ? { components: { securitySchemes: components.securitySchemes } } : {}),
    },
    unfoldedNodes,
    cuts,
  };
}
