/**
 * Reading schema objects for people: short type labels (with links to models) and example
 * values for docs. The client never uses these for typing: its types come from openapi-typescript.
 */
import { pointer, refTokens, valueAt } from "../json-pointer.js";
import type { TypeLabel } from "./types.js";

export type Schema = Record<string, any>;

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

/** The model name a `$ref` points to, if it points into `components.schemas`. */
export function refModelName(ref: unknown): string | undefined {
  if (typeof ref !== "string") return undefined;
  const match = SCHEMA_REF.exec(ref);
  // The rest of the pointer read as one token, as written: a `$ref` into a part of a model is named by that path.
  return match ? refTokens(`#/${match[1]!.replace(/\//g, "~1")}`)[0] : undefined;
}

/** Follow local `$ref`s (to any component) until a non-reference object. */
export function deref<T = any>(document: Schema, value: any): T {
  let current = value;
  let seen: Set<string> | undefined;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) break;
    seen ??= new Set();
    if (seen.has(ref)) break;
    seen.add(ref);
    const target = resolvePointer(document, ref);
    if (target === undefined) break;
    current = target;
  }
  return current as T;
}

/**
 * `deref`, and where the value it ends at is in the document: `at` (where `value` is written)
 * while it is not a reference, else the pointer of the last `$ref` followed.
 */
export function derefAt<T = any>(document: Schema, value: any, at: string): { value: T; at: string } {
  let current = value;
  let where = at;
  const seen = new Set<string>();
  while (
    current &&
    typeof current === "object" &&
    typeof current.$ref === "string" &&
    current.$ref.startsWith("#/") &&
    !seen.has(current.$ref)
  ) {
    seen.add(current.$ref);
    const target = resolvePointer(document, current.$ref);
    if (target === undefined) break;
    where = pointer(...refTokens(current.$ref));
    current = target;
  }
  return { value: current as T, at: where };
}

/** Local pointers resolved once per document (the IR reads the document, never writes it). */
const resolved = new WeakMap<Schema, Map<string, unknown>>();

function resolvePointer(document: Schema, ref: string): unknown {
  let cache = resolved.get(document);
  if (!cache) resolved.set(document, (cache = new Map()));
  if (cache.has(ref)) return cache.get(ref);
  const target = valueAt(document, refTokens(ref));
  cache.set(ref, target);
  return target;
}

const text = (t: string): TypeLabel => ({ text: t, parts: [{ text: t }] });

function joinLabels(labels: TypeLabel[], separator: string): TypeLabel {
  const parts: TypeLabel["parts"] = [];
  labels.forEach((label, i) => {
    if (i > 0) parts.push({ text: separator });
    parts.push(...label.parts);
  });
  return mergeText(parts);
}

function wrap(prefix: string, inner: TypeLabel, suffix: string): TypeLabel {
  return mergeText([{ text: prefix }, ...inner.parts, { text: suffix }]);
}

/** Adjacent plain segments are merged so the output stays small and stable. */
function mergeText(parts: TypeLabel["parts"]): TypeLabel {
  const merged: TypeLabel["parts"] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && !last.model && !part.model) last.text += part.text;
    else if (part.text !== "") merged.push({ ...part });
  }
  return { text: merged.map((p) => p.text).join(""), parts: merged };
}

/** The non-null types of a schema (3.1 `type` arrays, 3.0 `nullable`). */
export function schemaTypes(schema: Schema): string[] {
  const type = schema.type;
  const types: string[] = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  return types.filter((t) => t !== "null");
}

export function isNullable(schema: Schema | undefined): boolean {
  if (!schema || typeof schema !== "object") return false;
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  const alternatives: Schema[] = schema.oneOf ?? schema.anyOf ?? [];
  return alternatives.some((s) => s && (s.type === "null" || (s.enum && s.enum.length === 1 && s.enum[0] === null)));
}

/** A short type label: `string (date-time)`, `Array<Pet>`, `Cat | Dog`, `Map<string, integer>`. */
export function typeLabel(schema: Schema | undefined, depth = 0): TypeLabel {
  if (!schema || typeof schema !== "object" || depth > 6) return text("any");
  const model = refModelName(schema.$ref);
  if (model) return { text: model, parts: [{ text: model, model }] };
  if (schema.$ref) return text("object");
  if ("const" in schema) return text(JSON.stringify(schema.const));
  for (const key of ["oneOf", "anyOf"] as const) {
    const members = (schema[key] as Schema[] | undefined)?.filter((s) => s && s.type !== "null");
    if (members && members.length > 0) {
      if (members.length === 1) return typeLabel(members[0], depth + 1);
      return joinLabels(
        members.map((m) => typeLabel(m, depth + 1)),
        " | ",
      );
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    if (schema.allOf.length === 1) return typeLabel(schema.allOf[0], depth + 1);
    return joinLabels(
      schema.allOf.map((m: Schema) => typeLabel(m, depth + 1)),
      " & ",
    );
  }
  const types = schemaTypes(schema);
  if (types.length > 1)
    return joinLabels(
      types.map((t) => typeLabel({ ...schema, type: t }, depth + 1)),
      " | ",
    );
  const type = types[0] ?? (schema.properties ? "object" : schema.items ? "array" : schema.enum ? typeof schema.enum[0] : undefined);
  switch (type) {
    case "array":
      return wrap("Array<", typeLabel(schema.items, depth + 1), ">");
    case "object": {
      const additional = schema.additionalProperties;
      if (!schema.properties && additional && typeof additional === "object") {
        return wrap("Record<string, ", typeLabel(additional, depth + 1), ">");
      }
      return text("object");
    }
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return text(schema.format ? `${type} (${schema.format})` : type);
    default:
      return text("any");
  }
}

export function enumValues(schema: Schema | undefined): string[] {
  const values = schema?.enum ?? (schema?.items as Schema | undefined)?.enum;
  return Array.isArray(values) ? values.filter((v: unknown) => v !== null).map((v: unknown) => JSON.stringify(v)) : [];
}
