/**
 * Schemas that are made of themselves with no object in between, e.g. `Pet: {oneOf: [Cat, Dog]}`
 * with `Cat: {allOf: [Pet, ...]}`, or `A: {oneOf: [B, A]}`, or an array whose items are itself.
 * openapi-typescript prints `$ref`s, `allOf`/`oneOf`/`anyOf` and `items` as type expressions that
 * TypeScript resolves at once (`components["schemas"]["Cat"] | ...`, `X & Y`, `X[]`), so such a
 * cycle is a type "referenced directly or indirectly in its own type annotation" and the client
 * does not compile. A property or `additionalProperties` in between is fine (an object type is
 * resolved lazily): a tree node with `children: Node[]` is not a cycle here.
 */
import type { SpecIssue } from "../issues.js";
import { encodePointerToken, refTokens, valueAt } from "../json-pointer.js";
import type { Schema } from "./schema.js";

/** Keywords whose schemas TypeScript resolves eagerly in openapi-typescript's output. */
const EAGER_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;

export function typeCycles(document: Schema): SpecIssue[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const issues: SpecIssue[] = [];
  const reported = new Set<string>();
  /** Nodes whose eager references were all followed (no cycle through them was left unreported). */
  const done = new Set<object>();
  /** The walk's current path: each node with the pointer it was reached at. */
  const stack: { node: object; at: string }[] = [];
  const onStack = new Map<object, number>();

  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object" || Array.isArray(node) || done.has(node)) return;
    const index = onStack.get(node);
    if (index !== undefined) {
      report(stack.slice(index).map((frame) => frame.at));
      return;
    }
    onStack.set(node, stack.length);
    stack.push({ node, at });
    const schema = node as Schema;
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) visit(valueAt(document, refTokens(schema.$ref)), schema.$ref);
    for (const keyword of EAGER_LISTS) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, `${at}/${keyword}/${i}`));
    }
    if (schema.items && typeof schema.items === "object") visit(schema.items, `${at}/items`);
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };

  const report = (cycle: string[]): void => {
    // Named by the component schemas on it (a cycle always passes through at least one $ref).
    const components = cycle.filter((at) => {
      const tokens = refTokens(at);
      return tokens.length === 3 && tokens[0] === "components" && tokens[1] === "schemas";
    });
    const names = components.map((at) => refTokens(at)[2]!);
    const first = [...(components.length ? components : cycle)].sort()[0]!;
    const key = [...new Set(names)].sort().join(" ");
    if (reported.has(key)) return;
    reported.add(key);
    issues.push({
      code: "type-cycle",
      severity: "error",
      pointer: first,
      message: `the schemas ${[...names, names[0]].join(" → ")} are made of each other (through $ref, allOf, oneOf, anyOf or items) with no object property in between: no TypeScript type can be written for them`,
      hint: "break the cycle: e.g. do not list the subtypes in the parent's oneOf when they allOf the parent (keep the discriminator and its mapping), or refer back through a property",
    });
  };

  for (const name of Object.keys(schemas)) visit(schemas[name], `#/components/schemas/${encodePointerToken(name)}`);
  return issues;
}
