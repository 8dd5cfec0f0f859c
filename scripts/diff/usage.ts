/** Which models the client sends, receives, or both: a change's effect depends on it. */
import type { ApiIr } from "../ir/types.js";
import { deref, refModelName, type Schema } from "../ir/schema.js";
import { resolvePointer } from "../json-pointer.js";
import type { Direction } from "./changes.js";

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

export function modelDirections(document: Schema, ir: ApiIr): Map<string, Direction> {
  const sent = new Set<string>();
  const received = new Set<string>();
  // Each part where the IR says it is: a parameter the operation overrides is not the path's.
  for (const op of ir.operations) {
    for (const param of [...op.positionalParams, ...op.optionalParams])
      collectModels(document, resolvePointer(document, param.pointer), sent);
    if (op.body) collectModels(document, resolvePointer(document, op.body.pointer), sent);
    for (const response of op.responses) collectModels(document, resolvePointer(document, response.pointer), received);
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
