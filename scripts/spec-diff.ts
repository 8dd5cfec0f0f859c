/**
 * What a spec change does to the generated client's API, and the semver bump it implies for the
 * client package. Pure: two (IR, bundled document) pairs in, a sorted list of changes out.
 *
 * The rules follow how callers use the client, not only the wire:
 * - methods are identified by name (an operationId rename is a breaking rename, even if the
 *   HTTP endpoint is the same; an endpoint move under the same name is not a break of the API);
 * - path parameters and required parameters are positional arguments, so renaming one is not
 *   breaking, but moving one between the arguments and the options object is;
 * - what the client *sends* (parameters, request bodies) may widen but not narrow; what it
 *   *receives* (response bodies) may narrow but not widen; a model used both ways may do neither;
 * - a property removed from an object is breaking either way (callers read it, or pass it in an
 *   object literal, which TypeScript then rejects).
 */
import type { ApiIr, OperationIr, ParamIr } from "./ir.js";
import { pointer as makePointer } from "./issues.js";
import { byCodePoint } from "./naming.js";
import { deref, isNullable, refModelName, schemaTypes, typeLabel, type Schema } from "./ir-schema.js";

export type Bump = "major" | "minor" | "patch" | "none";

export interface SpecChange {
  /** Stable kind, e.g. `parameter-removed`, `enum-value-added`. */
  kind: string;
  breaking: boolean;
  bump: Exclude<Bump, "none">;
  /** What changed, as a caller sees it: `OrganizationApi.getCredential`, `model AccessCredential`. */
  subject: string;
  message: string;
  /** Where, in the new document (or the old one for what was removed). */
  pointer?: string;
}

export interface SpecSide {
  ir: ApiIr;
  /** The bundled document (every `$ref` local). */
  document: Schema;
}

export interface SpecDiff {
  changes: SpecChange[];
  bump: Bump;
  oldVersion: string;
  newVersion: string;
  /** The client version the bump implies, from the old spec's version. */
  suggestedVersion: string;
}

type Direction = "request" | "response" | "both";

class Collector {
  readonly changes: SpecChange[] = [];
  add(kind: string, bump: SpecChange["bump"], subject: string, message: string, pointer?: string): void {
    this.changes.push({ kind, breaking: bump === "major", bump, subject, message, ...(pointer ? { pointer } : {}) });
  }
  /** A change that narrows or widens what a value can be: its bump depends on the direction. */
  shape(kind: string, effect: "narrowed" | "widened" | "changed", direction: Direction, subject: string, message: string, pointer?: string): void {
    const breaking =
      effect === "changed" || direction === "both" || (direction === "request" && effect === "narrowed") || (direction === "response" && effect === "widened");
    this.add(kind, breaking ? "major" : "minor", subject, message, pointer);
  }
}

const quote = (s: string) => `"${s}"`;

// ---------------------------------------------------------------- schemas

