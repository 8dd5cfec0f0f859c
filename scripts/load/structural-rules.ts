/**
 * The structural checks every spec goes through before anything is built from it: Redocly's
 * rules, reported in our words (codes, hints, and messages that name what they are about), each
 * with a decision. Only what leaves no correct client is an error (a `$ref` into a file that is
 * not there); everything else is a warning that says what was decided, and the repair that
 * decision needs is made on the parsed document (see repair.ts) before it is bundled.
 */
import type { NormalizedProblem } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { relativeDisplay, safeLineCol } from "./locate.js";
import type { Repair } from "./repair.js";

/**
 * The Redocly rules we run. Operation ids (missing, duplicated), identical paths and everything
 * about names are decided by the IR (ir/operation-names.ts, ir/build.ts), not here.
 */
export const STRUCTURAL_RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "operation-parameters-unique": "error",
  "path-parameters-defined": "error",
  "no-enum-type-mismatch": "error",
  "spec-components-invalid-map-name": "error",
} as const;

/** Our code for each Redocly rule: the same words as the codes of the later stages. */
const CODES: Record<string, string> = {
  struct: "invalid-structure",
  "no-unresolved-refs": "unresolved-ref",
  "operation-parameters-unique": "duplicate-parameter",
  "path-parameters-defined": "path-parameter-mismatch",
  "no-enum-type-mismatch": "enum-type-mismatch",
  "spec-components-invalid-map-name": "invalid-component-name",
};

const HINTS: Record<string, string> = {
  struct: "fix the field so that it matches the OpenAPI schema for this object",
  "no-unresolved-refs": "point the $ref at an existing file and JSON pointer",
  "operation-parameters-unique": "remove the duplicate parameter (same name and `in`)",
  "path-parameters-defined": "declare every `{name}` of the path as an `in: path` parameter, and only those",
  "no-enum-type-mismatch": "make every enum value match the schema's `type`",
  "spec-components-invalid-map-name": "use only letters, digits, `.`, `-` and `_` in component names",
};

/** A problem in our words, and what is done about it when it is only a warning. */
export interface Decided {
  issue: SpecIssue;
  /** The repair a warning's decision needs, at `issue.pointer` of the problem's own file. */
  repair?: Repair;
  /** The file the problem is in (absolute), for the repair. */
  source?: string;
}

/** Default values of the required fields a document can do without (§4.8.2 Info, §4.8.10 Operation, §4.8.29 OAuth flows). */
const DEFAULTS: Record<string, unknown> = {
  info: { title: "API", version: "0.0.0" },
  title: "API",
  version: "0.0.0",
  responses: {},
  scopes: {},
  paths: {},
};

/**
 * What is decided for a `struct` problem (the node does not match the OpenAPI schema):
 * an unexpected field is ignored; a value of the wrong type is removed (as if not written); a
 * missing required field gets its default where it has one, else the object is read without it.
 */
function structDecision(
  message: string,
  swagger: boolean,
  pointer: string,
): { message: string; code?: string; repair?: Repair; skip?: boolean } {
  const unexpected = /^Property `(.+)` is not expected here/.exec(message);
  if (unexpected) {
    if (unexpected[1] === "nullable" && !swagger) {
      return {
        code: "nullable-in-3.1",
        message: "`nullable` is an OpenAPI 3.0 keyword, not part of 3.1; honoured: the value may also be `null`",
      };
    }
    return { message: `${message.replace(/\.$/, "")}: ignored` };
  }
  const missing = /^The field `(.+)` must be present on this level/.exec(message);
  if (missing) {
    const field = missing[1]!;
    if (Object.hasOwn(DEFAULTS, field))
      return {
        message: `the required field \`${field}\` is missing: read as ${JSON.stringify(DEFAULTS[field])}`,
        repair: { kind: "add", field, value: DEFAULTS[field] },
      };
    if (field === "in" || field === "name")
      return { message: `the required field \`${field}\` is missing: the object is ignored`, repair: { kind: "ignore" } };
    return { message: `the required field \`${field}\` is missing: the object is read without it` };
  }
  // Swagger 2.0 allows `type: file` (responses and form fields); the conversion turns it into binary.
  if (swagger && /^`type` can be one of/.test(message) && /\/type$/.test(pointer)) return { message, skip: true };
  if (
    /^Expected type|can be one of the following only|must be one of|should be/.test(message) ||
    /^Must contain at least one of/.test(message)
  ) {
    if (/^Must contain at least one of/.test(message)) return { message: `${message.replace(/\.$/, "")}: read as any value (\`unknown\`)` };
    const nullType = /\/type$/.test(pointer) ? " (`type: null` is read as the value `null`)" : "";
    return { message: `${message.replace(/\.$/, "")}: the value is ignored (as if not written)${nullType}`, repair: { kind: "remove" } };
  }
  return { message: `${message.replace(/\.$/, "")}: ignored` };
}

