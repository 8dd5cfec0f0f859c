/**
 * Request values made from the schemas: a value each schema accepts (its type, enum or const,
 * format, pattern, length and range bounds, multipleOf, required properties, item counts,
 * compositions), in the *write* view (OpenAPI 3.1 §4.8.24.3: `readOnly` properties are not sent).
 * Two fillings: `required` gives only what the schema requires, `full` every property it
 * declares. Deterministic: the same schema gives the same value on every run (patterns go through
 * randexp with a fixed seed).
 */
import { createRequire } from "node:module";
import { resolvePointer } from "../json-pointer.js";

/** What is used of randexp (CommonJS: module.exports is the class; its typings only describe `default`). */
interface RandExpClass {
  max: number;
  randInt: (from: number, to: number) => number;
  gen(): string;
}
const RandExp = createRequire(import.meta.url)("randexp") as new (pattern: RegExp | string) => RandExpClass;

export type Schema = Record<string, any>;

export interface Synthesis {
  /** `required`: required properties only; `full`: every property of the write view. */
  fill: "required" | "full";
  /**
   * The value travels as text (a path, query, header or cookie parameter): `1` and `"1"` look the
   * same to the server, which matters when telling `oneOf` members apart.
   */
  wire?: boolean;
  /** Where to note each `oneOf` whose value fits several members (no value made fits one only). */
  ambiguities?: Set<AmbiguousOneOf>;
}

/** How deep values go; below it objects get their required properties only, and recursion stops. */
const MAX_DEPTH = 6;

/** Fixed values for the formats of JSON Schema (§7.3) and OpenAPI's registry, each valid for its format. */
const FORMAT_VALUES: Record<string, string> = {
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  time: "03:04:05Z",
  duration: "P1DT2H",
  email: "verify@example.com",
  "idn-email": "verify@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/verify",
  url: "https://example.com/verify",
  "uri-reference": "https://example.com/verify",
  iri: "https://example.com/verify",
  "iri-reference": "https://example.com/verify",
  "uri-template": "https://example.com/{id}",
  uuid: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  "json-pointer": "/verify",
  "relative-json-pointer": "0/verify",
  regex: "^verify$",
  byte: "dmVyaWZ5",
  binary: "verify",
  password: "verify-password",
  int32: "1",
  int64: "1",
};

/** A tiny seeded generator (mulberry32), so randexp's choices are the same on every run. */
function seeded(seed: number): (from: number, to: number) => number {
  let state = seed >>> 0;
  return (from, to) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return from + Math.floor(unit * (to - from + 1));
  };
}

