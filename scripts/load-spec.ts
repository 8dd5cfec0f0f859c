/**
 * Stage 1 of the pipeline: read the spec (YAML or JSON, split across files or not), check the
 * OpenAPI version, run the structural checks, and bundle every external `$ref` into one
 * document whose references are all local (`#/components/...`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  BaseResolver,
  bundle,
  createConfig,
  getLineColLocation,
  lintDocument,
  type Document,
  type NormalizedProblem,
} from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "./issues.js";

export type OpenApiDocument = Record<string, any>;

export interface LoadedSpec {
  /** The path as the user gave it, relative to the working directory: used in messages. */
  displayPath: string;
  absolutePath: string;
  /** "3.0" or "3.1": the version family decides a few rules (nullable, exclusiveMinimum, ...). */
  version: "3.0" | "3.1";
  /** The bundled document: one object, every `$ref` local. */
  document: OpenApiDocument;
  /** Every file the spec is made of (absolute paths), for watch mode and messages. */
  files: string[];
  /** file:line of a JSON pointer in the root file, when it is there. */
  locate(pointer: string): { file: string; line: number; column: number } | undefined;
}

/** The checks every spec must pass before we build anything from it (Redocly rule names). */
const STRUCTURAL_RULES = {
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

const HINTS: Record<string, string> = {
  struct: "fix the field so that it matches the OpenAPI schema for this object",
  "no-unresolved-refs": "point the $ref at an existing file and JSON pointer",
  "operation-operationId": "add a unique `operationId`: the client method is named after it",
  "operation-operationId-unique": "give each operation its own `operationId`",
  "operation-parameters-unique": "remove the duplicate parameter (same name and `in`)",
  "path-parameters-defined": "declare every `{name}` of the path as an `in: path` parameter, and only those",
  "no-identical-paths": "merge the two paths: they differ only in parameter names",
  "no-enum-type-mismatch": "make every enum value match the schema's `type`",
};

export function relativeDisplay(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function problemToIssue(problem: NormalizedProblem): SpecIssue {
  const location = problem.location[0];
  const issue: SpecIssue = {
    code: problem.ruleId === "struct" ? "invalid-structure" : problem.ruleId,
    message: problem.message,
    severity: problem.severity === "error" ? "error" : "warning",
  };
  const hint = HINTS[problem.ruleId] ?? problem.suggest?.[0];
  if (hint) issue.hint = hint;
  if (location) {
    issue.file = relativeDisplay(location.source.absoluteRef);
    issue.pointer = location.pointer;
    const lineCol = safeLineCol(location);
    if (lineCol) {
      issue.line = lineCol.line;
      issue.column = lineCol.col;
    }
  }
  return issue;
}

function safeLineCol(location: Parameters<typeof getLineColLocation>[0]) {
  try {
    return getLineColLocation(location).start;
  } catch {
    return undefined;
  }
}

/** Reads the root file and reports the problems a reader can see before any OpenAPI rule. */
function checkRootFile(absolutePath: string, displayPath: string): void {
  if (!existsSync(absolutePath)) {
    throw new SpecError([
      {
        code: "spec-not-found",
        severity: "error",
        file: displayPath,
        message: "the spec file does not exist",
        hint: "pass the path of an OpenAPI 3.0/3.1 YAML or JSON file (SPEC=<file>)",
      },
    ]);
  }
  if (statSync(absolutePath).isDirectory()) {
    throw new SpecError([
      {
        code: "spec-not-a-file",
        severity: "error",
        file: displayPath,
        message: "the spec path is a directory",
        hint: "pass the root file of the spec, e.g. spec/openapi.yaml",
      },
    ]);
  }
  if (readFileSync(absolutePath, "utf8").trim() === "") {
    throw new SpecError([
      {
        code: "spec-empty",
        severity: "error",
        file: displayPath,
        line: 1,
        message: "the spec file is empty",
        hint: "write an OpenAPI document: `openapi: 3.1.0`, `info`, `paths`",
      },
    ]);
  }
}

async function resolveRoot(resolver: BaseResolver, absolutePath: string, displayPath: string): Promise<Document> {
  let document: Document | Error;
  try {
    document = (await resolver.resolveDocument(null, absolutePath, true)) as Document | Error;
  } catch (error) {
    const e = error as Error & { line?: number; col?: number };
    throw new SpecError([
      {
        code: "invalid-yaml",
        severity: "error",
        file: displayPath,
        ...(e.line ? { line: e.line } : {}),
        ...(e.col ? { column: e.col } : {}),
        message: (e.message ?? String(e)).replace(/ in "[^"]*"/, ""),
        hint: "fix the YAML/JSON syntax (duplicate keys are not allowed)",
      },
    ]);
  }
  if (document instanceof Error) {
    throw new SpecError([{ code: "unreadable-spec", severity: "error", file: displayPath, message: document.message }]);
  }
  return document;
}

function checkVersion(parsed: unknown, displayPath: string, source: Document["source"]): "3.0" | "3.1" {
  const at = (pointer: string) => {
    const lineCol = safeLineCol({ source, pointer, reportOnKey: false });
    return lineCol ? { line: lineCol.line, column: lineCol.col } : {};
  };
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SpecError([
      {
        code: "not-an-openapi-document",
        severity: "error",
        file: displayPath,
        message: "the file does not contain an object",
        hint: "the root of an OpenAPI document is a mapping with `openapi`, `info` and `paths`",
      },
    ]);
  }
  const doc = parsed as Record<string, unknown>;
  const version = doc.openapi;
  if (typeof version === "string" && /^3\.0\.\d+$/.test(version)) return "3.0";
  if (typeof version === "string" && /^3\.1\.\d+$/.test(version)) return "3.1";
  const found = version !== undefined ? `openapi: ${String(version)}` : doc.swagger !== undefined ? `swagger: ${String(doc.swagger)}` : "no `openapi` field";
  throw new SpecError([
    {
      code: "unsupported-openapi-version",
      severity: "error",
      file: displayPath,
      pointer: version !== undefined ? "#/openapi" : doc.swagger !== undefined ? "#/swagger" : "#",
      ...at(version !== undefined ? "#/openapi" : doc.swagger !== undefined ? "#/swagger" : "#"),
      message: `unsupported OpenAPI version (${found}); this generator reads OpenAPI 3.0.x and 3.1.x`,
      hint:
        doc.swagger !== undefined
          ? "convert the Swagger 2.0 document to OpenAPI 3 first"
          : "set `openapi: 3.1.0` (or 3.0.3) at the top of the file",
    },
  ]);
}

export async function loadSpec(specPath: string): Promise<LoadedSpec> {
  const absolutePath = path.resolve(specPath);
  const displayPath = relativeDisplay(absolutePath);
  checkRootFile(absolutePath, displayPath);

  const resolver = new BaseResolver();
  const root = await resolveRoot(resolver, absolutePath, displayPath);
  const version = checkVersion(root.parsed, displayPath, root.source);

  const config = await createConfig({ rules: STRUCTURAL_RULES });
  const problems = await lintDocument({ document: root, config, externalRefResolver: resolver });
  const errors = problems.filter((p) => p.severity === "error").map(problemToIssue);
  if (errors.length > 0) throw new SpecError(errors);

  const bundled = await bundle({ doc: root, config, externalRefResolver: resolver, dereference: false });
  const bundleErrors = bundled.problems.filter((p) => p.severity === "error").map(problemToIssue);
  if (bundleErrors.length > 0) throw new SpecError(bundleErrors);

  const files = [...new Set([absolutePath, ...bundled.fileDependencies])].sort();
  return {
    displayPath,
    absolutePath,
    version,
    document: bundled.bundle.parsed as OpenApiDocument,
    files,
    locate(pointer) {
      const lineCol = safeLineCol({ source: root.source, pointer, reportOnKey: false });
      return lineCol ? { file: displayPath, line: lineCol.line, column: lineCol.col } : undefined;
    },
  };
}