/** The set of JSON types a schema allows, `null` included; undefined when it does not say. */
function typeSet(document: Schema, schema: Schema): Set<string> | undefined {
  const types = schemaTypes(schema);
  let inferred = types.length ? types : schema.properties ? ["object"] : schema.items ? ["array"] : [];
  if (!inferred.length && Array.isArray(schema.enum) && schema.enum.length) inferred = [...new Set(schema.enum.filter((v: unknown) => v !== null).map((v: unknown) => (Number.isInteger(v) ? "integer" : typeof v)))] as string[];
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

interface SchemaContext {
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
export function compareSchema(ctx: SchemaContext, oldRaw: Schema | undefined, newRaw: Schema | undefined, path: string, pointer?: string): void {
  if (!oldRaw || !newRaw) return;
  const oldModel = refModelName(oldRaw.$ref);
  const newModel = refModelName(newRaw.$ref);
  if (oldModel || newModel) {
    if (oldModel && newModel) {
      if (oldModel !== newModel) ctx.out.shape("type-changed", "changed", ctx.direction, ctx.subject, `${at(path)}type changed from ${oldModel} to ${newModel}`, pointer);
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
      if (removed.length || added.length) ctx.out.shape("type-changed", "changed", ctx.direction, ctx.subject, `${at(path)}allOf changed: ${[...removed.map((m) => `-${m}`), ...added.map((m) => `+${m}`)].join(", ")}`, pointer);
    } else {
      for (const m of removed) ctx.out.shape("union-member-removed", "narrowed", ctx.direction, ctx.subject, `${at(path)}${key} member ${m} removed`, pointer);
      for (const m of added) ctx.out.shape("union-member-added", "widened", ctx.direction, ctx.subject, `${at(path)}${key} member ${m} added`, pointer);
    }
  }

  // Types (nullability included).
  const oldTypes = typeSet(ctx.oldDoc, oldSchema);
  const newTypes = typeSet(ctx.newDoc, newSchema);
  if (oldTypes || newTypes) {
    const same = oldTypes && newTypes && oldTypes.size === newTypes.size && [...oldTypes].every((t) => newTypes.has(t));
    if (!same) {
      const effect = !oldTypes ? "narrowed" : !newTypes ? "widened" : covers(oldTypes, newTypes) ? "narrowed" : covers(newTypes, oldTypes) ? "widened" : "changed";
      const onlyNull = oldTypes && newTypes && [...oldTypes].filter((t) => t !== "null").join() === [...newTypes].filter((t) => t !== "null").join();
      const kind = onlyNull ? (newTypes!.has("null") ? "nullable-added" : "nullable-removed") : effect === "narrowed" ? "type-narrowed" : effect === "widened" ? "type-widened" : "type-changed";
      ctx.out.shape(kind, effect, ctx.direction, ctx.subject, `${at(path)}type ${effect === "changed" ? "changed" : effect} from ${describeTypes(oldTypes)} to ${describeTypes(newTypes)}`, pointer);
      if (effect === "changed") return;
    }
  }
  if (oldSchema.format !== newSchema.format && (oldSchema.format || newSchema.format)) {
    ctx.out.add("format-changed", "patch", ctx.subject, `${at(path)}format changed from ${oldSchema.format ?? "(none)"} to ${newSchema.format ?? "(none)"}`, pointer);
  }

  // Enums.
  const oldEnum = Array.isArray(oldSchema.enum) ? oldSchema.enum.filter((v: unknown) => v !== null).map((v: unknown) => JSON.stringify(v)) : undefined;
  const newEnum = Array.isArray(newSchema.enum) ? newSchema.enum.filter((v: unknown) => v !== null).map((v: unknown) => JSON.stringify(v)) : undefined;
  if (oldEnum && newEnum) {
    for (const v of oldEnum.filter((v: string) => !newEnum.includes(v))) ctx.out.shape("enum-value-removed", "narrowed", ctx.direction, ctx.subject, `${at(path)}enum value ${v} removed`, pointer);
    for (const v of newEnum.filter((v: string) => !oldEnum.includes(v))) ctx.out.shape("enum-value-added", "widened", ctx.direction, ctx.subject, `${at(path)}enum value ${v} added`, pointer);
  } else if (newEnum && !oldEnum) {
    ctx.out.shape("enum-added", "narrowed", ctx.direction, ctx.subject, `${at(path)}values restricted to ${newEnum.join(", ")}`, pointer);
  } else if (oldEnum && !newEnum) {
    ctx.out.shape("enum-removed", "widened", ctx.direction, ctx.subject, `${at(path)}values no longer restricted to ${oldEnum.join(", ")}`, pointer);
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
      ctx.out.add("property-now-required", direction === "response" ? "minor" : "major", ctx.subject, `property ${at.replace(/^\./, "")} is now required`, pointer);
    } else if (wasRequired && !isRequired) {
      ctx.out.add("property-now-optional", direction === "request" ? "minor" : "major", ctx.subject, `property ${at.replace(/^\./, "")} is now optional`, pointer);
    }
    compareSchema(ctx, oldProps[name], newProps[name], at, pointer);
  }
  for (const name of Object.keys(newProps).sort(byCodePoint)) {
    if (name in oldProps) continue;
    const at = `${path}.${name}`.replace(/^\./, "");
    if (newRequired.has(name)) {
      ctx.out.add("required-property-added", direction === "response" ? "minor" : "major", ctx.subject, `required property ${at} added`, pointer);
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

// ---------------------------------------------------------------- where models are used

/** Models reachable from a schema (through `$ref`s, transitively). */
function collectModels(document: Schema, schema: unknown, into: Set<string>, depth = 0): void {
  if (!schema || typeof schema !== "object" || depth > 64) return;
  if (Array.isArray(schema)) {
    for (const item of schema) collectModels(document, item, into, depth + 1);
    return;
  }
  const record = schema as Schema;
  const model = refModelName(record.$ref);
  if (model) {
    if (into.has(model)) return;
    into.add(model);
    collectModels(document, document.components?.schemas?.[model], into, depth + 1);
    return;
  }
  if (typeof record.$ref === "string") {
    collectModels(document, deref(document, record), into, depth + 1);
    return;
  }
  for (const value of Object.values(record)) collectModels(document, value, into, depth + 1);
}

function modelDirections(document: Schema, ir: ApiIr): Map<string, Direction> {
  const sent = new Set<string>();
  const received = new Set<string>();
  for (const op of ir.operations) {
    const raw = rawOperation(document, op);
    collectModels(document, raw?.parameters, sent);
    collectModels(document, document.paths?.[op.path]?.parameters, sent);
    collectModels(document, raw?.requestBody, sent);
    collectModels(document, raw?.responses, received);
  }
  const directions = new Map<string, Direction>();
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    const s = sent.has(name);
    const r = received.has(name);
    // A model no operation uses is still an exported type: anything may be done with it.
    directions.set(name, s && !r ? "request" : r && !s ? "response" : "both");
  }
  return directions;
}

// ---------------------------------------------------------------- operations

function rawOperation(document: Schema, op: OperationIr): Schema | undefined {
  return document.paths?.[op.path]?.[op.httpMethod];
}

function rawParameter(document: Schema, op: OperationIr, param: ParamIr): Schema | undefined {
  const pathItem = document.paths?.[op.path] ?? {};
  const all = [...(pathItem.parameters ?? []), ...(rawOperation(document, op)?.parameters ?? [])].map((p: Schema) => deref<Schema>(document, p));
  return all.reverse().find((p) => p?.name === param.name && p?.in === param.in);
}

function paramSchema(document: Schema, op: OperationIr, param: ParamIr): Schema | undefined {
  const raw = rawParameter(document, op, param);
  return raw?.schema ?? Object.values<Schema>(raw?.content ?? {})[0]?.schema;
}

function classesOf(ir: ApiIr, op: OperationIr): string[] {
  return ir.apis.filter((api) => api.operations.some((o) => o.methodName === op.methodName)).map((api) => api.className);
}

function methodSubject(ir: ApiIr, op: OperationIr): string {
  const classes = classesOf(ir, op);
  return `${classes[0] ?? "?"}.${op.methodName}`;
}

const paramKey = (p: ParamIr) => `${p.in}:${p.name}`;
const describeParam = (p: ParamIr) => `${p.in} parameter ${quote(p.name)}`;
/** `{id}` and `{petId}` are the same path to a server. */
const endpointKey = (op: OperationIr) => `${op.httpMethodUpper} ${op.path.replace(/\{[^}]+\}/g, "{}")}`;

function compareParameters(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr, subject: string): void {
  const oldParams = new Map([...before.positionalParams, ...before.optionalParams].map((p) => [paramKey(p), p]));
  const newParams = new Map([...after.positionalParams, ...after.optionalParams].map((p) => [paramKey(p), p]));
  const removed = [...oldParams.values()].filter((p) => !newParams.has(paramKey(p)));
  const added = [...newParams.values()].filter((p) => !oldParams.has(paramKey(p)));

  // A parameter that left and one that came, in the same place of the call, is a rename.
  const renamed: [ParamIr, ParamIr][] = [];
  for (const gone of [...removed]) {
    const positional = gone.in === "path" || gone.required;
    const candidate = added.find((p) => p.in === gone.in && p.required === gone.required && p.typeLabel.text === gone.typeLabel.text && (!positional || before.positionalParams.indexOf(gone) === after.positionalParams.indexOf(p)));
    if (candidate) {
      renamed.push([gone, candidate]);
      removed.splice(removed.indexOf(gone), 1);
      added.splice(added.indexOf(candidate), 1);
    }
  }
  for (const [gone, came] of renamed) {
    const positional = gone.in === "path" || gone.required;
    if (positional) {
      out.add("parameter-renamed", "patch", subject, `${describeParam(gone)} renamed to ${quote(came.name)}; it stays the same positional argument`, after.pointer);
    } else {
      out.add("parameter-renamed", "major", subject, `${describeParam(gone)} renamed to ${quote(came.name)}: the option \`${gone.optionKey}\` is now \`${came.optionKey}\``, after.pointer);
    }
  }
  for (const gone of removed) out.add("parameter-removed", "major", subject, `${describeParam(gone)} removed`, before.pointer);
  for (const came of added) {
    if (came.required) out.add("required-parameter-added", "major", subject, `required ${describeParam(came)} added: a new argument \`${came.bindingName}\``, after.pointer);
    else out.add("optional-parameter-added", "minor", subject, `optional ${describeParam(came)} added: the option \`${came.optionKey}\``, after.pointer);
  }
  for (const [key, oldParam] of oldParams) {
    const newParam = newParams.get(key);
    if (!newParam) continue;
    if (!oldParam.required && newParam.required) {
      out.add("parameter-now-required", "major", subject, `${describeParam(newParam)} is now required: it moves from the options to the arguments`, after.pointer);
    } else if (oldParam.required && !newParam.required) {
      out.add("parameter-now-optional", "major", subject, `${describeParam(newParam)} is now optional: it moves from the arguments to the options (\`${newParam.optionKey}\`)`, after.pointer);
    }
    if (!oldParam.deprecated && newParam.deprecated) out.add("parameter-deprecated", "patch", subject, `${describeParam(newParam)} is deprecated`, after.pointer);
    const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "request", subject, seen: new Set() };
    compareSchema(ctx, paramSchema(oldSide.document, before, oldParam), paramSchema(newSide.document, after, newParam), `${newParam.in} parameter ${newParam.name}`, after.pointer);
  }

  // The same arguments in another order: calls still compile, but pass values to the wrong ones.
  const order = (op: OperationIr) => op.positionalParams.map(paramKey).filter((k) => oldParams.has(k) && newParams.has(k));
  const oldOrder = order(before);
  const newOrder = order(after);
  if (oldOrder.join() !== newOrder.join() && oldOrder.length === newOrder.length) {
    out.add("arguments-reordered", "major", subject, `arguments reordered: (${oldOrder.map((k) => k.split(":")[1]).join(", ")}) → (${newOrder.map((k) => k.split(":")[1]).join(", ")})`, after.pointer);
  }
}

function compareBody(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr, subject: string): void {
  const oldBody = before.body;
  const newBody = after.body;
  if (!oldBody && newBody) {
    out.add("request-body-added", newBody.required ? "major" : "minor", subject, `${newBody.required ? "required" : "optional"} request body (${newBody.typeLabel.text}) added`, `${after.pointer}/requestBody`);
    return;
  }
  if (oldBody && !newBody) {
    out.add("request-body-removed", "major", subject, `request body (${oldBody.typeLabel.text}) removed`, `${before.pointer}/requestBody`);
    return;
  }
  if (!oldBody || !newBody) return;
  if (!oldBody.required && newBody.required) out.add("request-body-now-required", "major", subject, "request body is now required", `${after.pointer}/requestBody`);
  if (oldBody.required && !newBody.required) out.add("request-body-now-optional", "minor", subject, "request body is now optional", `${after.pointer}/requestBody`);
  if (oldBody.mediaType !== newBody.mediaType) {
    out.add("request-media-type-changed", "patch", subject, `request body is sent as ${newBody.mediaType} instead of ${oldBody.mediaType}`, `${after.pointer}/requestBody`);
  }
  const oldSchema = deref<Schema>(oldSide.document, rawOperation(oldSide.document, before)?.requestBody)?.content?.[oldBody.mediaType]?.schema;
  const newSchema = deref<Schema>(newSide.document, rawOperation(newSide.document, after)?.requestBody)?.content?.[newBody.mediaType]?.schema;
  const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "request", subject, seen: new Set() };
  compareSchema(ctx, oldSchema, newSchema, "request body", `${after.pointer}/requestBody`);
}

function successSchema(side: SpecSide, op: OperationIr): Schema | undefined {
  const response = op.responses.find((r) => r.isSuccess && r.mediaType);
  if (!response?.mediaType) return undefined;
  const raw = deref<Schema>(side.document, rawOperation(side.document, op)?.responses?.[response.status]);
  return raw?.content?.[response.mediaType]?.schema ?? {};
}

function compareResult(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr, subject: string): void {
  if (!before.resultIsVoid && after.resultIsVoid) {
    out.add("response-body-removed", "major", subject, `now resolves with nothing (was ${before.resultTypeLabel?.text ?? "a value"})`, `${after.pointer}/responses`);
    return;
  }
  if (before.resultIsVoid && !after.resultIsVoid) {
    out.add("response-body-added", "minor", subject, `now resolves with ${after.resultTypeLabel?.text ?? "a value"} (was nothing)`, `${after.pointer}/responses`);
    return;
  }
  if (before.resultIsVoid) return;
  if (before.parseAs !== after.parseAs) {
    out.add("response-type-changed", "major", subject, `result is read as ${after.parseAs ?? "nothing"} instead of ${before.parseAs ?? "nothing"}`, `${after.pointer}/responses`);
    return;
  }
  const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "response", subject, seen: new Set() };
  compareSchema(ctx, successSchema(oldSide, before), successSchema(newSide, after), "response", `${after.pointer}/responses`);
  const oldStatuses = before.responses.filter((r) => r.isSuccess).map((r) => r.status).join(", ");
  const newStatuses = after.responses.filter((r) => r.isSuccess).map((r) => r.status).join(", ");
  if (oldStatuses !== newStatuses) out.add("success-status-changed", "patch", subject, `success status ${oldStatuses} → ${newStatuses}`, `${after.pointer}/responses`);
}

