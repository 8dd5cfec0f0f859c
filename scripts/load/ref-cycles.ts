/**
 * `$ref`s that only lead to other `$ref`s and back, found before Redocly (which throws on them)
 * so that the problem names where it is.
 */
import type { Document } from "@redocly/openapi-core";
import type { SpecIssue } from "../issues.js";
import { encodePointerToken, pointerTokens, refTokens, valueAt } from "../json-pointer.js";
import { lineOf } from "./locate.js";

/**
 * `$ref`s that only lead to other `$ref`s and back (`A: {$ref: B}`, `B: {$ref: A}`): no schema
 * at the end. (A schema that refers to itself *inside* it, like a tree node, is fine.) Redocly
 * throws on these, so they are found first, in the root file, to say where they are. Decided:
 * the first of the cycle (in pointer order) is read as any value (its `$ref` is dropped from the
 * parsed file), so the others end there; a warning each.
 */
export function refCycles(parsed: unknown, displayPath: string, root: Document): SpecIssue[] {
  const target = (ref: string): unknown => valueAt(parsed, refTokens(ref));
  const issues: SpecIssue[] = [];
  const reported = new Set<string>();
  // Pointers whose chain was followed to its end once: a chain reaching one stops there (so that
  // a chain of n $refs costs n steps in all, not n steps from each of its n $refs).
  const settled = new Set<string>();
  const visit = (node: unknown, at: string, depth: number): void => {
    if (!node || typeof node !== "object" || depth > 200) return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/")) {
      const chain = [at];
      const onChain = new Set(chain);
      let current = ref;
      while (true) {
        const next = `#/${current.slice(2)}`;
        if (settled.has(next)) break;
        if (onChain.has(next)) {
          const cycle = chain.slice(chain.indexOf(next));
          const key = [...cycle].sort().join(" ");
          if (!reported.has(key)) {
            reported.add(key);
            const first = [...cycle].sort()[0]!;
            const lineCol = lineOf(root, first);
            issues.push({
              code: "circular-ref",
              severity: "warning",
              file: displayPath,
              pointer: first,
              ...(lineCol ? { line: lineCol.line, column: lineCol.col } : {}),
              message: `the $refs ${[...cycle, next].map((p) => p.replace(/^#\/components\/schemas\//, "")).join(" → ")} only refer to each other and never reach a schema: ${first.replace(/^#\/components\/schemas\//, "")} is read as any value (\`unknown\`)`,
              hint: "make one of them a schema (a $ref to itself inside `properties` or `items` is fine)",
            });
          }
          break;
        }
        const value = target(current) as { $ref?: unknown } | undefined;
        if (!value || typeof value !== "object" || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) break;
        chain.push(next);
        onChain.add(next);
        current = value.$ref;
      }
      for (const pointer of chain) settled.add(pointer);
      return;
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${at}/${encodePointerToken(key)}`, depth + 1);
  };
  visit(parsed, "#", 0);
  for (const issue of issues) {
    const node = valueAt(parsed, pointerTokens(issue.pointer!)) as { $ref?: unknown } | undefined;
    if (node && typeof node === "object") delete node.$ref;
  }
  return issues;
}
