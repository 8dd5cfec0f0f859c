/**
 * Whether an example from the spec can be written as a TypeScript literal of the type
 * openapi-typescript prints for its schema, so that a docs example made from it compiles. Specs
 * written by many hands carry examples that drifted from their schemas (a number where the schema
 * says string, a property the schema does not have, an enum value that is not in the enum); the
 * docs then show a value made from the schema instead (`exampleValue`).
 *
 * The check is TypeScript's, not JSON Schema's: an object literal may not have a property its
 * type does not declare (excess property check) unless the schema allows more
 * (`additionalProperties`); in a body (`write`), a `readOnly` property is typed `undefined`.
 * What it cannot judge (an unknown keyword, too deep) it accepts: the spec's example is kept.
 */
import { isDeepStrictEqual } from "node:util";
import { discriminatorValues } from "./discriminator-values.js";
import { deref, type Schema } from "./schema.js";

const MAX_DEPTH = 32;

interface Fit {
  document: Schema;
  /** A request body or parameter: `readOnly` properties cannot be given. */
  write: boolean;
}

/** True when `value` fits `schema` as a literal of its printed type. */
export function exampleFits(document: Schema, schema: Schema | undefined, value: unknown, write: boolean): boolean {
  return fits({ document, write }, schema, value, 0, false);
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `loose`: the value may have properties this schema does not declare (it is a member of a union
 * or a part of an intersection, whose properties are checked on the whole).
 */
function fits(fit: Fit, raw: Schema | undefined, value: unknown, depth: number, loose: boolean): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof raw?.$ref === "string" && isRecord(value)) {
    const discriminator = discriminatorValues(fit.document).get(raw.$ref);
    const given = value[discriminator?.property ?? ""];
    if (discriminator && given !== undefined && !discriminator.values.includes(given as string)) return false;
  }
  const schema = deref<Schema | boolean>(fit.document, raw);
  // The schema `false` admits no value (openapi-typescript types it `never`).
  if (schema === false) return false;
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return true;
  if (value === null && allowsNull(schema)) return true;
  if ("const" in schema) return isDeepStrictEqual(schema.const, value);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.some((v: unknown) => isDeepStrictEqual(v, value));
  const members: unknown = schema.oneOf ?? schema.anyOf;
  const parts: unknown = schema.allOf;
  const union = Array.isArray(members) && members.length > 0;
  const intersection = Array.isArray(parts) && parts.length > 0;
  if (!union && !intersection) return fitsOwn(fit, schema, value, depth, loose);
  // TypeScript's excess property check is on the whole union or intersection.
  if (!loose && isRecord(value)) {
    const shape = objectShape(fit.document, schema, depth);
    if (shape !== "open" && !Object.keys(value).every((name) => shape.has(name))) return false;
  }
  if (union && !(members as Schema[]).some((member) => fits(fit, member, value, depth + 1, true))) return false;
  if (intersection && !(parts as Schema[]).every((part) => fits(fit, part, value, depth + 1, true))) return false;
  // A part printed `Record<string, never>` makes every property of the intersection `never`.
  if (intersection && isRecord(value) && Object.keys(value).length > 0) {
    const empty = (part: Schema) => {
      const shape = objectShape(fit.document, part, depth + 1);
      return shape !== "open" && shape.size === 0;
    };
    if ((parts as Schema[]).some(empty)) return false;
  }
  return fitsOwn(fit, schema, value, depth, true);
}

/** The property names an object schema declares (its parts' too), or "open" when it takes any. */
function objectShape(document: Schema, raw: Schema, depth: number): Set<string> | "open" {
  const schema = deref<Schema>(document, raw);
  if (!schema || typeof schema !== "object" || depth > MAX_DEPTH) return "open";
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return "open";
  if (schema.patternProperties !== undefined) return "open";
  const names = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    if (!Array.isArray(schema[key])) continue;
    for (const part of schema[key] as Schema[]) {
      const shape = objectShape(document, part, depth + 1);
      if (shape === "open") return "open";
      for (const name of shape) names.add(name);
    }
  }
  if (names.size > 0) return names;
  // `type: object` and nothing else: openapi-typescript prints `Record<string, never>` (no
  // property fits, in an intersection too). Anything else without properties is open.
  const composed = ["allOf", "oneOf", "anyOf"].some((key) => Array.isArray(schema[key]));
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("object") && !composed ? names : "open";
}

/** In a body, a `readOnly` property is typed `undefined` (the `Writable` view). */
function readOnlyIn(fit: Fit, schema: Schema, name: string): boolean {
  return fit.write && deref<Schema>(fit.document, schema.properties?.[name])?.readOnly === true;
}

/** The schema's own type, properties and items. */
function fitsOwn(fit: Fit, schema: Schema, value: unknown, depth: number, loose: boolean): boolean {
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((type) => hasType(type, value))) return false;
  if (Array.isArray(value)) {
    const items = schema.items;
    return !isRecord(items) || value.every((item) => fits(fit, items, item, depth + 1, false));
  }
  if (!isRecord(value)) return true;
  const properties: Record<string, Schema> = isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const required: unknown[] = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    if (typeof name !== "string" || name in value || !(name in properties) || readOnlyIn(fit, schema, name)) continue;
    return false;
  }
  const closed = !loose && objectShape(fit.document, schema, depth) !== "open";
  for (const [name, item] of Object.entries(value)) {
    if (name in properties) {
      if (readOnlyIn(fit, schema, name) || !fits(fit, properties[name], item, depth + 1, false)) return false;
    } else if (closed) {
      return false;
    } else if (isRecord(schema.additionalProperties) && !fits(fit, schema.additionalProperties, item, depth + 1, false)) {
      return false;
    }
  }
  return true;
}

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  const types: string[] = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  // No type, but properties: an object as openapi-typescript prints it (not null).
  if (types.length === 0 && isRecord(schema.properties)) return ["object"];
  return types;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

function allowsNull(schema: Schema): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  if (schema.type === "null") return true;
  return Array.isArray(schema.enum) && schema.enum.includes(null);
}
