/**
 * The root file before any OpenAPI rule: it exists, is a file, is not empty, parses as YAML or
 * JSON (a `.json` file as strict JSON), and says which OpenAPI version it is.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { BaseResolver, Document } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { DEFAULT_LIMITS, type SpecLimits } from "../options.js";
import { checkRootFileBounds, refusalIssue } from "./limits.js";
import { lineOf } from "./locate.js";
import { isSwagger2 } from "./swagger2.js";

/** Reads the root file and reports the problems a reader can see before any OpenAPI rule. */
export function checkRootFile(absolutePath: string, displayPath: string, limits: SpecLimits = DEFAULT_LIMITS): void {
  if (!existsSync(absolutePath)) {
    throw new SpecError([
      {
        code: "spec-not-found",
        severity: "error",
        file: displayPath,
        message: "the spec file does not exist",
        hint: "pass the path of an OpenAPI 3.0/3.1 (or Swagger 2.0) YAML or JSON file (SPEC=<file>)",
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
  checkRootFileBounds(absolutePath, displayPath, limits);
  const text = readFileSync(absolutePath, "utf8");
  if (text.trim() === "" || text.split("\n").every((line) => /^\s*(#.*)?$/.test(line))) {
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
  // The YAML parser also reads JSON, and forgives what JSON forbids (trailing commas, comments):
  // a `.json` file must be JSON.
  if (/\.json$/i.test(absolutePath)) checkJson(text, displayPath);
}

function checkJson(text: string, displayPath: string): void {
  try {
    // A byte order mark is allowed before JSON text (RFC 8259 §8.1: parsers may ignore it).
    JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : undefined;
    const before = offset !== undefined ? text.slice(0, offset).split("\n") : undefined;
    throw new SpecError([
      {
        code: "invalid-json",
        severity: "error",
        file: displayPath,
        ...(before ? { line: before.length, column: before[before.length - 1]!.length + 1 } : {}),
        message: message
          .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, "")
          .replace(/^Unexpected token/, "unexpected token"),
        hint: "fix the JSON syntax (no trailing commas, no comments, double-quoted keys), or write the spec in YAML",
      },
    ]);
  }
}

export async function resolveRoot(resolver: BaseResolver, absolutePath: string, displayPath: string): Promise<Document> {
  let document: Document | Error;
  try {
    document = (await resolver.resolveDocument(null, absolutePath, true)) as Document | Error;
  } catch (error) {
    const refused = refusalIssue(error, displayPath);
    if (refused) throw new SpecError([refused]);
    throw new SpecError([yamlIssue(error as Error & { line?: number; col?: number }, absolutePath, displayPath)]);
  }
  if (document instanceof Error) {
    const cause = (document as Error & { originalError?: Error & { line?: number; col?: number } }).originalError;
    if (cause && /YAML|mapping|flow|indentation|duplicated/i.test(`${cause.name} ${cause.message}`))
      throw new SpecError([yamlIssue(cause, absolutePath, displayPath)]);
    throw new SpecError([
      {
        code: "unreadable-spec",
        severity: "error",
        file: displayPath,
        message: document.message,
        hint: "check that the file is readable and is YAML or JSON",
      },
    ]);
  }
  return document;
}

function yamlIssue(e: Error & { line?: number; col?: number }, absolutePath: string, displayPath: string): SpecIssue {
  const message = (e.message ?? String(e))
    .split("\n")[0]!
    .replace(/ in "[^"]*"/, "")
    .replace(/ \(\d+:\d+\)$/, "");
  const where = { ...(e.line ? { line: e.line } : {}), ...(e.col ? { column: e.col } : {}) };
  if (/duplicated mapping key/.test(message)) {
    const line = e.line ? readFileSync(absolutePath, "utf8").split("\n")[e.line - 1] : undefined;
    const key = line?.slice((e.col ?? 1) - 1).match(/^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/)?.[1];
    return {
      code: "duplicate-key",
      severity: "error",
      file: displayPath,
      ...where,
      message: key
        ? `the key ${key.replace(/^["']|["']$/g, "`").replace(/^(?!`)(.*)$/, "`$1`")} appears twice in the same mapping`
        : "a key appears twice in the same mapping",
      hint: "keep one of the two entries (merge them): YAML and JSON allow each key once per mapping",
    };
  }
  return {
    code: /\.json$/i.test(absolutePath) ? "invalid-json" : "invalid-yaml",
    severity: "error",
    file: displayPath,
    ...where,
    message,
    hint: "fix the YAML/JSON syntax at this line (indentation, quotes, brackets)",
  };
}

export type VersionFamily = "2.0" | "3.0" | "3.1";

/**
 * The version family of the document. A version written loosely but without doubt (`3.0.0-RC1`,
 * `3.1`, the YAML number `3.1`) is read as its family, with a warning, and written back as
 * `3.x.y` so that every later stage reads it the same way.
 */
export function checkVersion(parsed: unknown, displayPath: string, document: Document, warnings: SpecIssue[] = []): VersionFamily {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SpecError([
      {
        code: "not-an-openapi-document",
        severity: "error",
        file: displayPath,
        line: 1,
        pointer: "#",
        message: `the root of the file is ${Array.isArray(parsed) ? "a list" : parsed === null ? "null" : `a ${typeof parsed}`}, not a mapping`,
        hint: "the root of an OpenAPI document is a mapping with `openapi`, `info` and `paths`",
      },
    ]);
  }
  const doc = parsed as Record<string, unknown>;
  if (isSwagger2(doc) && doc.openapi === undefined) return "2.0";
  const version = doc.openapi;
  if (typeof version === "string" && /^3\.0\.\d+$/.test(version)) return "3.0";
  if (typeof version === "string" && /^3\.1\.\d+$/.test(version)) return "3.1";
  const loose = typeof version === "string" ? /^3\.([01])(?:\.(\d+))?(?:[-+ ].*)?$/.exec(version.trim()) : undefined;
  const number = typeof version === "number" && (version === 3 || version === 3.1) ? (version === 3 ? "0" : "1") : undefined;
  const minor = loose?.[1] ?? number;
  if (minor !== undefined) {
    const canonical = `3.${minor}.${loose?.[2] ?? "0"}`;
    const lineCol = lineOf(document, "#/openapi");
    warnings.push({
      code: "openapi-version-format",
      severity: "warning",
      file: displayPath,
      pointer: "#/openapi",
      ...(lineCol ? { line: lineCol.line, column: lineCol.col } : {}),
      message: `\`openapi: ${String(version)}\` is not a version of the form 3.x.y: read as ${canonical}`,
      hint: `write \`openapi: "${canonical}"\` (a string with three parts)`,
    });
    doc.openapi = canonical;
    return minor === "0" ? "3.0" : "3.1";
  }
  const field = version !== undefined ? "openapi" : doc.swagger !== undefined ? "swagger" : undefined;
  const found = field ? `${field}: ${String(doc[field])}` : "no `openapi` field";
  const at = field ? `#/${field}` : "#";
  const lineCol = lineOf(document, at);
  throw new SpecError([
    {
      code: "unsupported-openapi-version",
      severity: "error",
      file: displayPath,
      pointer: at,
      ...(lineCol ? { line: lineCol.line, column: lineCol.col } : { line: 1 }),
      message: `unsupported OpenAPI version (${found}); this generator reads OpenAPI 3.0.x and 3.1.x, and Swagger 2.0`,
      hint:
        field === "swagger"
          ? 'only Swagger 2.0 (`swagger: "2.0"`) is converted; otherwise use OpenAPI 3 (`openapi: 3.1.0`)'
          : "set `openapi: 3.1.0` (or 3.0.3) at the top of the file",
    },
  ]);
}
