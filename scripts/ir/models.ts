/** `components.schemas` → models for docs and exported type aliases. */
import type { ModelIr, PropertyIr } from "./types.js";
import type { Namespace } from "./name-claims.js";
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { isReservedBinding, isValidIdentifier, pascalCase, RESERVED_TYPE_NAMES } from "./naming.js";
import { deref, enumValues, isNullable, schemaTypes, typeLabel, type Schema } from "./schema.js";

function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function modelKind(schema: Schema): ModelIr["kind"] {
  if (Array.isArray(schema.enum)) return "enum";
  if (schema.oneOf || schema.anyOf) {
    const members = (schema.oneOf ?? schema.anyOf).filter((s: Schema) => s?.type !== "null");
    if (members.length > 1 || schema.properties) return "union";
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 1) return "intersection";
  const types = schemaTypes(schema);
  if (schema.properties || types.includes("object") || (Array.isArray(schema.allOf) && !types.length)) return "object";
  if (types.includes("array")) return "array";
  return "primitive";
}

function properties(document: Schema, schema: Schema): PropertyIr[] {
  // allOf members contribute their properties, so a composed model documents all of its fields.
  // Members come first (base fields first), then the schema's own. A name defined twice keeps
  // its first position and takes the later, more specific definition (`kind: {const: dog}` over
  // `kind: string`); it is required when any part requires it, as allOf applies every part.
  const own = new Map<string, Schema>();
  const required = new Set<string>();
  const collect = (s: Schema, depth: number) => {
    if (!s || depth > 5) return;
    for (const part of s.allOf ?? []) collect(deref(document, part), depth + 1);
    for (const name of s.required ?? []) required.add(name);
    for (const [name, property] of Object.entries<Schema>(s.properties ?? {})) {
      // Without `$ref`s the two definitions combine (the base's description stays).
      const previous = own.get(name);
      own.set(name, previous && !previous.$ref && !property.$ref ? { ...previous, ...property } : property);
    }
  };
  collect(schema, 0);
  return [...own].map(([name, property]) => {
    const resolved = deref<Schema>(document, property);
    // Keys beside a $ref (3.1) win over the referenced schema's.
    const pick = (key: string) => (property[key] !== undefined ? property[key] : resolved?.[key]);
    const description = pick("description");
    const defaultValue = pick("default");
    return {
      name,
      ...(typeof description === "string" ? { description } : {}),
      typeLabel: typeLabel(property),
      required: required.has(name),
      readOnly: pick("readOnly") === true,
      writeOnly: pick("writeOnly") === true,
      nullable: isNullable(property) || isNullable(resolved),
      deprecated: pick("deprecated") === true,
      ...(defaultValue !== undefined ? { defaultJson: JSON.stringify(defaultValue) } : {}),
      enumValues: property.$ref ? [] : enumValues(property),
    };
  });
}

/**
 * One model per schema, in code point order of the schema names; each claims its exported name
 * in `exported` (a reserved name gets `Model` appended, a taken one a number).
 */
export function buildModels(document: Schema, exported: Namespace): ModelIr[] {
  const schemas: Record<string, Schema> = document.components?.schemas ?? {};
  const models: ModelIr[] = [];
  for (const name of Object.keys(schemas).sort(byCodePoint)) {
    const raw = schemas[name];
    // A schema that is not an object (`true`, or removed as invalid) is any value.
    const schema: Schema = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
    const at = pointer("components", "schemas", name);
    // A name that is not an identifier, or is a reserved word (`import`, `package`), is exported
    // in PascalCase (`Import`).
    const wanted = (isValidIdentifier(name) && !isReservedBinding(name) ? name : pascalCase(name)) || "Model";
    const typeName = exported.claim(
      (n) => (n === 1 ? wanted : RESERVED_TYPE_NAMES.has(wanted) ? `${wanted}Model${n === 2 ? "" : n - 1}` : `${wanted}${n}`),
      { owner: `schema "${name}"`, pointer: at },
      { taken: "model-name-collision", reserved: "reserved-model-name" },
      "rename the schema to choose its exported name",
    );
    const example = schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
    const descriptions: unknown = schema["x-enum-descriptions"] ?? schema["x-enumDescriptions"];
    const kind = modelKind(schema);
    models.push({
      name,
      typeName,
      ...(typeof schema.description === "string" ? { description: schema.description } : {}),
      kind,
      properties: kind === "object" || kind === "intersection" || kind === "union" ? properties(document, schema) : [],
      enumValues: Array.isArray(schema.enum)
        ? schema.enum
            .filter((v: unknown) => v !== null)
            .map((value: unknown, i: number) => {
              const description = Array.isArray(descriptions)
                ? descriptions[i]
                : descriptions && typeof descriptions === "object"
                  ? (descriptions as Record<string, unknown>)[String(value)]
                  : undefined;
              return { value: JSON.stringify(value), ...(typeof description === "string" ? { description } : {}) };
            })
        : [],
      members: ((schema.oneOf ?? schema.anyOf ?? schema.allOf ?? []) as Schema[])
        .filter((s) => s?.type !== "null")
        .map((s) => typeLabel(s)),
      typeLabel: typeLabel(schema),
      nullable: isNullable(schema),
      readOnly: schema.readOnly === true,
      writeOnly: schema.writeOnly === true,
      ...(example !== undefined ? { exampleJson: jsonText(example) } : {}),
      // Models are exported as what the API returns: writeOnly fields are left out.
      typeExpr: `Readable<components["schemas"][${JSON.stringify(name)}]>`,
      pointer: at,
    });
  }
  return models;
}