/**
 * What Redocly says, in our words, with the decision: `error` only for a `$ref` into a file that
 * cannot be read; a warning (and its repair) for everything else.
 */
export function decideProblem(
  problem: NormalizedProblem,
  swagger: boolean,
  relocate?: (pointer: string) => Partial<SpecIssue>,
): Decided | undefined {
  const location = problem.location[0];
  let message = problem.message;
  const code = CODES[problem.ruleId] ?? problem.ruleId;
  const pointer = location?.pointer;
  let severity: SpecIssue["severity"] = "warning";
  let repair: Repair | undefined;
  let ourCode = code;
  let hint = HINTS[problem.ruleId] ?? problem.suggest?.[0];
  switch (problem.ruleId) {
    case "struct": {
      const decided = structDecision(message, swagger, pointer ?? "");
      if (decided.skip) return undefined;
      message = decided.message;
      if (decided.code) {
        ourCode = decided.code;
        hint = 'write `type: [<type>, "null"]` (3.1), or declare `openapi: 3.0.3`';
      }
      repair = decided.repair;
      break;
    }
    case "no-unresolved-refs":
      // Discriminator mappings are checked (and repaired) on the bundled document: a bare schema
      // name is a valid mapping value that Redocly does not resolve.
      if (pointer && /\/discriminator\/mapping\/[^/]+$/.test(pointer)) return undefined;
      if (/ENOENT|no such file|EISDIR|Failed to/i.test(message)) {
        severity = "error";
        message = message.replace(/'([^']+)'/, (_, file: string) => `'${relativeDisplay(file)}'`);
      } else {
        message = "the $ref points at nothing in its document: read as any value (`unknown`)";
        repair = { kind: "any-value" };
      }
      break;
    case "operation-parameters-unique":
      message = `${message.replace(/\.$/, "")}: the last declaration is used`;
      break;
    case "path-parameters-defined":
      if (/is not used in the path/.test(message)) {
        ourCode = "unused-path-parameter";
        message = `${message.replace(/\.$/, "")}: the parameter is ignored`;
        repair = { kind: "ignore" };
      } else {
        ourCode = "undeclared-path-parameter";
        const name = /`\{?([^`{}]+)\}?`/.exec(message)?.[1];
        message = `${message.replace(/\.$/, "")}: declared as a required string path parameter`;
        if (name) repair = { kind: "declare-path-parameter", field: name };
      }
      break;
    case "no-enum-type-mismatch":
      message = `${message.replace(/\.$/, "")}: the values are kept as written (the type is their union)`;
      break;
    case "spec-components-invalid-map-name":
      message = `${message.replace(/\.$/, "")}: kept; exported names are derived from it`;
      break;
  }
  const issue: SpecIssue = { code: ourCode, message, severity };
  if (hint) issue.hint = hint;
  if (location) {
    if (pointer) issue.pointer = pointer;
    if (relocate) Object.assign(issue, relocate(pointer ?? "#"));
    else {
      issue.file = relativeDisplay(location.source.absoluteRef);
      const lineCol = safeLineCol(location);
      if (lineCol) {
        issue.line = lineCol.line;
        issue.column = lineCol.col;
      }
    }
  }
  return { issue, ...(repair ? { repair } : {}), ...(location ? { source: location.source.absoluteRef } : {}) };
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

/** Every problem decided; the `operation-operationId-unique` pointer fix-up is no longer needed. */
export function decideProblems(
  problems: NormalizedProblem[],
  swagger: boolean,
  relocate?: (pointer: string) => Partial<SpecIssue>,
): Decided[] {
  return problems.flatMap((p) => {
    if (misreadTemplate(p) || isItemSchema(p)) return [];
    const decided = decideProblem(p, swagger, relocate);
    return decided ? [decided] : [];
  });
}

/**
 * OpenAPI 3.2's `itemSchema` (§4.14 Media Type Object: the schema of each item of a streamed body)
 * is read in 3.0 and 3.1 documents too: streaming APIs describe their events with it before 3.2.
 */
function isItemSchema(problem: NormalizedProblem): boolean {
  return problem.ruleId === "struct" && /\/content\/[^/]+\/itemSchema$/.test(problem.location[0]?.pointer ?? "");
}

/**
 * Redocly reads the `{names}` of a path as [a-zA-Z0-9_.-] only, so a declared `{名前}` looks
 * unused to it (the IR checks such names instead: scripts/ir/parameters.ts).
 */
function misreadTemplate(problem: NormalizedProblem): boolean {
  const unused = /^Path parameter `(.+)` is not used in the path `(.+)`\.$/.exec(problem.message);
  return problem.ruleId === "path-parameters-defined" && unused !== null && unused[2]!.includes(`{${unused[1]}}`);
}
