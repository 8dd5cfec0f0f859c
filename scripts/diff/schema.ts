/** Two schemas compared: types, formats, enums, properties, items; each change by its effect and direction. */
import { deref, isNullable, refModelName, schemaTypes, typeLabel, type Schema } from "../ir/schema.js";
import { byCodePoint } from "../sort.js";
import type { Collector, Direction } from "./changes.js";

/** The set of JSON types a schema allows, `null` included; undefined when it does not say. */
function typeSet(document: Schema, schema: Schema): Set<string> | undefined {
  const types = schemaTypes(schema);
  let inferred = types.length ? types : schema.properties ? ["object"] : schema.items ? ["array"] : [];
  if (!inferred.length && Array.isArray(schema.enum) && schema.enum.length)
    inferred = [
      ...new Set(schema.enum.filter((v: unknown) => v !== null).map((v: unknown) => (Number.isInteger(v) ? "integer" : typeof v))),
    ] as string[];
  if (!inferred.length) return undefined;
  const set = new Set(inferred);
  if (isNullable(schema) || (Array.isArray(schema.enum) && schema.enum.includes(null))) set.add("null");
  void document;
  return set;
}

/** `integer` values are `number` values too. */
function covers(outer: Set<string>, inner: Set<string>): boolean {
  for (const t of inner) if (!outer.has(t) && !(t === "integer" && outer.has("number"))) return false;
  return true;
}

function describeTypes(set: Set<string> | undefined): string {
  return set ? [...set].sort(byCodePoint).join(" | ") : "any";
}

function memberLabels(schema: Schema, key: "oneOf" | "anyOf" | "allOf"): string[] {
  return ((schema[key] ?? []) as Schema[]).filter((s) => s && s.type !== "null").map((s) => refModelName(s.$ref) ?? typeLabel(s).text);
}

export interface SchemaContext {
  out: Collector;
  oldDoc: Schema;
  newDoc: Schema;
  direction: Direction;
  subject: string;
  /** Pairs of inline schemas already being compared (recursive inline shapes). */
  seen: Set<string>;
}

/**
 * Where in a schema, for people: `property weight: `, `query parameter status: `,
 * `response, property items[].name: `; nothing for the whole schema of a model.
 */
function at(path: string): string {
  const dot = path.indexOf(".");
  const label = dot < 0 ? path : path.slice(0, dot);
  const property = dot < 0 ? "" : path.slice(dot + 1);
  if (label && property) return `${label}, property ${property}: `;
  if (label) return `${label}: `;
  return property ? `property ${property}: ` : "";
}

