/**
 * Types printed as what they are, for signatures people read in their editor: `string`,
 * `"AWS" | "AZURE"`, `number[]`, `Order[]`, `AccessCredential`, instead of an index into
 * openapi-typescript's `paths`. Only the shapes whose openapi-typescript type is known for
 * certain are printed; anything else keeps the exact expression. The IR keeps both
 * (`typeExpr` and `schemaTypeExpr`), and a type test proves each pair equal for every fixture
 * (test/client/printed-types.test.ts), so the two cannot drift apart.
 */
import { refModelName, type Schema } from "./schema.js";

/** Keys that document a schema without changing its type (openapi-typescript prints them as JSDoc). */
const DOC_KEYS = new Set([
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "deprecated",
  "$comment",
  "externalDocs",
  "xml",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "default",
]);

/** Keys of a schema other than documentation and vendor extensions. */
function typeKeys(schema: Schema): string[] {
  return Object.keys(schema).filter((key) => !DOC_KEYS.has(key) && !key.startsWith("x-"));
}

function only(schema: Schema, allowed: readonly string[]): boolean {
  return typeKeys(schema).every((key) => allowed.includes(key));
}

const PRIMITIVES: Record<string, string> = { string: "string", integer: "number", number: "number", boolean: "boolean" };

function literal(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function union(members: string[]): string {
  return [...new Set(members)].join(" | ");
}

/** `T[]`, parenthesised when `T` is a union. */
function arrayOf(item: string): string {
  return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
}

/**
 * How a `$ref` to a model prints in one view, or `undefined` when it cannot be named there. The
 * view decides: results name the read view (`Order`), bodies the write view (`OrderInput`),
 * parameters the schema as it is.
 */
export type ModelNamer = (schemaName: string) => string | undefined;

/**
 * The TS type of `schema` as openapi-typescript prints it (with `defaultNonNullable: false`),
 * when it is simple enough to be sure: primitives, `const`, enums of primitives, `null` from a
 * 3.1 type array or 3.0 `nullable`, arrays and `oneOf`/`anyOf` choices of these, and `$ref`s to
 * models `nameModel` names.
 * `undefined` for anything else (objects, compositions, formats openapi-typescript maps, ...).
 */
export function printedType(schema: Schema | undefined, nameModel: ModelNamer, depth = 0): string | undefined {
  if (!schema || typeof schema !== "object" || Array.isArray(schema) || depth > 4) return undefined;
  if (typeof schema.$ref === "string") {
    const model = refModelName(schema.$ref);
    return model !== undefined && only(schema, ["$ref"]) ? nameModel(model) : undefined;
  }
  const types: string[] = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : [];
  const nullable = types.includes("null") || schema.nullable === true;
  const nonNull = types.filter((t) => t !== "null");
  // `format: binary` is a Blob/File for some tools: openapi-typescript keeps `string`, but be sure.
  if (schema.format === "binary" || schema.format === "byte") return undefined;
  let base: string | undefined;
  const choice: unknown = schema.oneOf ?? schema.anyOf;
  if (choice !== undefined) {
    // A choice of printable types is their union (`number | string`), as openapi-typescript prints it.
    if (!Array.isArray(choice) || choice.length === 0 || (schema.oneOf && schema.anyOf)) return undefined;
    if (!only(schema, ["oneOf", "anyOf", "nullable"]) || nonNull.length > 0) return undefined;
    const members = choice.map((member: Schema) => printedType(member, nameModel, depth + 1));
    if (members.some((m) => m === undefined)) return undefined;
    base = union(members as string[]);
  } else if ("const" in schema) {
    if (!only(schema, ["const", "type"])) return undefined;
    base = literal(schema.const);
  } else if (Array.isArray(schema.enum)) {
    if (!only(schema, ["enum", "type", "nullable"]) || nonNull.length > 1 || schema.enum.length === 0) return undefined;
    const printed: (string | undefined)[] = schema.enum.map(literal);
    if (printed.some((v) => v === undefined)) return undefined;
    const values = printed as string[];
    // openapi-typescript adds `null` for a nullable enum even when the list lacks it.
    base = union(nullable ? [...values.filter((v) => v !== "null"), "null"] : values);
    return base;
  } else if (nonNull.length === 1 && nonNull[0] === "array") {
    if (!only(schema, ["type", "items", "nullable"]) || !schema.items) return undefined;
    const item = printedType(schema.items, nameModel, depth + 1);
    base = item === undefined ? undefined : arrayOf(item);
  } else if (nonNull.length >= 1 && nonNull.every((t) => PRIMITIVES[t])) {
    if (!only(schema, ["type", "nullable"])) return undefined;
    base = union(nonNull.map((t) => PRIMITIVES[t]!));
  }
  if (base === undefined) return undefined;
  return nullable ? `${base} | null` : base;
}

/** The kind of value a response header is parsed to (templates/runtime/response.ts `HeaderKind`). */
export function headerKind(schema: Schema | undefined): { kind: string; typeExpr: string } {
  const scalar = (s: Schema | undefined): "string" | "number" | "boolean" | undefined => {
    const type = Array.isArray(s?.type) ? s!.type.find((t: string) => t !== "null") : s?.type;
    return type === "integer" || type === "number" ? "number" : type === "boolean" ? "boolean" : type === "string" ? "string" : undefined;
  };
  const plain = (s: Schema | undefined) => {
    // An enum of strings keeps its literals; a number or boolean is typed as what it parses to.
    const printed = printedType(s, () => undefined);
    return printed !== undefined && !printed.includes("null") && !printed.includes("[]") ? printed : undefined;
  };
  const types: string[] = Array.isArray(schema?.type) ? schema!.type : [schema?.type];
  if (types.includes("array")) {
    const item = scalar(schema?.items);
    if (item) return { kind: `${item}[]`, typeExpr: arrayOf(plain(schema?.items) ?? item) };
  }
  const kind = scalar(schema);
  if (kind) return { kind, typeExpr: plain(schema) ?? kind };
  return { kind: "string", typeExpr: "string" };
}
