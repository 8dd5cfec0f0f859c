/**
 * Values for docs examples: the spec's own example where it fits the type (example-fit.ts), else
 * one made from the schema (every property of the value itself, the required ones below it).
 */
import { discriminatorValues } from "./discriminator-values.js";
import { exampleFits } from "./example-fit.js";
import { deref, schemaTypes, type Schema } from "./schema.js";

/**
 * What a schema's value must have beyond its own `required`: the names an enclosing `allOf`
 * requires (`allOf: [Base], required: [name]`), and whether it is the value itself (every
 * property shown) rather than a part of it (required properties only).
 */
interface ExampleContext {
  required: ReadonlySet<string>;
  top: boolean;
  /** A request body: `readOnly` properties are left out, and the spec's examples must fit the write view. */
  write: boolean;
}

/**
 * A value for docs examples: the spec's own example where it fits the type (example-fit.ts),
 * else one made from the type.
 */
export function exampleValue(document: Schema, schema: Schema | undefined, write = false): unknown {
  return exampleFrom(document, schema, 0, { required: new Set(), top: true, write });
}

/** The first of the spec's examples for a value (a media type's or parameter's own) that fits `schema`, else `exampleValue`. */
export function specExample(document: Schema, schema: Schema | undefined, candidates: unknown[], write: boolean): unknown {
  for (const candidate of candidates) if (candidate !== undefined && exampleFits(document, schema, candidate, write)) return candidate;
  return exampleValue(document, schema, write);
}

function exampleFrom(document: Schema, schema: Schema | undefined, depth: number, context: ExampleContext): unknown {
  if (!schema || typeof schema !== "object" || depth > 16) return null;
  const nested: ExampleContext = { required: new Set(), top: false, write: context.write };
  const fitting = (value: unknown) => value !== undefined && exampleFits(document, schema, value, context.write);
  if (fitting(schema.example)) return schema.example;
  if (Array.isArray(schema.examples) && fitting(schema.examples[0])) return schema.examples[0];
  if (schema.$ref) {
    const value = exampleFrom(document, deref(document, schema), depth + 1, context);
    // The literal openapi-typescript narrows a discriminator property to in this schema.
    const discriminator = discriminatorValues(document).get(schema.$ref);
    if (discriminator && value !== null && typeof value === "object" && !Array.isArray(value))
      return { ...value, [discriminator.property]: discriminator.values[0] };
    return value;
  }
  if ("const" in schema) return schema.const;
  if (fitting(schema.default)) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v: unknown) => v !== null) ?? null;
  const required = new Set<string>([...context.required, ...(Array.isArray(schema.required) ? schema.required : [])]);
  const own = { required, top: context.top, write: context.write };
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives?.length) {
    // The first member whose value fits the union's type (openapi-typescript may print a member no value fits).
    // Tried in order, each only when the one before does not fit (most often the first does).
    let value: unknown = null;
    let first: unknown;
    for (const member of alternatives.filter((s) => s && s.type !== "null")) {
      value = exampleFrom(document, member, depth + 1, own);
      first ??= value;
      if (exampleFits(document, schema, value, context.write)) break;
      value = first;
    }
    // Members that only describe (`oneOf: [{description}, ...]` beside `type: string`): the type decides.
    if (value !== null || schemaTypes(schema).length === 0) return value;
  }
  if (Array.isArray(schema.allOf)) {
    const values = schema.allOf.map((part: Schema) => exampleFrom(document, part, depth + 1, own));
    // An allOf of a string or an enum (`allOf: [$ref: Status]`, a way to add a description) is that value.
    const plain = values.find((value: unknown) => value !== null && (typeof value !== "object" || Array.isArray(value)));
    if (plain !== undefined) return plain;
    return Object.assign({}, ...values.filter((value: unknown) => value && typeof value === "object"));
  }
  const type = schemaTypes(schema)[0] ?? (schema.properties ? "object" : schema.items ? "array" : undefined);
  switch (type) {
    case "string":
      return schema.format === "date-time"
        ? "2024-01-01T00:00:00Z"
        : schema.format === "date"
          ? "2024-01-01"
          : schema.format === "uuid"
            ? "00000000-0000-4000-8000-000000000000"
            : "string";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return [exampleFrom(document, schema.items, depth + 1, nested)];
    case "object": {
      const result: Record<string, unknown> = {};
      for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
        const resolved = deref<Schema | false>(document, property);
        // `readOnly` is never sent; a `false` schema admits no value (typed `never`).
        if (resolved === false || (context.write && resolved?.readOnly)) continue;
        if (required.has(name) || context.top) result[name] = exampleFrom(document, property, depth + 1, nested);
      }
      return result;
    }
    default:
      return null;
  }
}