function compareOperation(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr): void {
  const subject = methodSubject(newSide.ir, after);
  if (endpointKey(before) !== endpointKey(after)) {
    out.add("endpoint-changed", "patch", subject, `now calls ${after.httpMethodUpper} ${after.path} (was ${before.httpMethodUpper} ${before.path})`, after.pointer);
  }
  const oldClasses = classesOf(oldSide.ir, before);
  const newClasses = classesOf(newSide.ir, after);
  const bothClasses = new Set(newSide.ir.apis.map((a) => a.className).filter((c) => oldSide.ir.apis.some((a) => a.className === c)));
  for (const c of oldClasses.filter((c) => !newClasses.includes(c) && bothClasses.has(c))) {
    out.add("method-moved", "major", subject, `${c}.${after.methodName} removed: the method is now on ${newClasses.join(", ")}`, `${after.pointer}/tags`);
  }
  for (const c of newClasses.filter((c) => !oldClasses.includes(c) && bothClasses.has(c))) {
    out.add("method-added-to-class", "minor", subject, `${c}.${after.methodName} added (the operation has a new tag)`, `${after.pointer}/tags`);
  }
  if (!before.deprecated && after.deprecated) out.add("operation-deprecated", "patch", subject, "the method is deprecated", after.pointer);
  compareParameters(out, oldSide, newSide, before, after, subject);
  compareBody(out, oldSide, newSide, before, after, subject);
  compareResult(out, oldSide, newSide, before, after, subject);
}

