/**
 * The structural checks every spec must pass before anything is built from it: Redocly's rules,
 * reported in our words (codes, hints, and messages that name what they are about).
 */
import type { NormalizedProblem } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { decodePointerToken } from "../json-pointer.js";
import { relativeDisplay, safeLineCol } from "./locate.js";

/** The checks every spec must pass before we build anything from it (Redocly rule names). */
export const STRUCTURAL_RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "operation-operationId": "error",
  "operation-operationId-unique": "error",
  "operation-parameters-unique": "error",
  "path-parameters-defined": "error",
  "no-identical-paths": "error",
  "no-enum-type-mismatch": "error",
  "spec-components-invalid-map-name": "error",
} as const;

/** Our code for each Redocly rule: the same words as the codes of the later stages. */
const CODES: Record<string, string> = {
  struct: "invalid-structure",
  "no-unresolved-refs": "unresolved-ref",
  "operation-operationId": "missing-operation-id",
  "operation-operationId-unique": "duplicate-operation-id",
  "operation-parameters-unique": "duplicate-parameter",
  "path-parameters-defined": "path-parameter-mismatch",
  "no-identical-paths": "identical-paths",
  "no-enum-type-mismatch": "enum-type-mismatch",
  "spec-components-invalid-map-name": "invalid-component-name",
};

const HINTS: Record<string, string> = {
  struct: "fix the field so that it matches the OpenAPI schema for this object",
  "no-unresolved-refs": "point the $ref at an existing file and JSON pointer",
  "operation-operationId": "add a unique `operationId`: the client method is named after it",
  "operation-operationId-unique": "give each operation its own `operationId`: it names the client method",
  "operation-parameters-unique": "remove the duplicate parameter (same name and `in`)",
  "path-parameters-defined": "declare every `{name}` of the path as an `in: path` parameter, and only those",
  "no-identical-paths": "merge the two paths: they differ only in parameter names",
  "no-enum-type-mismatch": "make every enum value match the schema's `type`",
  "spec-components-invalid-map-name": "use only letters, digits, `.`, `-` and `_` in component names",
};

/** What Redocly says, in our words: codes, hints, and messages that name what they are about. */
export function problemToIssue(problem: NormalizedProblem, relocate?: (pointer: string) => Partial<SpecIssue>): SpecIssue {
  const location = problem.location[0];
  let message = problem.message;
  let code = CODES[problem.ruleId] ?? problem.ruleId;
  let pointer = location?.pointer;
  if (problem.ruleId === "operation-operationId-unique" && pointer) {
    // Redocly points at `<operation>/<the id>`; the field is `operationId`.
    const id = decodePointerToken(pointer.slice(pointer.lastIndexOf("/") + 1));
    pointer = `${pointer.slice(0, pointer.lastIndexOf("/"))}/operationId`;
    message = `operationId "${id}" is already used by another operation; each must be unique`;
  }
  if (problem.ruleId === "path-parameters-defined") {
    code = /is not used in the path/.test(message) ? "unused-path-parameter" : "undeclared-path-parameter";
  }
  const issue: SpecIssue = { code, message, severity: problem.severity === "error" ? "error" : "warning" };
  const hint = HINTS[problem.ruleId] ?? problem.suggest?.[0];
  if (hint) issue.hint = hint;
  if (location) {
    if (pointer) issue.pointer = pointer;
    if (relocate) Object.assign(issue, relocate(pointer ?? "#"));
    else {
      issue.file = relativeDisplay(location.source.absoluteRef);
      const lineCol = safeLineCol(
        pointer && pointer !== location.pointer ? { source: location.source, pointer, reportOnKey: true } : location,
      );
      if (lineCol) {
        issue.line = lineCol.line;
        issue.column = lineCol.col;
      }
    }
  }
  return issue;
}

/** Redocly throws (instead of reporting) on a few inputs, e.g. a `$ref` cycle in another file. */
export async function reportThrown<T>(work: () => Promise<T>, displayPath: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    const message = (error as Error).message ?? String(error);
    if (!/circular|resolve|pointer/i.test(message)) throw error;
    throw new SpecError([
      {
        code: /circular/i.test(message) ? "circular-ref" : "unresolved-ref",
        severity: "error",
        file: displayPath,
        message: `a $ref cannot be followed: ${message}`,
        hint: "check the $refs between the files of the spec: each must end at an object, not at another $ref that leads back",
      },
    ]);
  }
}

export function errorsOf(problems: NormalizedProblem[], relocate?: (pointer: string) => Partial<SpecIssue>): SpecIssue[] {
  return problems.filter((p) => p.severity === "error" && !misreadTemplate(p)).map((p) => problemToIssue(p, relocate));
}

/**
 * Redocly reads the `{names}` of a path as [a-zA-Z0-9_.-] only, so a declared `{名前}` looks
 * unused to it (the IR checks such names instead: scripts/ir/parameters.ts).
 */
function misreadTemplate(problem: NormalizedProblem): boolean {
  const unused = /^Path parameter `(.+)` is not used in the path `(.+)`\.$/.exec(problem.message);
  return problem.ruleId === "path-parameters-defined" && unused !== null && unused[2]!.includes(`{${unused[1]}}`);
}
