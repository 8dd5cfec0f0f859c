/**
 * The TypeScript example programs of the docs, as data: which names to import, how to configure
 * the client for one security requirement, and the call with the spec's example values. The
 * template `partials/docs-example.hbs` prints the program around this data, laid out as it will be read.
 */
import type { ApiIr, OperationIr, SecuritySchemeIr } from "../ir/types.js";
import { propertyKey } from "../ir/naming.js";
import { byCodePoint } from "../sort.js";

export interface DocsConfigEntry {
  /** Option of the client configuration. */
  name: string;
  /** TS source of its value. */
  value: string;
}

/** A program that only constructs a client (README configuration snippets). */
export interface DocsClientSnippet {
  packageName: string;
  /** Names imported from the package, values first, then `type X` imports. */
  imports: string[];
  className: string;
  /** Local variable holding the API class instance. */
  apiName: string;
  config: DocsConfigEntry[];
}

/** A complete program calling one operation with one security requirement alternative. */
export interface DocsExample extends DocsClientSnippet {
  /** Schemes it authenticates with (one requirement alternative; empty: none). */
  schemes: string[];
  body?: { name: string; typeName: string; literal: string };
  methodName: string;
  /** What `ApiError.is(error, ...)` takes to narrow the error to this operation's. */
  operationId: string;
  /** TS source of each argument, in order. */
  args: string[];
  /** Local variable of the result; absent when the method resolves to nothing. */
  resultName?: string;
  /** Streams of items: the loop variable of a `for await` over the result. */
  streamItem?: string;
  /** A download: read as a `Blob` (its `stream()` is mentioned). */
  download?: boolean;
  /** What the program prints when a method without result succeeded. */
  doneMessage: string;
  /** What it prints before the status when the call fails with an `ApiError`. */
  failureMessage: string;
}

/** Locals of the program; a body named like one of them (or a global it uses) is renamed. */
const PROGRAM_NAMES = new Set(["api", "result", "error", "console", "process", "ApiError", "stream", "event", "item", "download", "blob"]);

/** A JSON value as TS source: identifier keys unquoted, two-space indentation. */
export function tsLiteral(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return value === undefined ? "undefined" : JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, v]) => `${inner}${propertyKey(key)}: ${tsLiteral(v, inner)},`).join("\n")}\n${indent}}`;
}

/** `apiKeyQuery` → `YOUR_API_KEY_QUERY`: a placeholder nobody mistakes for a real credential. */
export function placeholder(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return JSON.stringify(`YOUR_${words || "CREDENTIAL"}`);
}

/** Configuration of a client: the base URL, then every option of the given schemes. */
export function clientConfig(ir: ApiIr, schemes: SecuritySchemeIr[]): DocsConfigEntry[] {
  const config: DocsConfigEntry[] = [{ name: "baseUrl", value: JSON.stringify(ir.defaultBaseUrl) }];
  for (const scheme of schemes) {
    for (const field of scheme.configFields) {
      if (!config.some((c) => c.name === field)) config.push({ name: propertyKey(field), value: placeholder(field) });
    }
  }
  return config;
}

function parseExample(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function clientSnippet(ir: ApiIr, packageName: string, className: string, schemes: SecuritySchemeIr[]): DocsClientSnippet {
  return {
    packageName,
    imports: [className],
    className,
    apiName: "api",
    config: clientConfig(ir, schemes),
  };
}

/**
 * The example of `op` on `className` for one requirement alternative. Arguments are literals
 * (contextually typed, so enum values type-check); the body is a typed constant because it is
 * usually long.
 */
export function operationExample(ir: ApiIr, packageName: string, className: string, op: OperationIr, schemeNames: string[]): DocsExample {
  const schemes = schemesNamed(ir, schemeNames);
  const args = op.positionalParams.map((p) => tsLiteral(parseExample(p.exampleJson)));
  let body: DocsExample["body"];
  if (op.body) {
    const name = PROGRAM_NAMES.has(op.body.bindingName) ? `${op.body.bindingName}Body` : op.body.bindingName;
    body = {
      name,
      typeName: `${op.typePrefix}Body`,
      literal: tsLiteral(parseExample(op.body.exampleJson)),
    };
    args.push(name);
  }
  const options: Record<string, unknown> = {};
  for (const p of op.optionalParams) {
    const value = parseExample(p.exampleJson);
    if (value !== null) options[p.optionKey] = value;
  }
  // The call stands inside `try {`: nested lines are indented one level.
  if (Object.keys(options).length > 0) args.push(tsLiteral(options, "  "));
  const values = ["ApiError", className].sort(byCodePoint);
  return {
    packageName,
    imports: body ? [...values, `type ${body.typeName}`] : values,
    className,
    apiName: "api",
    config: clientConfig(ir, schemes),
    schemes: schemes.map((s) => s.name),
    ...(body ? { body } : {}),
    methodName: op.methodName,
    operationId: op.operationId,
    args,
    ...(op.resultIsVoid ? {} : { resultName: op.stream ? (op.stream.kind === "bytes" ? "download" : "stream") : "result" }),
    ...(op.stream?.items ? { streamItem: op.stream.kind === "events" ? "event" : "item" } : {}),
    ...(op.stream?.kind === "bytes" ? { download: true } : {}),
    doneMessage: `${op.methodName}: done`,
    failureMessage: `${className}.${op.methodName} failed with status`,
  };
}

/** The security schemes of one requirement alternative, in its order. */
function schemesNamed(ir: ApiIr, names: readonly string[]): SecuritySchemeIr[] {
  return names.map((name) => ir.securitySchemes.find((s) => s.name === name)).filter((s): s is SecuritySchemeIr => !!s);
}

/** A program walking every page of a paginated operation with its generated iterator. */
export interface DocsIteratorExample extends DocsClientSnippet {
  iteratorName: string;
  /** TS source of each argument: the positional ones, then an options literal with the page size. */
  args: string[];
  itemName: string;
}

export function iteratorExample(ir: ApiIr, packageName: string, className: string, op: OperationIr): DocsIteratorExample | undefined {
  if (!op.pagination || op.body) return undefined;
  const args = op.positionalParams.map((p) => tsLiteral(parseExample(p.exampleJson)));
  if (op.pagination.sizeOption) args.push(`{ ${propertyKey(op.pagination.sizeOption)}: 50 }`);
  return {
    ...clientSnippet(ir, packageName, className, schemesNamed(ir, op.security[0] ?? [])),
    iteratorName: op.pagination.iteratorName,
    args,
    itemName: "item",
  };
}
