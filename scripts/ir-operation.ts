/**
 * One operation (OpenAPI 3.1 §4.8.10 Operation Object) → `OperationIr`: method name, arguments,
 * body, responses, result and error types, security, pagination.
 */
import type { BodyIr, BodySerializerName, HttpMethod, OperationIr, PaginationIr, ParamIr, ResponseIr } from "./ir.js";
import { pointer, type SpecIssue } from "./issues.js";
import { bindingName, byCodePoint, camelCase, iteratorName, pascalCase, REQUEST_OPTION_KEYS, RESERVED_METHOD_NAMES } from "./naming.js";
import { deref, enumValues, exampleValue, typeLabel, type Schema } from "./ir-schema.js";
import { securityRequirements } from "./ir-security.js";

export const HTTP_METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Media types the runtime can send, best first (JSON wins when several are offered). */
const SERIALIZERS: Record<Exclude<BodyIr["encoding"], "json">, BodySerializerName> = {
  form: "formBody",
  multipart: "multipartBody",
  text: "textBody",
  binary: "binaryBody",
};

const REQUEST_ENCODINGS: [RegExp, BodyIr["encoding"]][] = [
  [/^application\/json$/, "json"],
  [/^application\/[^/]+\+json$/, "json"],
  [/^application\/x-www-form-urlencoded$/, "form"],
  [/^multipart\/form-data$/, "multipart"],
  [/^text\/plain$/, "text"],
  [/^application\/octet-stream$/, "binary"],
];