/** A string matching `pattern` (and the length bounds when it can), or undefined. */
function fromPattern(pattern: string, minLength: number, maxLength: number, variant: number): string | undefined {
  // JSON Schema patterns are ECMA-262 with Unicode; some specs' patterns only read without the flag.
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "u");
  } catch {
    try {
      regex = new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
  const expression = new RandExp(regex);
  expression.max = Math.max(1, Math.min(8, maxLength));
  expression.randInt = seeded(7919 * (variant + 1));
  for (let attempt = 0; attempt < 20; attempt++) {
    const value = expression.gen();
    if (value.length >= minLength && value.length <= maxLength && regex.test(value) && value !== "." && value !== "..") return value;
  }
  return undefined;
}

/** Plain text of a given length range: `verify`, cut or padded. */
function plainString(minLength: number, maxLength: number, variant: number): string {
  const base = variant === 0 ? "verify" : `verify${variant}`;
  const padded = base.length < minLength ? base + "x".repeat(minLength - base.length) : base;
  return padded.slice(0, Math.max(minLength, Math.min(maxLength, padded.length)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A `oneOf` for which no value made fits one member only: `discriminator` when the oneOf names
 * its member by a discriminator (which a plain JSON Schema validator does not read), else `overlap`.
 */
export type AmbiguousOneOf = "discriminator" | "overlap";

export class ValueSynthesizer {
  constructor(private readonly document: Schema) {}

  /** A value `schema` accepts, or undefined when the schema accepts nothing we can make. */
  value(schema: Schema | undefined, synthesis: Synthesis, variant = 0): unknown {
    return this.#value(schema, synthesis, 0, variant, new Set());
  }

  /** The schema with its `$ref` followed (siblings of a `$ref` kept, as OpenAPI 3.1 allows). */
  resolve(schema: Schema | undefined, seen = new Set<string>()): Schema {
    let current: Schema = schema ?? {};
    while (isPlainObject(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
      const ref: string = current.$ref;
      if (seen.has(ref)) return {};
      seen.add(ref);
      const target = resolvePointer(this.document, ref);
      if (!isPlainObject(target)) return {};
      const { $ref: _ref, ...siblings } = current;
      current = Object.keys(siblings).length > 0 ? { allOf: [target, siblings] } : (target as Schema);
    }
    return isPlainObject(current) ? current : {};
  }

  /** `allOf` folded into one schema: properties and required lists joined, bounds narrowed. */
  merged(schema: Schema, depth = 0): Schema {
    const resolved = this.resolve(schema);
    if (!Array.isArray(resolved.allOf) || depth > MAX_DEPTH) return resolved;
    const { allOf, ...own } = resolved;
    let result: Schema = {};
    for (const part of [...allOf, own]) {
      const next = this.merged(part, depth + 1);
      result = mergeTwo(result, next);
    }
    return result;
  }

  #value(schema: Schema | undefined, synthesis: Synthesis, depth: number, variant: number, refs: Set<string>): unknown {
    if (schema === undefined || schema === null) return "verify";
    if ((schema as unknown) === true || (isPlainObject(schema) && Object.keys(schema).length === 0)) return "verify";
    const ref = isPlainObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
    if (ref !== undefined) {
      // A schema that contains itself: stop one level in (the caller left it out if it could).
      if (refs.has(ref)) return undefined;
      refs = new Set(refs).add(ref);
    }
    const s = this.merged(schema);
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) {
      const choices = s.enum.filter((v: unknown) => v !== null);
      return choices.length > 0 ? choices[variant % choices.length] : null;
    }
    const choice = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
    if (choice && choice.length > 0) return this.#choose(s, choice, synthesis, depth, variant, refs);
    const type = typeOf(s);
    switch (type) {
      case "object":
        return this.#object(s, synthesis, depth, variant, refs);
      case "array":
        return this.#array(s, synthesis, depth, variant, refs);
      case "integer":
      case "number":
        return numberIn(s, type, variant);
      case "boolean":
        return variant % 2 === 0;
      case "null":
        return null;
      default:
        return this.#string(s, variant);
    }
  }

  /**
   * One member of a `oneOf`/`anyOf`, made to match only that member: a discriminator's property
   * gets the member's value, and the first member whose value no other member accepts is taken.
   */
  #choose(s: Schema, members: Schema[], synthesis: Synthesis, depth: number, variant: number, refs: Set<string>): unknown {
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = s;
    const discriminator = isPlainObject(s.discriminator) ? (s.discriminator.propertyName as string | undefined) : undefined;
    const mapping: Record<string, string> = isPlainObject(s.discriminator?.mapping) ? s.discriminator.mapping : {};
    const candidates: unknown[] = [];
    for (const member of members) {
      const memberSchema = Object.keys(rest).length > 0 ? { allOf: [rest, member] } : member;
      let value = this.#value(memberSchema, synthesis, depth, variant, refs);
      if (discriminator && isPlainObject(value)) {
        const ref = isPlainObject(member) && typeof member.$ref === "string" ? member.$ref : undefined;
        const key = Object.entries(mapping).find(([, target]) => target === ref)?.[0] ?? ref?.split("/").pop();
        const property = this.merged(memberSchema).properties?.[discriminator];
        const allowed = property ? this.merged(property) : undefined;
        const fixed = allowed?.const ?? (Array.isArray(allowed?.enum) && allowed.enum.length === 1 ? allowed.enum[0] : undefined);
        value = { ...value, [discriminator]: fixed ?? key ?? value[discriminator] };
      }
      if (value === undefined) continue;
      if (s.oneOf === undefined) return value;
      const matching = (v: unknown) => members.filter((other) => this.#acceptsAsSent(other, v, synthesis.wire === true));
      let others = matching(value).filter((m) => m !== member);
      if (others.length > 0 && isPlainObject(value)) {
        // Leave out optional properties another member requires: oneOf's members often differ by them.
        const ours = new Set<string>([...(this.merged(memberSchema).required ?? [])]);
        const trimmed = { ...value };
        for (const other of others) for (const name of this.merged(other).required ?? []) if (!ours.has(name)) delete trimmed[name];
        if (matching(trimmed).filter((m) => m !== member).length === 0) return trimmed;
      }
      if (others.length === 0) return value;
      candidates.push(value);
    }
    if (candidates.length > 0) synthesis.ambiguities?.add(discriminator ? "discriminator" : "overlap");
    return candidates[0];
  }

  /** Whether a member accepts the value as the server receives it (as text, for a parameter). */
  #acceptsAsSent(schema: Schema, value: unknown, wire: boolean): boolean {
    if (this.accepts(schema, value)) return true;
    if (!wire) return false;
    if (typeof value === "number" || typeof value === "boolean") return this.accepts(schema, String(value));
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return this.accepts(schema, Number(value));
    if (value === "true" || value === "false") return this.accepts(schema, value === "true");
    return false;
  }

  /**
   * A rough check (types, enums, const, required properties, `additionalProperties: false`) of
   * whether a schema accepts a value: enough to tell `oneOf` members apart, not a validator.
   */
  accepts(schema: Schema, value: unknown, depth = 0): boolean {
    if (depth > MAX_DEPTH) return true;
    const s = this.merged(schema);
    if (s.const !== undefined) return JSON.stringify(s.const) === JSON.stringify(value);
    if (Array.isArray(s.enum)) return s.enum.some((v: unknown) => JSON.stringify(v) === JSON.stringify(value));
    if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf))
      return ((s.oneOf ?? s.anyOf) as Schema[]).some((m) => this.accepts(m, value, depth + 1));
    const types = declaredTypes(s);
    if (value === null) return types.includes("null") || s.nullable === true;
    if (types.length > 0 && !types.some((t) => matchesType(t, value))) return false;
    if (isPlainObject(value)) {
      const properties: Record<string, Schema> = isPlainObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
      for (const name of Array.isArray(s.required) ? s.required : [])
        if (!(name in value) && !this.resolve(properties[name]).readOnly) return false;
      if (s.additionalProperties === false && Object.keys(value).some((k) => !(k in properties))) return false;
      for (const [name, item] of Object.entries(value))
        if (properties[name] && !this.accepts(properties[name], item, depth + 1)) return false;
    }
    if (typeof value === "string" && typeof s.pattern === "string") {
      try {
        if (!new RegExp(s.pattern, "u").test(value)) return false;
      } catch {
        /* a pattern JavaScript cannot read: not a reason to refuse */
      }
    }
    return true;
  }

  #object(s: Schema, synthesis: Synthesis, depth: number, variant: number, refs: Set<string>): Record<string, unknown> {
    const properties: Record<string, Schema> = isPlainObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    const result: Record<string, unknown> = {};
    const full = synthesis.fill === "full" && depth < MAX_DEPTH;
    const maxProperties = typeof s.maxProperties === "number" ? s.maxProperties : Infinity;
    // Required properties first, then the optional ones while maxProperties allows.
    const names = Object.keys(properties).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
    for (const name of names) {
      // `false`: a property that must not be there (the schema accepts no value for it).
      if ((properties[name] as unknown) === false) continue;
      const resolved = this.resolve(properties[name]);
      if (resolved.readOnly === true) continue;
      if (!required.has(name) && (!full || resolved.deprecated === true || Object.keys(result).length >= maxProperties)) continue;
      const value = this.#value(properties[name], synthesis, depth + 1, variant, refs);
      if (value !== undefined) result[name] = value;
    }
    // Required names without a property schema, and too few properties for minProperties.
    const extra = isPlainObject(s.additionalProperties) ? s.additionalProperties : undefined;
    for (const name of required)
      if (!(name in result) && !(name in properties)) result[name] = this.#value(extra, synthesis, depth + 1, variant, refs) ?? "verify";
    const minProperties = typeof s.minProperties === "number" ? s.minProperties : 0;
    const wantExtra = (full && extra !== undefined && Object.keys(properties).length === 0 ? 1 : 0) || 0;
    // Names made up for additional properties follow `propertyNames` (e.g. a pattern) when there is one.
    const nameSchema = isPlainObject(s.propertyNames) ? this.merged(s.propertyNames) : undefined;
    for (let i = 0; Object.keys(result).length < Math.max(minProperties, wantExtra) && i < 100; i++) {
      const key = nameSchema ? this.#string(nameSchema, i) : `verify${i}`;
      if (!(key in result)) result[key] = this.#value(extra, synthesis, depth + 1, variant + i, refs) ?? "verify";
    }
    return result;
  }

  #array(s: Schema, synthesis: Synthesis, depth: number, variant: number, refs: Set<string>): unknown[] {
    const min = typeof s.minItems === "number" ? s.minItems : 0;
    const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
    // One item even when none is required: an empty array in a query or header sends nothing.
    const count = Math.min(max, Math.max(min, depth < MAX_DEPTH ? 1 : 0));
    const prefix: Schema[] = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const itemSchema = prefix[i] ?? (isPlainObject(s.items) ? s.items : {});
      const value = this.#value(itemSchema, synthesis, depth + 1, variant + i, refs);
      if (value === undefined) break;
      items.push(value);
    }
    return items;
  }

  #string(s: Schema, variant: number): string {
    const minLength = typeof s.minLength === "number" ? s.minLength : 0;
    const maxLength = typeof s.maxLength === "number" ? s.maxLength : Infinity;
    if (typeof s.pattern === "string") {
      const matched = fromPattern(s.pattern, minLength, maxLength, variant);
      if (matched !== undefined) return matched;
    }
    const format = typeof s.format === "string" ? s.format : undefined;
    const known = format !== undefined ? FORMAT_VALUES[format] : undefined;
    if (known !== undefined && known.length >= minLength && known.length <= maxLength)
      return variant === 0 || format === undefined ? known : variedFormat(format, known, variant);
    return plainString(minLength, maxLength, variant);
  }
}

