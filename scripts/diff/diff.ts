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
import { byCodePoint } from "../sort.js";
import { Collector, type SpecDiff, type SpecSide } from "./changes.js";
import { compareClassesAndConfig, compareModels } from "./models.js";
import { compareOperations } from "./operations.js";
import { BUMP_ORDER, nextVersion, semverBump } from "./report.js";

export type { Bump, SpecChange, SpecDiff, SpecSide } from "./changes.js";
export { formatDiff, nextVersion, semverBump } from "./report.js";

function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    if (!["description", "summary", "example", "examples", "title", "externalDocs"].includes(key)) out[key] = stripDocs(v);
  return out;
}

export function diffSpecs(oldSide: SpecSide, newSide: SpecSide): SpecDiff {
  const out = new Collector();
  compareOperations(out, oldSide, newSide);
  compareModels(out, oldSide, newSide);
  compareClassesAndConfig(out, oldSide, newSide);
  if (out.changes.length === 0 && JSON.stringify(oldSide.document) !== JSON.stringify(newSide.document)) {
    const docsOnly = JSON.stringify(stripDocs(oldSide.document)) === JSON.stringify(stripDocs(newSide.document));
    out.add(
      docsOnly ? "docs-changed" : "other-change",
      "patch",
      "spec",
      docsOnly
        ? "descriptions or examples changed (the client's types and methods are the same)"
        : "the spec changed without changing the client's methods or types",
    );
  }
  // One line per change, breaking first, then by subject: the same specs always print the same report.
  const seen = new Set<string>();
  const changes = out.changes
    .filter((c) => {
      const key = `${c.kind}|${c.subject}|${c.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort(
      (a, b) =>
        BUMP_ORDER.indexOf(b.bump) - BUMP_ORDER.indexOf(a.bump) || byCodePoint(a.subject, b.subject) || byCodePoint(a.message, b.message),
    );
  const bump = semverBump(changes);
  return {
    changes,
    bump,
    oldVersion: oldSide.ir.packageVersion,
    newVersion: newSide.ir.packageVersion,
    suggestedVersion: nextVersion(oldSide.ir.packageVersion, bump),
  };
}