function compareOperations(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldOps = new Map(oldSide.ir.operations.map((op) => [op.methodName, op]));
  const newOps = new Map(newSide.ir.operations.map((op) => [op.methodName, op]));
  const unmatchedOld = [...oldOps.values()].filter((op) => !newOps.has(op.methodName));
  const unmatchedNew = [...newOps.values()].filter((op) => !oldOps.has(op.methodName));
  for (const [name, before] of oldOps) {
    const after = newOps.get(name);
    if (after) compareOperation(out, oldSide, newSide, before, after);
  }
  // Same endpoint, another name: the method was renamed (the operationId changed).
  for (const before of [...unmatchedOld]) {
    const after = unmatchedNew.find((op) => endpointKey(op) === endpointKey(before));
    if (!after) continue;
    unmatchedOld.splice(unmatchedOld.indexOf(before), 1);
    unmatchedNew.splice(unmatchedNew.indexOf(after), 1);
    const subject = methodSubject(newSide.ir, after);
    out.add("method-renamed", "major", subject, `${methodSubject(oldSide.ir, before)} renamed to ${after.methodName} (operationId ${quote(before.operationId)} → ${quote(after.operationId)})`, `${after.pointer}/operationId`);
    compareOperation(out, oldSide, newSide, before, after);
  }
  for (const before of unmatchedOld) {
    out.add("operation-removed", "major", methodSubject(oldSide.ir, before), `method removed (${before.httpMethodUpper} ${before.path})`, before.pointer);
  }
  for (const after of unmatchedNew) {
    out.add("operation-added", "minor", methodSubject(newSide.ir, after), `method added (${after.httpMethodUpper} ${after.path})`, after.pointer);
  }
}