/** A second value of a format (for arrays with `uniqueItems`): same shape, another number. */
function variedFormat(format: string, value: string, variant: number): string {
  if (format === "uuid") return value.replace(/.$/, String(variant % 10));
  if (format === "email") return `verify${variant}@example.com`;
  if (format.startsWith("uri") || format.startsWith("iri") || format === "url") return `${value}${variant}`;
  if (format === "date") return `2024-01-${String(2 + (variant % 27)).padStart(2, "0")}`;
  if (format === "date-time") return `2024-01-${String(2 + (variant % 27)).padStart(2, "0")}T03:04:05Z`;
  return value;
}

function declaredTypes(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  return typeof s.type === "string" ? [s.type] : [];
}

function typeOf(s: Schema): string {
  const declared = declaredTypes(s).filter((t) => t !== "null");
  if (declared.length > 0) return declared[0]!;
  if (declaredTypes(s).includes("null")) return "null";
  if (isPlainObject(s.properties) || s.additionalProperties !== undefined || Array.isArray(s.required)) return "object";
  if (s.items !== undefined || Array.isArray(s.prefixItems)) return "array";
  if (typeof s.minimum === "number" || typeof s.maximum === "number") return "number";
  return "string";
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return isPlainObject(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "string":
      return typeof value === "string";
    default:
      return true;
  }
}