function responseParseAs(mediaType: string): "json" | "text" | "blob" {
  if (/^application\/(.+\+)?json$/.test(mediaType) || mediaType === "*/*") return "json";
  if (/^text\//.test(mediaType)) return "text";
  return "blob";
}

const quote = (s: string) => JSON.stringify(s);

function pickResponseMedia(content: Schema | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  return types.find((t) => /^application\/(.+\+)?json$/.test(t)) ?? types.find((t) => t.startsWith("text/")) ?? types[0];
}

function pathOrder(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

export interface OperationContext {
  document: Schema;
  path: string;
  method: HttpMethod;
  pathItem: Schema;
  operation: Schema;
  securitySchemeNames: Set<string>;
  issues: SpecIssue[];
}

export function buildOperation(ctx: OperationContext): OperationIr | undefined {
  const { document, path, method, pathItem, operation, issues } = ctx;
  const at = pointer("paths", path, method);
  const operationId: string = operation.operationId;
  const methodName = camelCase(operationId);
  if (!methodName) {
    issues.push({ code: "invalid-operation-id", severity: "error", pointer: `${at}/operationId`, message: `operationId "${operationId}" has no letters or digits to make a method name of`, hint: "use letters and digits, e.g. \"listPets\" or \"list_pets\"" });
    return undefined;
  }
  if (RESERVED_METHOD_NAMES.has(methodName)) {
    issues.push({ code: "reserved-operation-name", severity: "error", pointer: `${at}/operationId`, message: `operationId "${operationId}" gives the method name \`${methodName}\`, which an API class cannot have`, hint: "rename the operationId" });
    return undefined;
  }
  const typePrefix = pascalCase(operationId);
  const operationTypeExpr = `paths[${quote(path)}][${quote(method)}]`;

  // Path-level parameters apply unless the operation overrides the same name+in (§4.8.9).
  const merged = new Map<string, Schema>();
  // Where each parameter is written, so that an issue about it points at it.
  const paramPointers = new Map<Schema, string>();
  const declared: [Schema, string][] = [
    ...((pathItem.parameters ?? []) as Schema[]).map((raw, i): [Schema, string] => [raw, pointer("paths", path, "parameters", i)]),
    ...((operation.parameters ?? []) as Schema[]).map((raw, i): [Schema, string] => [raw, `${at}/parameters/${i}`]),
  ];
  for (const [raw, rawAt] of declared) {
    const param = deref<Schema>(document, raw);
    if (param?.name && param.in) {
      merged.set(`${param.in}:${param.name}`, param);
      paramPointers.set(param, rawAt);
    }
  }
  const order = pathOrder(path);
  const params: ParamIr[] = [];
  const usedKeys = new Map<string, string>();
  for (const param of merged.values()) {
    const schema = param.schema ?? Object.values<Schema>(param.content ?? {})[0]?.schema;
    const required = param.in === "path" ? true : param.required === true;
    const optionKey = camelCase(param.name) || "value";
    const where = `${param.in} parameter "${param.name}"`;
    const paramAt = paramPointers.get(param) ?? `${at}/parameters`;
    if (param.in === "query" && ((param.style && !["form", "deepObject"].includes(param.style)) || param.explode === false)) {
      issues.push({ code: "unsupported-parameter-style", severity: "error", pointer: paramAt, message: `${where} of ${operationId} uses style ${param.style ?? "form"} with explode ${param.explode ?? true}; the client sends query arrays as form/explode and objects as deepObject`, hint: "use the default style (form, explode: true) or deepObject" });
      continue;
    }
    if (REQUEST_OPTION_KEYS.has(optionKey)) {
      issues.push({ code: "parameter-name-conflict", severity: "error", pointer: paramAt, message: `${where} of ${operationId} would be the option \`${optionKey}\`, which is a request option of every method`, hint: `rename the parameter (e.g. "${param.name}Param")` });
      continue;
    }
    const clash = usedKeys.get(optionKey);
    if (clash) {
      issues.push({ code: "parameter-name-collision", severity: "error", pointer: paramAt, message: `${where} and ${clash} of ${operationId} both become \`${optionKey}\` in camelCase`, hint: "rename one of the two parameters" });
      continue;
    }
    usedKeys.set(optionKey, where);
    const section = `NonNullable<${operationTypeExpr}["parameters"][${quote(param.in)}]>`;
    const example = param.example ?? (param.examples ? deref<Schema>(document, Object.values<Schema>(param.examples)[0])?.value : undefined) ?? exampleValue(document, schema);
    params.push({
      name: param.name,
      in: param.in,
      bindingName: bindingName(param.name),
      optionKey,
      required,
      deprecated: param.deprecated === true,
      ...(typeof param.description === "string" ? { description: param.description } : {}),
      typeExpr: `${section}[${quote(param.name)}]`,
      typeLabel: typeLabel(schema),
      ...(schema?.default !== undefined ? { defaultJson: JSON.stringify(schema.default) } : {}),
      enumValues: enumValues(deref(document, schema)),
      exampleJson: JSON.stringify(param.in === "path" && example === "string" ? `my-${param.name}` : example),
    });
  }
  const pathParams = params.filter((p) => p.in === "path").sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const positionalParams = [...pathParams, ...params.filter((p) => p.in !== "path" && p.required)];
  const optionalParams = params.filter((p) => !p.required);

  const body = buildBody(ctx, operationTypeExpr, at);
  if (body === null) return undefined;
  // Local names must be distinct: suffix later ones with a number.
  const taken = new Set<string>();
  for (const p of [...positionalParams, ...(body ? [body] : []), ...optionalParams]) {
    let name = p.bindingName;
    for (let i = 2; taken.has(name); i++) name = `${p.bindingName}${i}`;
    p.bindingName = name;
    taken.add(name);
  }

  const responses = buildResponses(document, operation, operationTypeExpr);
  const successes = responses.filter((r) => r.isSuccess);
  const withBody = successes.filter((r) => r.typeExpr);
  const resultIsVoid = withBody.length === 0;
  const resultTypes = [...new Set(withBody.map((r) => r.typeExpr!))];
  if (!resultIsVoid && withBody.length < successes.length) resultTypes.push("undefined");
  const errorTypes = [...new Set(responses.filter((r) => !r.isSuccess && r.typeExpr).map((r) => r.typeExpr!))];
  const firstBody = withBody[0];
  const security = securityRequirements(document, operation, ctx.securitySchemeNames, at, issues);
  const accept = [...new Set(responses.map((r) => r.mediaType).filter((m): m is string => !!m))];

  const op: OperationIr = {
    operationId,
    methodName,
    typePrefix,
    httpMethod: method,
    httpMethodUpper: method.toUpperCase(),
    path,
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { description: operation.description } : {}),
    ...(typeof operation.summary === "string" && !(typeof operation.description === "string" && operation.description.startsWith(operation.summary.replace(/\.$/, "")))
      ? { jsdocSummary: operation.summary }
      : {}),
    deprecated: operation.deprecated === true,
    tags: Array.isArray(operation.tags) ? operation.tags.map(String) : [],
    operationTypeExpr,
    positionalParams,
    optionalParams,
    paramsIn: {
      path: pathParams,
      query: params.filter((p) => p.in === "query"),
      header: params.filter((p) => p.in === "header"),
      cookie: params.filter((p) => p.in === "cookie"),
    },
    ...(body ? { body } : {}),
    responses,
    // What comes back is the read view of the schema (§4.8.24: writeOnly is never returned).
    resultTypeExpr: resultIsVoid ? "void" : `Readable<${resultTypes.join(" | ")}>`,
    resultIsVoid,
    ...(firstBody?.typeLabel ? { resultTypeLabel: firstBody.typeLabel } : {}),
    ...(firstBody?.mediaType ? { parseAs: responseParseAs(firstBody.mediaType) } : {}),
    accept,
    errorTypeExpr: errorTypes.length ? `Readable<${errorTypes.join(" | ")}>` : "unknown",
    security,
    securitySchemeNames: [...new Set(security.flat())],
    pointer: at,
  };
  const pagination = detectPagination(document, op, operation);
  if (pagination) op.pagination = pagination;
  return op;
}

/** `undefined`: no body; `null`: a body we cannot send (an issue was reported). */
function buildBody(ctx: OperationContext, operationTypeExpr: string, at: string): BodyIr | undefined | null {
  const { document, operation, issues } = ctx;
  if (!operation.requestBody) return undefined;
  const requestBody = deref<Schema>(document, operation.requestBody);
  const mediaTypes = Object.keys(requestBody.content ?? {});
  let chosen: { mediaType: string; encoding: BodyIr["encoding"] } | undefined;
  for (const [pattern, encoding] of REQUEST_ENCODINGS) {
    const mediaType = mediaTypes.find((m) => pattern.test(m.split(";")[0]!.trim()));
    if (mediaType) {
      chosen = { mediaType, encoding };
      break;
    }
  }
  if (!chosen) {
    issues.push({
      code: "unsupported-media-type",
      severity: "error",
      pointer: `${at}/requestBody/content`,
      message: `request body of ${operation.operationId} offers only ${mediaTypes.length ? mediaTypes.join(", ") : "no media type"}`,
      hint: "offer application/json, application/x-www-form-urlencoded, multipart/form-data, text/plain or application/octet-stream",
    });
    return null;
  }
  const schema = requestBody.content[chosen.mediaType]?.schema;
  const modelLabel = typeLabel(schema);
  const modelPart = modelLabel.parts.length === 1 ? modelLabel.parts[0]?.model : undefined;
  const media = requestBody.content[chosen.mediaType] ?? {};
  const example = media.example ?? (media.examples ? deref<Schema>(document, Object.values<Schema>(media.examples)[0])?.value : undefined) ?? exampleValue(document, schema);
  // openapi-fetch labels every body but FormData application/json (a form too), so the client sets
  // the type itself, except for application/json and for multipart (fetch adds the boundary).
  const contentType = chosen.mediaType === "application/json" || chosen.encoding === "multipart" ? undefined : chosen.mediaType;
  return {
    required: requestBody.required === true,
    mediaType: chosen.mediaType,
    encoding: chosen.encoding,
    ...(chosen.encoding !== "json" ? { serializer: SERIALIZERS[chosen.encoding] } : {}),
    ...(contentType ? { contentType } : {}),
    bindingName: modelPart ? bindingName(modelPart) : "body",
    ...(typeof requestBody.description === "string" ? { description: requestBody.description } : {}),
    // What is sent is the write view (§4.8.24: readOnly is never sent).
    typeExpr: `Writable<NonNullable<${operationTypeExpr}["requestBody"]>["content"][${quote(chosen.mediaType)}]>`,
    typeLabel: modelLabel,
    exampleJson: JSON.stringify(example, null, 2),
    secretFields: secretFieldNames(document, schema),
  };
}

/** Deep enough for any real body; a cycle is also stopped by remembering visited schemas. */
const MAX_SCHEMA_DEPTH = 64;

/** `writeOnly` on the property itself, on what it references, or on an `allOf` part of it. */
function isWriteOnly(document: Schema, raw: Schema | undefined, depth = 0): boolean {
  if (!raw || typeof raw !== "object" || depth > 8) return false;
  if (raw.writeOnly === true) return true;
  const schema = deref<Schema>(document, raw);
  if (schema !== raw && schema?.writeOnly === true) return true;
  return Array.isArray(schema?.allOf) && schema.allOf.some((part: Schema) => isWriteOnly(document, part, depth + 1));
}

/**
 * The names of the `writeOnly` properties (§4.8.24 Schema Object, JSON Schema Validation §9.4) at
 * any depth of a request body schema: through `$ref`, `allOf`/`oneOf`/`anyOf`, `properties`,
 * `patternProperties`, `additionalProperties`, `items`/`prefixItems`. The runtime redacts fields of
 * these names from logs and blanks their values out of errors.
 */
export function secretFieldNames(document: Schema, schema: Schema | undefined): string[] {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (raw: unknown, depth: number): void => {
    if (!raw || typeof raw !== "object" || depth > MAX_SCHEMA_DEPTH) return;
    const node = deref<Schema>(document, raw);
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    for (const key of ["allOf", "oneOf", "anyOf", "prefixItems"]) {
      if (Array.isArray(node[key])) for (const part of node[key]) visit(part, depth + 1);
    }
    for (const key of ["items", "additionalProperties", "then", "else"]) visit(node[key], depth + 1);
    for (const [name, property] of Object.entries<Schema>(node.properties ?? {})) {
      if (isWriteOnly(document, property)) names.add(name);
      visit(property, depth + 1);
    }
    for (const property of Object.values<Schema>(node.patternProperties ?? {})) visit(property, depth + 1);
  };
  visit(schema, 0);
  return [...names].sort(byCodePoint);
}

function statusOrder(status: string): string {
  // Numeric codes first in order, then ranges (2XX), then `default`.
  return status === "default" ? "9" : status;
}

function buildResponses(document: Schema, operation: Schema, operationTypeExpr: string): ResponseIr[] {
  const entries = Object.entries<Schema>(operation.responses ?? {}).sort(([a], [b]) => (statusOrder(a) < statusOrder(b) ? -1 : 1));
  const hasExplicitSuccess = entries.some(([status]) => /^2/.test(status));
  return entries.map(([status, raw]) => {
    const response = deref<Schema>(document, raw);
    const mediaType = pickResponseMedia(response.content);
    const schema = mediaType ? response.content[mediaType]?.schema : undefined;
    const key = /^\d+$/.test(status) ? status : quote(status);
    const headers = Object.entries<Schema>(response.headers ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, h]) => {
        const header = deref<Schema>(document, h);
        return { name, ...(typeof header.description === "string" ? { description: header.description } : {}), typeLabel: typeLabel(header.schema) };
      });
    return {
      status,
      // With no 2xx response, `default` describes success too (§4.8.16).
      isSuccess: /^2/.test(status) || (!hasExplicitSuccess && status === "default"),
      description: typeof response.description === "string" ? response.description : "",
      ...(mediaType ? { mediaType } : {}),
      ...(mediaType ? { typeLabel: schema ? typeLabel(schema) : { text: "any", parts: [{ text: "any" }] } } : {}),
      ...(mediaType ? { typeExpr: `${operationTypeExpr}["responses"][${key}]["content"][${quote(mediaType)}]` } : {}),
      headers,
    };
  });
}