// ---------------------------------------------------------------- models, classes, configuration

function compareModels(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldSchemas: Record<string, Schema> = oldSide.document.components?.schemas ?? {};
  const newSchemas: Record<string, Schema> = newSide.document.components?.schemas ?? {};
  const oldDirections = modelDirections(oldSide.document, oldSide.ir);
  const newDirections = modelDirections(newSide.document, newSide.ir);
  for (const name of Object.keys(oldSchemas).sort(byCodePoint)) {
    const model = oldSide.ir.models.find((m) => m.name === name);
    if (!(name in newSchemas)) {
      out.add("model-removed", "major", `model ${model?.typeName ?? name}`, `exported type ${model?.typeName ?? name} removed`, makePointer("components", "schemas", name));
      continue;
    }
    const a = oldDirections.get(name) ?? "both";
    const b = newDirections.get(name) ?? "both";
    const direction: Direction = a === b ? a : "both";
    const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction, subject: `model ${model?.typeName ?? name}`, seen: new Set() };
    compareSchema(ctx, oldSchemas[name], newSchemas[name], "", makePointer("components", "schemas", name));
  }
  for (const name of Object.keys(newSchemas).sort(byCodePoint)) {
    if (name in oldSchemas) continue;
    const model = newSide.ir.models.find((m) => m.name === name);
    out.add("model-added", "minor", `model ${model?.typeName ?? name}`, `exported type ${model?.typeName ?? name} added`, makePointer("components", "schemas", name));
  }
}