/** A number within the bounds (3.0 boolean and 3.1 numeric exclusive bounds) and a multiple of `multipleOf`. */
function numberIn(s: Schema, type: string, variant: number): number {
  const integer = type === "integer";
  const step = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : 0;
  let low = -Infinity;
  let high = Infinity;
  let lowOpen = false;
  let highOpen = false;
  if (typeof s.minimum === "number") ((low = s.minimum), (lowOpen = s.exclusiveMinimum === true));
  if (typeof s.exclusiveMinimum === "number" && s.exclusiveMinimum >= low) ((low = s.exclusiveMinimum), (lowOpen = true));
  if (typeof s.maximum === "number") ((high = s.maximum), (highOpen = s.exclusiveMaximum === true));
  if (typeof s.exclusiveMaximum === "number" && s.exclusiveMaximum <= high) ((high = s.exclusiveMaximum), (highOpen = true));
  const ok = (n: number) => (lowOpen ? n > low : n >= low) && (highOpen ? n < high : n <= high);
  const preferred = 1 + variant;
  const start = ok(preferred) ? preferred : Number.isFinite(low) ? low : Number.isFinite(high) ? high : preferred;
  if (step > 0) {
    // The first multiple of the step at or above the start (or below, near the upper bound).
    for (const candidate of [Math.ceil(start / step) * step, Math.floor(start / step) * step, Math.ceil(start / step + 1) * step]) {
      const rounded = Number(candidate.toPrecision(12));
      if (ok(rounded)) return rounded;
    }
  }
  if (ok(start)) return start;
  const middle = Number.isFinite(low) && Number.isFinite(high) ? (low + high) / 2 : start + (lowOpen ? 1 : -1);
  return integer ? Math.round(middle) : middle;
}

/** Two schemas of one `allOf`, as one: properties and required lists joined, bounds narrowed. */
function mergeTwo(a: Schema, b: Schema): Schema {
  const result: Schema = { ...a, ...b };
  if (a.properties || b.properties) result.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required) result.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  for (const key of ["minimum", "minLength", "minItems", "minProperties", "exclusiveMinimum"])
    if (typeof a[key] === "number" && typeof b[key] === "number") result[key] = Math.max(a[key], b[key]);
  for (const key of ["maximum", "maxLength", "maxItems", "maxProperties", "exclusiveMaximum"])
    if (typeof a[key] === "number" && typeof b[key] === "number") result[key] = Math.min(a[key], b[key]);
  if (a.type !== undefined && b.type === undefined) result.type = a.type;
  if (Array.isArray(a.enum) && Array.isArray(b.enum))
    result.enum = a.enum.filter((v: unknown) => b.enum.some((w: unknown) => JSON.stringify(v) === JSON.stringify(w)));
  return result;
}
