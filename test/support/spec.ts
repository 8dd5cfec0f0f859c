/** Build the IR of a small spec written inline in a test (one tiny fixture per behaviour). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { buildIr } from "../../scripts/ir/build.js";
import type { ApiIr } from "../../scripts/ir/types.js";
import { SpecError, type SpecIssue } from "../../scripts/issues.js";
import { loadSpec } from "../../scripts/load/load.js";
import { tempDir } from "./temp.js";

/** Writes `spec` (an object or YAML text) to a temp file and returns its path. */
export function writeSpec(spec: object | string, name = "openapi.yaml"): string {
  const file = path.join(tempDir("spec"), name);
  writeFileSync(file, typeof spec === "string" ? spec : stringify(spec));
  return file;
}

/** A valid 3.1 document around the given paths/components. */
export function minimalSpec(extra: Record<string, unknown>): Record<string, unknown> {
  return { openapi: "3.1.0", info: { title: "Test API", version: "1.0.0" }, paths: {}, ...extra };
}

export async function irOf(spec: object | string): Promise<ApiIr> {
  return buildIr(await loadSpec(writeSpec(spec)));
}

/** The issues a spec is rejected with (fails the test if it is accepted). */
export async function issuesOf(spec: object | string): Promise<SpecIssue[]> {
  try {
    await irOf(spec);
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error("expected the spec to be rejected, but it was accepted");
}

/** The IR of a spec that generates, and its warnings (what was decided on the spec's behalf). */
export async function warningsOf(spec: object | string): Promise<{ ir: ApiIr; warnings: SpecIssue[] }> {
  const ir = await irOf(spec);
  return { ir, warnings: ir.warnings };
}

/** An operation returning 200 JSON `{ id: string }`. */
export function op(operationId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    operationId,
    responses: {
      "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } },
    },
    ...extra,
  };
}
