/**
 * Schemas that are made of themselves with no object in between, e.g. `Pet: {oneOf: [Cat, Dog]}`
 * with `Cat: {allOf: [Pet, ...]}`, or `A: {oneOf: [B, A]}`, or a JSON value whose array member is
 * itself. openapi-typescript prints `$ref`s, `allOf`/`oneOf`/`anyOf` and `items` as type
 * expressions that TypeScript resolves at once (`components["schemas"]["Cat"] | ...`, `X & Y`,
 * `X[]`), so such a cycle is a type "referenced directly or indirectly in its own type annotation"
 * (TS2502) and the client would not compile. A property or `additionalProperties` in between is
 * fine (an object type is resolved lazily): a tree node with `children: Node[]` is not a cycle.
 *
 * Rule: each cycle is cut at one `$ref`, which is then read as any value (`unknown`), with a
 * `type-cycle` warning. The `$ref` cut is a union member's (under `oneOf`/`anyOf`) when the cycle
 * has one, so that `allOf` inheritance keeps its parent: `Cat` stays `Pet & {...}` and `Pet` keeps
 * its own properties, only no longer the union of its subtypes. Runs on the bundled document,
 * before the types are printed.
 */
import type { SpecIssue } from "../issues.js";
import { encodePointerToken, refTokens, valueAt } from "../json-pointer.js";

type Node = Record<string, unknown>;

/** Keywords whose schemas TypeScript resolves eagerly in openapi-typescript's output. */
const EAGER_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;

interface Frame {
  node: Node;
  /** Where the node is (a `$ref`'s target is at the `$ref`'s value). */
  at: string;
}

const isUnionMember = (at: string) => /\/(oneOf|anyOf)\/\d+(\/|$)/.test(at);

const componentName = (at: string): string | undefined => {
  const tokens = refTokens(at);
  return tokens.length === 3 && tokens[0] === "components" && tokens[1] === "schemas" ? tokens[2] : undefined;
};

/**
 * Cuts every type cycle of the document's component schemas (in place); one warning per cut. A
 * pass that cuts a `$ref` other than the one closing the cycle may leave a cycle it marked done:
 * passes repeat until one cuts nothing (each cuts at least one `$ref`, so they end).
 */
export function breakTypeCycles(document: Node): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (;;) {
    const cuts = onePass(document);
    issues.push(...cuts);
    if (cuts.length === 0) return issues;
  }
}

function onePass(document: Node): SpecIssue[] {
  const schemas = ((document.components as Node | undefined)?.schemas ?? {}) as Node;
  const issues: SpecIssue[] = [];
  /** Nodes whose eager references were all followed. */
  const done = new Set<object>();
  const stack: Frame[] = [];
  const onStack = new Map<object, number>();

  const cut = (cycle: Frame[]): void => {
    // The frames that are `$ref`s, with where the reference is written.
    const refs = cycle.filter((frame) => typeof frame.node.$ref === "string");
    const chosen = refs.find((frame) => isUnionMember(frame.at)) ?? refs[refs.length - 1];
    if (!chosen) return;
    const names = cycle.flatMap((frame) => {
      const name = componentName(frame.at);
      return name === undefined ? [] : [name];
    });
    if (names.length === 0) names.push(cycle[0]!.at);
    const target = String(chosen.node.$ref);
    delete chosen.node.$ref;
    issues.push({
      code: "type-cycle",
      severity: "warning",
      pointer: chosen.at,
      message:
        `the schemas ${[...names, names[0]].join(" → ")} are made of each other (through $ref, allOf, oneOf, anyOf or items) ` +
        `with no object property in between, which no TypeScript type can express: the $ref "${target}" here is read as any value (\`unknown\`)`,
      hint: "break the cycle: e.g. do not list the subtypes in the parent's oneOf when they allOf the parent (keep the discriminator and its mapping), or refer back through a property",
    });
  };

  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object" || Array.isArray(node) || done.has(node)) return;
    const index = onStack.get(node);
    if (index !== undefined) {
      cut(stack.slice(index));
      return;
    }
    onStack.set(node, stack.length);
    const schema = node as Node;
    stack.push({ node: schema, at });
    // The target is a frame of its own, at the place the $ref names.
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) visit(valueAt(document, refTokens(schema.$ref)), schema.$ref);
    for (const keyword of EAGER_LISTS) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, `${at}/${keyword}/${i}`));
    }
    if (schema.items && typeof schema.items === "object") visit(schema.items, `${at}/items`);
    stack.pop();
    onStack.delete(schema);
    done.add(schema);
  };

  for (const name of Object.keys(schemas)) visit(schemas[name], `#/components/schemas/${encodePointerToken(name)}`);
  return issues;
}