const PAGE_NAMES = new Set(["page", "pageNumber"]);
const PER_PAGE_NAMES = new Set(["perPage", "pageSize", "limit"]);
const TOTAL_PAGES_NAMES = ["total_pages", "totalPages"];

/**
 * Page-numbered listings: optional `page` + `per_page`-like query options, and a JSON result
 * with one array property and a metadata object that tells the number of pages.
 */
function detectPagination(document: Schema, op: OperationIr, operation: Schema): PaginationIr | undefined {
  const page = op.optionalParams.find((p) => p.in === "query" && PAGE_NAMES.has(p.optionKey));
  const perPage = op.optionalParams.find((p) => p.in === "query" && PER_PAGE_NAMES.has(p.optionKey));
  if (!page || !perPage || op.parseAs !== "json") return undefined;
  const ok = Object.entries<Schema>(operation.responses ?? {}).find(([s]) => /^2/.test(s));
  const response = ok ? deref<Schema>(document, ok[1]) : undefined;
  const media = pickResponseMedia(response?.content);
  const schema = media ? deref<Schema>(document, response!.content[media]?.schema) : undefined;
  const props = Object.entries<Schema>(schema?.properties ?? {});
  const arrays = props.filter(([, p]) => deref<Schema>(document, p)?.type === "array" || deref<Schema>(document, p)?.items);
  if (arrays.length !== 1) return undefined;
  for (const [name, p] of props) {
    const meta = deref<Schema>(document, p);
    const total = TOTAL_PAGES_NAMES.find((t) => meta?.properties?.[t]);
    if (total) {
      const itemsProperty = arrays[0]![0];
      return {
        pageOption: page.optionKey,
        perPageOption: perPage.optionKey,
        itemsProperty,
        metadataProperty: name,
        totalPagesProperty: total,
        iteratorName: iteratorName(op.methodName),
        itemTypeExpr: `NonNullable<NonNullable<${op.resultTypeExpr}>[${quote(itemsProperty)}]>[number]`,
      };
    }
  }
  return undefined;
}
