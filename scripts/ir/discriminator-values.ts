/**
 * The value openapi-typescript gives a discriminator property in each schema it narrows
 * (`scanDiscriminators`, `createDiscriminatorProperty` in openapi-typescript 7.13): a member of a
 * `oneOf` with a discriminator has `kind: "<its mapping key>"` (else its schema name); a schema
 * that `allOf`s a schema with a discriminator has `kind: "<its mapping key or name>"`. The docs
 * examples give that value, so they compile against those literal types.
 */
import { encodePointerToken, refTokens } from "../json-pointer.js";
import type { Schema } from "./schema.js";

export interface DiscriminatorValue {
  property: string;
  /** The literals the property may take in that schema (the first is used). */
  values: string[];
}

const cache = new WeakMap<object, Map<string, DiscriminatorValue>>();

/** By `$ref` of a component schema (`#/components/schemas/Cat`): the literal its discriminator property must be. */
export function discriminatorValues(document: Schema): Map<string, DiscriminatorValue> {
  let found = cache.get(document);
  if (found) return found;
  found = new Map();
  const schemas: Record<string, Schema> = document.components?.schemas ?? {};
  const refOf = (name: string) => `#/components/schemas/${encodePointerToken(name)}`;
  const lastToken = (ref: string) => refTokens(ref).pop() ?? ref;
  const keysFor = (mapping: Record<string, unknown> | undefined, ref: string) =>
    Object.entries(mapping ?? {})
      .filter(([, target]) => target === ref || (typeof target === "string" && !target.startsWith("#") && target === lastToken(ref)))
      .map(([key]) => key);
  // Members of a oneOf with a discriminator, anywhere in the document (a request body's own schema too).
  const withDiscriminator: Schema[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== "object" || depth > 64) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const schema = node as Schema;
    if (typeof schema.discriminator?.propertyName === "string" && Array.isArray(schema.oneOf)) withDiscriminator.push(schema);
    for (const value of Object.values(schema)) walk(value, depth + 1);
  };
  walk(document, 0);
  for (const schema of withDiscriminator) {
    const discriminator = schema.discriminator;
    for (const member of schema.oneOf) {
      if (typeof member?.$ref !== "string" || found.has(member.$ref)) continue;
      const keys = keysFor(discriminator.mapping, member.$ref);
      found.set(member.$ref, { property: discriminator.propertyName, values: keys.length ? keys : [lastToken(member.$ref)] });
    }
  }
  // Component schemas that allOf a component schema with a discriminator.
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = schema?.discriminator;
    if (!discriminator || typeof discriminator.propertyName !== "string") continue;
    const parentRef = refOf(name);
    for (const [childName, child] of Object.entries(schemas)) {
      const childRef = refOf(childName);
      if (found.has(childRef) || !Array.isArray(child?.allOf)) continue;
      if (!child.allOf.some((part: Schema) => part?.$ref === parentRef)) continue;
      const keys = keysFor(discriminator.mapping, childRef);
      found.set(childRef, { property: discriminator.propertyName, values: keys.length ? keys : [childName] });
    }
  }
  cache.set(document, found);
  return found;
}