/** Compares two schemas; `path` names the place for people (`.credential.aws`, `[]`). */
export function compareSchema(
  ctx: SchemaContext,
  oldRaw: Schema | undefined,
  newRaw: Schema | undefined,
  path: string,
  pointer?: string,
): void {
  if (!oldRaw || !newRaw) return;
  const oldModel = refModelName(oldRaw.$ref);
  const newModel = refModelName(newRaw.$ref);
  if (oldModel || newModel) {
    if (oldModel && newModel) {
      if (oldModel !== newModel)
        ctx.out.shape(
          "type-changed",
          "changed",
          ctx.direction,
          ctx.subject,
          `${at(path)}type changed from ${oldModel} to ${newModel}`,
          pointer,
        );
      // The same model on both sides is compared once, as a model.
      return;
    }
    const key = `${oldModel ?? JSON.stringify(oldRaw).slice(0, 200)}|${newModel ?? JSON.stringify(newRaw).slice(0, 200)}|${path}`;
    if (ctx.seen.has(key) || ctx.seen.size > 500) return;
    ctx.seen.add(key);
  }
  const oldSchema = deref<Schema>(ctx.oldDoc, oldRaw);
  const newSchema = deref<Schema>(ctx.newDoc, newRaw);
  if (!oldSchema || !newSchema || typeof oldSchema !== "object" || typeof newSchema !== "object") return;

  // Compositions: compared by their members' names.
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const before = memberLabels(oldSchema, key);
    const after = memberLabels(newSchema, key);
    if (!before.length && !after.length) continue;
    const removed = before.filter((m) => !after.includes(m));
    const added = after.filter((m) => !before.includes(m));
    if (key === "allOf") {
      // Every allOf member adds constraints: any change to the list changes the type.
      if (removed.length || added.length)
        ctx.out.shape(
          "type-changed",
          "changed",
          ctx.direction,
          ctx.subject,
          `${at(path)}allOf changed: ${[...removed.map((m) => `-${m}`), ...added.map((m) => `+${m}`)].join(", ")}`,
          pointer,
        );
    } else {
      for (const m of removed)
        ctx.out.shape("union-member-removed", "narrowed", ctx.direction, ctx.subject, `${at(path)}${key} member ${m} removed`, pointer);
      for (const m of added)
        ctx.out.shape("union-member-added", "widened", ctx.direction, ctx.subject, `${at(path)}${key} member ${m} added`, pointer);
    }
  }

  // Types (nullability included).
  const oldTypes = typeSet(ctx.oldDoc, oldSchema);
  const newTypes = typeSet(ctx.newDoc, newSchema);
  if (oldTypes || newTypes) {
    const same = oldTypes && newTypes && oldTypes.size === newTypes.size && [...oldTypes].every((t) => newTypes.has(t));
    if (!same) {
      const effect = !oldTypes
        ? "narrowed"
        : !newTypes
          ? "widened"
          : covers(oldTypes, newTypes)
            ? "narrowed"
            : covers(newTypes, oldTypes)
              ? "widened"
              : "changed";
      const onlyNull =
        oldTypes && newTypes && [...oldTypes].filter((t) => t !== "null").join() === [...newTypes].filter((t) => t !== "null").join();
      const kind = onlyNull
        ? newTypes!.has("null")
          ? "nullable-added"
          : "nullable-removed"
        : effect === "narrowed"
          ? "type-narrowed"
          : effect === "widened"
            ? "type-widened"
            : "type-changed";
      ctx.out.shape(
        kind,
        effect,
        ctx.direction,
        ctx.subject,
        `${at(path)}type ${effect === "changed" ? "changed" : effect} from ${describeTypes(oldTypes)} to ${describeTypes(newTypes)}`,
        pointer,
      );
      if (effect === "changed") return;
    }
  }
  if (oldSchema.format !== newSchema.format && (oldSchema.format || newSchema.format)) {
    ctx.out.add(
      "format-changed",
      "patch",
      ctx.subject,
      `${at(path)}format changed from ${oldSchema.format ?? "(none)"} to ${newSchema.format ?? "(none)"}`,
      pointer,
    );
  }

  // Enums.
  const oldEnum = Array.isArray(oldSchema.enum)
    ? oldSchema.enum.filter((v: unknown) => v !== null).map((v: unknown) => JSON.stringify(v))
    : undefined;
  const newEnum = Array.isArray(newSchema.enum)
    ? newSchema.enum.filter((v: unknown) => v !== null).map((v: unknown) => JSON.stringify(v))
    : undefined;
  if (oldEnum && newEnum) {
    for (const v of oldEnum.filter((v: string) => !newEnum.includes(v)))
      ctx.out.shape("enum-value-removed", "narrowed", ctx.direction, ctx.subject, `${at(path)}enum value ${v} removed`, pointer);
    for (const v of newEnum.filter((v: string) => !oldEnum.includes(v)))
      ctx.out.shape("enum-value-added", "widened", ctx.direction, ctx.subject, `${at(path)}enum value ${v} added`, pointer);
  } else if (newEnum && !oldEnum) {
    ctx.out.shape("enum-added", "narrowed", ctx.direction, ctx.subject, `${at(path)}values restricted to ${newEnum.join(", ")}`, pointer);
  } else if (oldEnum && !newEnum) {
    ctx.out.shape(
      "enum-removed",
      "widened",
      ctx.direction,
      ctx.subject,
      `${at(path)}values no longer restricted to ${oldEnum.join(", ")}`,
      pointer,
    );
  }

  // Object properties.
  const oldProps: Record<string, Schema> = oldSchema.properties ?? {};
  const newProps: Record<string, Schema> = newSchema.properties ?? {};
  const oldRequired = new Set<string>(oldSchema.required ?? []);
  const newRequired = new Set<string>(newSchema.required ?? []);
  const direction = ctx.direction;
  for (const name of Object.keys(oldProps).sort(byCodePoint)) {
    const at = `${path}.${name}`;
    if (!(name in newProps)) {
      ctx.out.add("property-removed", "major", ctx.subject, `property ${at.replace(/^\./, "")} removed`, pointer);
      continue;
    }
    const wasRequired = oldRequired.has(name);
    const isRequired = newRequired.has(name);
    if (!wasRequired && isRequired) {
      // Sending: callers must now give it. Receiving: it is always there now.
      ctx.out.add(
        "property-now-required",
        direction === "response" ? "minor" : "major",
        ctx.subject,
        `property ${at.replace(/^\./, "")} is now required`,
        pointer,
      );
    } else if (wasRequired && !isRequired) {
      ctx.out.add(
        "property-now-optional",
        direction === "request" ? "minor" : "major",
        ctx.subject,
        `property ${at.replace(/^\./, "")} is now optional`,
        pointer,
      );
    }
    compareSchema(ctx, oldProps[name], newProps[name], at, pointer);
  }
  for (const name of Object.keys(newProps).sort(byCodePoint)) {
    if (name in oldProps) continue;
    const at = `${path}.${name}`.replace(/^\./, "");
    if (newRequired.has(name)) {
      ctx.out.add(
        "required-property-added",
        direction === "response" ? "minor" : "major",
        ctx.subject,
        `required property ${at} added`,
        pointer,
      );
    } else {
      ctx.out.add("optional-property-added", "minor", ctx.subject, `optional property ${at} added`, pointer);
    }
  }

  // Arrays and maps.
  if (oldSchema.items || newSchema.items) compareSchema(ctx, oldSchema.items, newSchema.items, `${path}[]`, pointer);
  const oldAdditional = oldSchema.additionalProperties;
  const newAdditional = newSchema.additionalProperties;
  if (oldAdditional && newAdditional && typeof oldAdditional === "object" && typeof newAdditional === "object") {
    compareSchema(ctx, oldAdditional, newAdditional, `${path}{}`, pointer);
  }
}
