/** `components.schemas` → models for docs and exported types (interfaces where they can be). */
import type { ModelIr, PropertyIr } from "./types.js";
import type { Namespace } from "./name-claims.js";
import type { SpecIssue } from "../issues.js";
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { globalSafeTypeName, isReservedBinding, isValidIdentifier, pascalCase, RESERVED_TYPE_NAMES } from "./naming.js";
import { deref, enumValues, isNullable, refModelName, schemaTypes, typeLabel, type Schema } from "./schema.js";

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

/** Every child schema of a schema (one level), where a type can continue. */
function children(schema: Schema): unknown[] {
  const out: unknown[] = [];
  for (const key of ["allOf", "oneOf", "anyOf", "prefixItems"]) if (Array.isArray(schema[key])) out.push(...schema[key]);
  for (const key of ["items", "additionalProperties", "not", "if", "then", "else"]) out.push(schema[key]);
  for (const key of ["properties", "patternProperties"]) out.push(...Object.values(schema[key] ?? {}));
  return out;
}

/** Calls `visit` on every schema reachable from `roots` (through `$ref`s), each once. */
function walkSchemas(document: Schema, roots: unknown[], visit: (schema: Schema, ref?: string) => boolean | void): void {
  const seen = new Set<object>();
  const stack = [...roots];
  while (stack.length > 0) {
    const raw = stack.pop();
    if (!raw || typeof raw !== "object" || seen.has(raw)) continue;
    seen.add(raw);
    const node = raw as Schema;
    if (visit(node, typeof node.$ref === "string" ? node.$ref : undefined) === false) return;
    if (typeof node.$ref === "string") stack.push(deref(document, { $ref: node.$ref }));
    stack.push(...children(node));
  }
}

/** The names of the models (`components.schemas`) reachable from these schemas, e.g. request bodies. */
export function modelsReachedFrom(document: Schema, roots: unknown[]): Set<string> {
  const names = new Set<string>();
  walkSchemas(document, roots, (_, ref) => {
    const name = refModelName(ref);
    if (name !== undefined) names.add(name);
  });
  return names;
}

/**
 * Is some schema reachable from `schema` `readOnly` or `writeOnly` (openapi-typescript's
 * `$Read`/`$Write` markers)? Only the model's own root does not count: openapi-typescript marks
 * properties, never the schema itself.
 */
function hasMarkers(document: Schema, schema: Schema): boolean {
  let found = false;
  walkSchemas(document, [schema], (node) => {
    if (node !== schema && (node.readOnly === true || node.writeOnly === true)) found = true;
    return !found;
  });
  return found;
}

/**
 * Whether openapi-typescript's type of the schema, through `Readable`/`Writable`, is one object
 * type an interface can extend: an object (properties, additionalProperties) or an `allOf` of
 * such, never nullable, a union, an enum or a primitive.
 */
function isObjectType(document: Schema, schema: Schema | undefined, depth = 0): boolean {
  if (!schema || typeof schema !== "object" || depth > 16) return false;
  if (typeof schema.$ref === "string") {
    const target = deref<Schema>(document, schema);
    const siblings = Object.keys(schema).filter((k) => !["$ref", "description", "summary", "title"].includes(k));
    return target !== schema && siblings.length === 0 && isObjectType(document, target, depth + 1);
  }
  if (isNullable(schema) || schema.oneOf || schema.anyOf || schema.enum || "const" in schema || schema.not) return false;
  if (schema.readOnly === true || schema.writeOnly === true) return false;
  const types = schemaTypes(schema);
  if (types.some((t) => t !== "object")) return false;
  // An index signature beside properties of other types is an error in an interface (TS2411), not
  // in a type alias, and openapi-typescript adds properties of its own (a discriminator's value)
  // to schemas a oneOf names: a schema with additionalProperties or patternProperties stays a type alias.
  if ((schema.additionalProperties !== undefined && schema.additionalProperties !== false) || schema.patternProperties) return false;
  if (Array.isArray(schema.allOf)) {
    return schema.allOf.length > 0 && schema.allOf.every((part: Schema) => isObjectType(document, part, depth + 1));
  }
  return types.includes("object") || schema.properties !== undefined || schema.additionalProperties !== undefined;
}

