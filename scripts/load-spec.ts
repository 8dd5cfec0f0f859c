/**
 * Stage 1 of the pipeline: read the spec (YAML or JSON, split across files or not), check the
 * OpenAPI version, run the structural checks, and bundle every external `$ref` into one
 * document whose references are all local (`#/components/...`). A Swagger 2.0 document is
 * checked as it is written, then converted to OpenAPI 3.0 (convert-swagger.ts).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  BaseResolver,
  bundle,
  createConfig,
  getLineColLocation,
  lintDocument,
  makeDocumentFromString,
  type Document,
  type NormalizedProblem,
} from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "./issues.js";
import { convertSwagger, isSwagger2, swaggerPointer } from "./convert-swagger.js";

export type OpenApiDocument = Record<string, any>;

export interface LoadedSpec {
  /** The path as the user gave it, relative to the working directory: used in messages. */
  displayPath: string;
  absolutePath: string;
  /** "3.0" or "3.1": the version family decides a few rules (nullable, exclusiveMinimum, ...). */
  version: "3.0" | "3.1";
  /** "2.0" when the file is Swagger 2.0 and `document` is its OpenAPI 3.0 conversion. */
  convertedFrom?: "2.0";
  /** The bundled document: one object, every `$ref` local. */
  document: OpenApiDocument;
  /** Every file the spec is made of (absolute paths), for watch mode and messages. */
  files: string[];
  /** Things the user should know that are not problems (e.g. the Swagger 2.0 conversion). */
  notices: string[];
  /**
   * file:line of a JSON pointer of `document` in the root file: the node itself or, when it is
   * not written in the root file (another file, a converted Swagger 2.0 spec), its nearest parent.
   */
  locate(pointer: string): { file: string; line: number; column: number } | undefined;
}

/** Notices go to stderr unless the caller (a quiet CLI, watch mode) says otherwise. */
let noticeHandler: (message: string) => void = (message) => process.stderr.write(`notice: ${message}\n`);

export function setNoticeHandler(handler: (message: string) => void): void {
  noticeHandler = handler;
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

export function relativeDisplay(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function safeLineCol(location: Parameters<typeof getLineColLocation>[0]) {
  try {
    return getLineColLocation(location).start;
  } catch {
    return undefined;
  }
}

const decodeToken = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** The longest prefix of `pointer` that is written in `parsed` (without following `$ref`s). */
function existingPointer(parsed: unknown, pointer: string): { pointer: string; onKey: boolean } {
  const tokens = pointer.replace(/^#\/?/, "").split("/").filter((t) => t !== "");
  let node: any = parsed;
  const found: string[] = [];
  let parentIsObject = false;
  for (const token of tokens) {
    const key = decodeToken(token);
    if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) break;
    parentIsObject = !Array.isArray(node);
    node = node[key];
    found.push(token);
  }
  return { pointer: found.length ? `#/${found.join("/")}` : "#", onKey: found.length > 0 && parentIsObject };
}

/** file:line of a pointer in one parsed file: the key of a mapping entry, the start of anything else. */
function lineOf(document: Document, pointer: string) {
  const at = existingPointer(document.parsed, pointer);
  return safeLineCol({ source: document.source, pointer: at.pointer, reportOnKey: at.onKey });
}

/** What Redocly says, in our words: codes, hints, and messages that name what they are about. */
function problemToIssue(problem: NormalizedProblem, relocate?: (pointer: string) => Partial<SpecIssue>): SpecIssue {
  const location = problem.location[0];
  let message = problem.message;
  let code = CODES[problem.ruleId] ?? problem.ruleId;
  let pointer = location?.pointer;
  if (problem.ruleId === "operation-operationId-unique" && pointer) {
    // Redocly points at `<operation>/<the id>`; the field is `operationId`.
    const id = decodeToken(pointer.slice(pointer.lastIndexOf("/") + 1));
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
      const lineCol = safeLineCol(pointer && pointer !== location.pointer ? { source: location.source, pointer, reportOnKey: true } : location);
      if (lineCol) {
        issue.line = lineCol.line;
        issue.column = lineCol.col;
      }
    }
  }
  return issue;
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
    JSON.parse(text);
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
        message: message.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, "").replace(/^Unexpected token/, "unexpected token"),
        hint: "fix the JSON syntax (no trailing commas, no comments, double-quoted keys), or write the spec in YAML",
      },
    ]);
  }
}