function compareClassesAndConfig(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldClasses = new Set(oldSide.ir.apis.map((a) => a.className));
  const newClasses = new Set(newSide.ir.apis.map((a) => a.className));
  for (const c of [...oldClasses].sort(byCodePoint)) if (!newClasses.has(c)) out.add("class-removed", "major", c, `class ${c} removed (its methods: ${oldSide.ir.apis.find((a) => a.className === c)!.operations.map((o) => o.methodName).join(", ")})`, "#/tags");
  for (const c of [...newClasses].sort(byCodePoint)) if (!oldClasses.has(c)) out.add("class-added", "minor", c, `class ${c} added`, "#/tags");
  const oldFields = new Map(oldSide.ir.configFields.map((f) => [f.name, f]));
  const newFields = new Map(newSide.ir.configFields.map((f) => [f.name, f]));
  for (const name of [...oldFields.keys()].sort(byCodePoint)) if (!newFields.has(name)) out.add("config-option-removed", "major", "ClientConfig", `option \`${name}\` removed (security scheme gone)`, "#/components/securitySchemes");
  for (const name of [...newFields.keys()].sort(byCodePoint)) if (!oldFields.has(name)) out.add("config-option-added", "minor", "ClientConfig", `option \`${name}\` added`, "#/components/securitySchemes");
  if (oldSide.ir.defaultBaseUrl !== newSide.ir.defaultBaseUrl) {
    out.add("default-base-url-changed", "patch", "ClientConfig", `default baseUrl ${oldSide.ir.defaultBaseUrl} → ${newSide.ir.defaultBaseUrl}`, "#/servers");
  }
}

