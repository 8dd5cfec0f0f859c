/**
 * The shapes of a spec diff: one change as a caller sees it, the two sides compared, the result;
 * and the collector every comparison adds to.
 */
import type { ApiIr } from "../ir/types.js";
import type { Schema } from "../ir/schema.js";

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

export type Direction = "request" | "response" | "both";

export class Collector {
  readonly changes: SpecChange[] = [];
  add(kind: string, bump: SpecChange["bump"], subject: string, message: string, pointer?: string): void {
    this.changes.push({ kind, breaking: bump === "major", bump, subject, message, ...(pointer ? { pointer } : {}) });
  }
  /** A change that narrows or widens what a value can be: its bump depends on the direction. */
  shape(
    kind: string,
    effect: "narrowed" | "widened" | "changed",
    direction: Direction,
    subject: string,
    message: string,
    pointer?: string,
  ): void {
    const breaking =
      effect === "changed" ||
      direction === "both" ||
      (direction === "request" && effect === "narrowed") ||
      (direction === "response" && effect === "widened");
    this.add(kind, breaking ? "major" : "minor", subject, message, pointer);
  }
}

export const quote = (s: string) => `"${s}"`;