async function resolveRoot(resolver: BaseResolver, absolutePath: string, displayPath: string): Promise<Document> {
  let document: Document | Error;
  try {
    document = (await resolver.resolveDocument(null, absolutePath, true)) as Document | Error;
  } catch (error) {
    throw new SpecError([yamlIssue(error as Error & { line?: number; col?: number }, absolutePath, displayPath)]);
  }
  if (document instanceof Error) {
    const cause = (document as Error & { originalError?: Error & { line?: number; col?: number } }).originalError;
    if (cause && /YAML|mapping|flow|indentation|duplicated/i.test(`${cause.name} ${cause.message}`)) throw new SpecError([yamlIssue(cause, absolutePath, displayPath)]);
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
  const message = (e.message ?? String(e)).split("\n")[0]!.replace(/ in "[^"]*"/, "").replace(/ \(\d+:\d+\)$/, "");
  const where = { ...(e.line ? { line: e.line } : {}), ...(e.col ? { column: e.col } : {}) };
  if (/duplicated mapping key/.test(message)) {
    const line = e.line ? readFileSync(absolutePath, "utf8").split("\n")[e.line - 1] : undefined;
    const key = line?.slice((e.col ?? 1) - 1).match(/^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/)?.[1];
    return {
      code: "duplicate-key",
      severity: "error",
      file: displayPath,
      ...where,
      message: key ? `the key ${key.replace(/^["']|["']$/g, "`").replace(/^(?!`)(.*)$/, "`$1`")} appears twice in the same mapping` : "a key appears twice in the same mapping",
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

type VersionFamily = "2.0" | "3.0" | "3.1";

function checkVersion(parsed: unknown, displayPath: string, document: Document): VersionFamily {
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
        typeof version === "number"
          ? `write the version as a string with three parts, e.g. \`openapi: "${Number.isInteger(version) ? `${version}.0` : version}.0"\``
          : field === "swagger"
            ? "only Swagger 2.0 (`swagger: \"2.0\"`) is converted; otherwise use OpenAPI 3 (`openapi: 3.1.0`)"
            : "set `openapi: 3.1.0` (or 3.0.3) at the top of the file",
    },
  ]);
}

/**
 * `$ref`s that only lead to other `$ref`s and back (`A: {$ref: B}`, `B: {$ref: A}`): no schema
 * at the end. (A schema that refers to itself *inside* it, like a tree node, is fine.) Redocly
 * throws on these, so they are found first, in the root file, to say where they are.
 */
function refCycles(parsed: unknown, displayPath: string, root: Document): SpecIssue[] {
  const target = (ref: string): unknown => {
    let node: any = parsed;
    for (const token of ref.slice(2).split("/")) node = node && typeof node === "object" ? node[decodeToken(decodeURIComponent(token))] : undefined;
    return node;
  };
  const issues: SpecIssue[] = [];
  const reported = new Set<string>();
  const visit = (node: unknown, at: string, depth: number): void => {
    if (!node || typeof node !== "object" || depth > 200) return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/")) {
      const chain = [at];
      let current = ref;
      while (true) {
        const next = `#/${current.slice(2)}`;
        if (chain.includes(next)) {
          const cycle = chain.slice(chain.indexOf(next));
          const key = [...cycle].sort().join(" ");
          if (!reported.has(key)) {
            reported.add(key);
            const first = [...cycle].sort()[0]!;
            const lineCol = lineOf(root, first);
            issues.push({
              code: "circular-ref",
              severity: "error",
              file: displayPath,
              pointer: first,
              ...(lineCol ? { line: lineCol.line, column: lineCol.col } : {}),
              message: `the $refs ${[...cycle, next].map((p) => p.replace(/^#\/components\/schemas\//, "")).join(" → ")} only refer to each other and never reach a schema`,
              hint: "make one of them a schema (a $ref to itself inside `properties` or `items` is fine)",
            });
          }
          break;
        }
        const value = target(current) as { $ref?: unknown } | undefined;
        if (!value || typeof value !== "object" || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) break;
        chain.push(next);
        current = value.$ref;
      }
      return;
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${at === "#" ? "#" : at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
  };
  visit(parsed, "#", 0);
  return issues;
}

/** Redocly throws (instead of reporting) on a few inputs, e.g. a `$ref` cycle in another file. */
async function reportThrown<T>(work: () => Promise<T>, displayPath: string): Promise<T> {
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

function errorsOf(problems: NormalizedProblem[], relocate?: (pointer: string) => Partial<SpecIssue>): SpecIssue[] {
  return problems.filter((p) => p.severity === "error").map((p) => problemToIssue(p, relocate));
}

export async function loadSpec(specPath: string): Promise<LoadedSpec> {
  const absolutePath = path.resolve(specPath);
  const displayPath = relativeDisplay(absolutePath);
  checkRootFile(absolutePath, displayPath);

  const resolver = new BaseResolver();
  const root = await resolveRoot(resolver, absolutePath, displayPath);
  const family = checkVersion(root.parsed, displayPath, root);
  if (family === "2.0") (root.parsed as OpenApiDocument).swagger = "2.0";

  // Checked as written (Swagger 2.0 included), so that every problem points at a line the user wrote.
  const cycles = refCycles(root.parsed, displayPath, root);
  if (cycles.length > 0) throw new SpecError(cycles);
  const config = await createConfig({ rules: STRUCTURAL_RULES });
  const problems = await reportThrown(() => lintDocument({ document: root, config, externalRefResolver: resolver }), displayPath);
  const errors = errorsOf(problems);
  if (errors.length > 0) throw new SpecError(errors);

  const bundled = await reportThrown(() => bundle({ doc: root, config, externalRefResolver: resolver, dereference: false }), displayPath);
  const bundleErrors = errorsOf(bundled.problems);
  if (bundleErrors.length > 0) throw new SpecError(bundleErrors);
  const files = [...new Set([absolutePath, ...bundled.fileDependencies])].sort();

  const locateInRoot = (pointer: string) => {
    const lineCol = lineOf(root, family === "2.0" ? swaggerPointer(pointer) : pointer);
    return lineCol ? { file: displayPath, line: lineCol.line, column: lineCol.col } : undefined;
  };
  const notices: string[] = [];
  let document = bundled.bundle.parsed as OpenApiDocument;
  if (family === "2.0") {
    const converted = await convertSwagger(document, displayPath);
    document = converted.document;
    notices.push(`${displayPath} is Swagger 2.0; converted to OpenAPI 3.0 on the way in`, ...converted.notes.map((n) => `${displayPath}: ${n}`));
    for (const notice of notices) noticeHandler(notice);
    // What the converter wrote must pass the same checks; problems point back at the Swagger file.
    const convertedDoc = makeDocumentFromString(JSON.stringify(document), absolutePath);
    const relocate = (pointer: string): Partial<SpecIssue> => {
      const at = locateInRoot(pointer);
      return at ? { file: at.file, line: at.line, column: at.column } : { file: displayPath };
    };
    const convertedErrors = errorsOf(await lintDocument({ document: convertedDoc, config, externalRefResolver: new BaseResolver() }), relocate);
    if (convertedErrors.length > 0) throw new SpecError(convertedErrors);
  }

  return {
    displayPath,
    absolutePath,
    version: family === "2.0" ? "3.0" : family,
    ...(family === "2.0" ? { convertedFrom: "2.0" as const } : {}),
    document,
    files,
    notices,
    locate: locateInRoot,
  };
}