// ---------------------------------------------------------------- result

const BUMP_ORDER: Bump[] = ["none", "patch", "minor", "major"];

export function semverBump(changes: readonly SpecChange[]): Bump {
  return changes.reduce<Bump>((bump, c) => (BUMP_ORDER.indexOf(c.bump) > BUMP_ORDER.indexOf(bump) ? c.bump : bump), "none");
}

/** `1.4.2` + minor → `1.5.0`. Before 1.0.0, a breaking change bumps the minor (semver §4). */
export function nextVersion(version: string, bump: Bump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match || bump === "none") return version;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (bump === "major") return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (bump === "minor") return major === 0 ? `0.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!["description", "summary", "example", "examples", "title", "externalDocs"].includes(key)) out[key] = stripDocs(v);
  return out;
}

export function diffSpecs(oldSide: SpecSide, newSide: SpecSide): SpecDiff {
  const out = new Collector();
  compareOperations(out, oldSide, newSide);
  compareModels(out, oldSide, newSide);
  compareClassesAndConfig(out, oldSide, newSide);
  if (out.changes.length === 0 && JSON.stringify(oldSide.document) !== JSON.stringify(newSide.document)) {
    const docsOnly = JSON.stringify(stripDocs(oldSide.document)) === JSON.stringify(stripDocs(newSide.document));
    out.add(docsOnly ? "docs-changed" : "other-change", "patch", "spec", docsOnly ? "descriptions or examples changed (the client's types and methods are the same)" : "the spec changed without changing the client's methods or types");
  }
  // One line per change, breaking first, then by subject: the same specs always print the same report.
  const seen = new Set<string>();
  const changes = out.changes
    .filter((c) => {
      const key = `${c.kind}|${c.subject}|${c.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => BUMP_ORDER.indexOf(b.bump) - BUMP_ORDER.indexOf(a.bump) || byCodePoint(a.subject, b.subject) || byCodePoint(a.message, b.message));
  const bump = semverBump(changes);
  return { changes, bump, oldVersion: oldSide.ir.version, newVersion: newSide.ir.version, suggestedVersion: nextVersion(oldSide.ir.version, bump) };
}

/** The report for people. */
export function formatDiff(diff: SpecDiff, oldLabel: string, newLabel: string): string {
  const lines = [`Client API changes from ${oldLabel} to ${newLabel}:`];
  if (diff.changes.length === 0) lines.push("  (none)");
  for (const c of diff.changes) lines.push(`  ${(c.breaking ? "BREAKING" : c.bump).padEnd(8)}  ${c.subject}: ${c.message}  [${c.kind}]`);
  const breaking = diff.changes.filter((c) => c.breaking).length;
  lines.push(
    `${breaking} breaking, ${diff.changes.length - breaking} non-breaking; semver: ${diff.bump}` +
      (diff.bump === "none" ? "" : ` (client version ${diff.oldVersion} → ${diff.suggestedVersion})`),
  );
  if (diff.bump !== "none" && diff.newVersion !== diff.oldVersion && compareVersions(diff.newVersion, diff.suggestedVersion) < 0) {
    lines.push(`warning: info.version is ${diff.newVersion} in ${newLabel}; a ${diff.bump} change needs at least ${diff.suggestedVersion}`);
  }
  return `${lines.join("\n")}\n`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