/**
 * One model per schema, in code point order of the schema names; each claims its exported name
 * in `exported` (a reserved name gets `Model` appended, a taken one a number), then each write
 * view its `XxxInput` name.
 * @param bodyModels - models a request body reaches: they get a write view, `XxxInput`.
 */
export function buildModels(
  document: Schema,
  exported: Namespace,
  issues: SpecIssue[],
  bodyModels: ReadonlySet<string> = new Set(),
): ModelIr[] {
  const schemas: Record<string, Schema> = document.components?.schemas ?? {};
  const models: ModelIr[] = [];
  for (const name of Object.keys(schemas).sort(byCodePoint)) {
    const raw = schemas[name];
    // A schema that is not an object (`true`, or removed as invalid) is any value.
    const schema: Schema = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
    const at = pointer("components", "schemas", name);
    // A name that is not an identifier, or is a reserved word (`import`, `package`), is exported
    // in PascalCase (`Import`).
    const exportedName = (isValidIdentifier(name) && !isReservedBinding(name) ? name : pascalCase(name)) || "Model";
    // A name that would hide a JavaScript global in the user's file (`Error`) gets a suffix.
    const safeName = globalSafeTypeName(exportedName);
    if (safeName) {
      issues.push({
        code: "model-name-shadows-global",
        severity: "warning",
        pointer: at,
        message: `schema "${name}" is exported as \`${safeName}\`: \`${exportedName}\` would hide the JavaScript global \`${exportedName}\` in any file that imports it`,
        hint: `the client exports it as \`${safeName}\`; rename the schema to choose another name`,
      });
    }
    const wanted = safeName ?? exportedName;
    const typeName = exported.claim(
      (n) => (n === 1 ? wanted : RESERVED_TYPE_NAMES.has(wanted) ? `${wanted}Model${n === 2 ? "" : n - 1}` : `${wanted}${n}`),
      { owner: `schema "${name}"`, pointer: at },
      { taken: "model-name-collision", reserved: "reserved-model-name" },
      "rename the schema to choose its exported name",
    );
    const example = schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
    const descriptions: unknown = schema["x-enum-descriptions"] ?? schema["x-enumDescriptions"];
    const kind = modelKind(schema);
    const isInterface = isObjectType(document, schema);
    const readView = `Readable<components["schemas"][${JSON.stringify(name)}]>`;
    const writeView = `Writable<components["schemas"][${JSON.stringify(name)}]>`;
    models.push({
      name,
      typeName,
      // Models are exported as what the API returns: writeOnly fields are left out.
      isInterface,
      typeExpr: readView,
      schemaTypeExpr: readView,
      // Enums and primitives read and write the same: no second name.
      ...(bodyModels.has(name) && kind !== "enum" && kind !== "primitive"
        ? { input: { typeName: `${typeName}Input`, isInterface, typeExpr: writeView, schemaTypeExpr: writeView } }
        : {}),
      hasMarkers: hasMarkers(document, schema),
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
      pointer: at,
    });
  }
  // The write view is `XxxInput` unless the name is taken (then it has none).
  for (const model of models) {
    if (!model.input) continue;
    const owner = exported.holder(model.input.typeName);
    if (owner === undefined) {
      exported.take(model.input.typeName, `the write view of schema "${model.name}"`);
      continue;
    }
    issues.push({
      code: "input-name-taken",
      severity: "warning",
      pointer: model.pointer,
      message: `the write view of schema "${model.name}" (what a request body sends) is not exported as \`${model.input.typeName}\`: ${owner} has that name`,
      hint: `request bodies are typed \`Writable<components["schemas"]["${model.name}"]>\`; rename one schema to get the alias`,
    });
    delete model.input;
  }
  return models;
}
