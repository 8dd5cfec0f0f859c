/**
 * The repairs that warnings decide, made on the parsed files before they are bundled, so that
 * every later stage (the IR, openapi-typescript) reads the same, decided document: a value of the
 * wrong type removed, a missing required field given its default, a parameter that cannot be sent
 * left out, an undeclared path parameter declared, a `$ref` to nothing read as any value.
 */
import { pointerTokens, valueAt } from "../json-pointer.js";

export type Repair =
  | { kind: "remove" }
  | { kind: "add"; field: string; value: unknown }
  | { kind: "ignore" }
  | { kind: "any-value" }
  | { kind: "declare-path-parameter"; field: string };

type Node = Record<string, unknown>;

const isObject = (value: unknown): value is Node => !!value && typeof value === "object";

/** Takes the element or key at `tokens` out of its parent. */
function removeAt(document: unknown, tokens: string[]): void {
  const parent = valueAt(document, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (isObject(parent)) delete parent[key];
}

/**
 * Applies one repair at `pointer` of one parsed file. Removals within one array are applied from
 * the last index to the first by `applyRepairs`, so the indexes of the others stay right.
 */
function applyRepair(document: unknown, pointer: string, repair: Repair, swagger: boolean): void {
  const tokens = pointerTokens(pointer);
  const node = valueAt(document, tokens);
  switch (repair.kind) {
    case "remove": {
      if (tokens.length === 0) break;
      const parent = valueAt(document, tokens.slice(0, -1));
      // `type: "null"` in a 3.0 document (3.0 has no null type): read as the value null.
      if (tokens[tokens.length - 1] === "type" && node === "null" && isObject(parent) && !Array.isArray(parent)) {
        delete parent.type;
        parent.enum = [null];
        parent.nullable = true;
      } else removeAt(document, tokens);
      break;
    }
    case "add":
      if (isObject(node) && !Array.isArray(node) && node[repair.field] === undefined) node[repair.field] = structuredClone(repair.value);
      else if (node === undefined && tokens[tokens.length - 1] === repair.field) {
        const parent = valueAt(document, tokens.slice(0, -1));
        if (isObject(parent)) parent[repair.field] = structuredClone(repair.value);
      }
      break;
    case "ignore": {
      // A parameter (Redocly may point at its `name`): out of its list; anywhere else, left as is
      // (a component others refer to), and the IR skips what it cannot use.
      const at = /^(name|in)$/.test(tokens[tokens.length - 1] ?? "") ? tokens.slice(0, -1) : tokens;
      if (Array.isArray(valueAt(document, at.slice(0, -1)))) removeAt(document, at);
      break;
    }
    case "any-value":
      if (tokens[tokens.length - 2] === "parameters" && Array.isArray(valueAt(document, tokens.slice(0, -1)))) removeAt(document, tokens);
      else if (isObject(node)) delete node.$ref;
      break;
    case "declare-path-parameter": {
      const declared = swagger
        ? { name: repair.field, in: "path", required: true, type: "string" }
        : { name: repair.field, in: "path", required: true, schema: { type: "string" } };
      if (Array.isArray(node)) node.push(declared);
      else if (node === undefined && tokens[tokens.length - 1] === "parameters") {
        const operation = valueAt(document, tokens.slice(0, -1));
        if (isObject(operation)) operation.parameters = [declared];
      } else if (isObject(node)) {
        const operation = node;
        if (!Array.isArray(operation.parameters)) operation.parameters = [];
        (operation.parameters as unknown[]).push(declared);
      }
      break;
    }
  }
}

/** Array removals last index first, so earlier indexes of the same array stay valid. */
export function applyRepairs(entries: { document: unknown; pointer: string; repair: Repair }[], swagger: boolean): void {
  const order = (pointer: string) => pointerTokens(pointer).map((t) => (/^\d+$/.test(t) ? t.padStart(8, "0") : t));
  const sorted = [...entries].sort((a, b) => {
    const x = order(a.pointer).join("/");
    const y = order(b.pointer).join("/");
    return x < y ? 1 : x > y ? -1 : 0;
  });
  for (const entry of sorted) applyRepair(entry.document, entry.pointer, entry.repair, swagger);
}
