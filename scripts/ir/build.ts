/**
 * Stage 3: the bundled spec → one `ApiIr`. Every decision the templates need is made here
 * (names, order, what is supported), and every problem found is collected, not just the first.
 */
import type { ApiClassIr, ApiIr, OperationIr, ServerIr } from "./types.js";
import { SpecError, sortIssues, type SpecIssue } from "../issues.js";
import { pointer, resolvePointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { REQUEST_OPTION_NAMES, RUNTIME_DEFAULTS } from "./runtime-options.js";
import { CONFIG_OPTION_KEYS, pascalCase, RESERVED_TYPE_NAMES } from "./naming.js";
import type { Schema } from "./schema.js";
import { buildModels, modelsReachedFrom } from "./models.js";
import { buildOperation, HTTP_METHODS } from "./operation.js";
import { buildSecuritySchemes } from "./security.js";
import { classImports, nameTypes, operationModelImports } from "./type-names.js";
import type { LoadedSpec } from "../load/load.js";

/** The class for operations without a tag (a spec with no tags at all gets only this one). */
export const DEFAULT_CLASS = "DefaultApi";

/** Server URL with `{variables}` replaced by their defaults (§4.8.5 Server Object). */
function resolveServerUrl(server: Schema): string {
  return String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(server.variables?.[name]?.default ?? name));
}

function servers(document: Schema): ServerIr[] {
  return (document.servers ?? []).map((s: Schema) => ({
    url: resolveServerUrl(s),
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  }));
}

/** A relative server URL has no host: the client then needs a base URL from its user. */
function defaultBaseUrl(list: ServerIr[]): string {
  const first = list[0]?.url;
  if (!first) return "http://localhost";
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(first)
    ? first.replace(/\/+$/, "")
    : `http://localhost${first.startsWith("/") ? "" : "/"}${first}`.replace(/\/+$/, "");
}

/** How many operations the spec declares, including those rejected with an issue. */
function countOperations(document: Schema): number {
  return Object.values<Schema>(document.paths ?? {}).reduce((n, pathItem) => n + HTTP_METHODS.filter((m) => pathItem?.[m]).length, 0);
}

function collectOperations(document: Schema, securityNames: Set<string>, issues: SpecIssue[]): OperationIr[] {
  const operations: OperationIr[] = [];
  const byMethod = new Map<string, OperationIr>();
  for (const path of Object.keys(document.paths ?? {}).sort(byCodePoint)) {
    const pathItem = document.paths[path] as Schema;
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method] as Schema | undefined;
      if (!operation) continue;
      const op = buildOperation({ document, path, method, pathItem, operation, securitySchemeNames: securityNames, issues });
      if (!op) continue;
      const clash = byMethod.get(op.methodName);
      if (clash) {
        issues.push({
          code: "operation-name-collision",
          severity: "error",
          pointer: `${op.pointer}/operationId`,
          message: `operationIds "${clash.operationId}" (${clash.httpMethod.toUpperCase()} ${clash.path}) and "${op.operationId}" both become the method \`${op.methodName}\``,
          hint: "rename one of the two operationIds",
        });
        continue;
      }
      byMethod.set(op.methodName, op);
      operations.push(op);
    }
  }
  // An iterator method (`listPetsIterator`) shares the namespace of the operation methods.
  for (const op of operations) {
    const name = op.pagination?.iteratorName;
    const clash = name ? byMethod.get(name) : undefined;
    if (name && clash) {
      issues.push({
        code: "operation-name-collision",
        severity: "error",
        pointer: `${clash.pointer}/operationId`,
        message: `operationId "${clash.operationId}" gives the method \`${name}\`, which is also the item iterator of the paginated "${op.operationId}"`,
        hint: "rename one of the two operationIds",
      });
    }
  }
  return operations.sort((a, b) => byCodePoint(a.methodName, b.methodName));
}

function groupByTag(document: Schema, operations: OperationIr[], issues: SpecIssue[]): ApiClassIr[] {
  const tagDescriptions = new Map<string, string>();
  for (const tag of document.tags ?? []) if (typeof tag?.description === "string") tagDescriptions.set(tag.name, tag.description);
  const classes = new Map<string, ApiClassIr>();
  for (const op of operations) {
    const tags = op.tags.length ? op.tags : [undefined];
    for (const tag of tags) {
      const className = tag === undefined ? DEFAULT_CLASS : `${pascalCase(tag)}Api`;
      let apiClass = classes.get(className);
      if (!apiClass) {
        apiClass = {
          className,
          fileName: className,
          ...(tag !== undefined ? { tag } : {}),
          operations: [],
          paginated: false,
          operationImports: [],
          modelImports: [],
        };
        const description = tag !== undefined ? tagDescriptions.get(tag) : undefined;
        if (description) apiClass.description = description;
        classes.set(className, apiClass);
      } else if (apiClass.tag !== tag) {
        issues.push({
          code: "tag-name-collision",
          severity: "error",
          pointer: `${op.pointer}/tags`,
          message: `tags "${apiClass.tag ?? "(none)"}" and "${tag ?? "(none)"}" both become the class \`${className}\``,
          hint: "rename one of the two tags",
        });
        continue;
      }
      apiClass.operations.push(op);
      if (op.pagination) apiClass.paginated = true;
    }
  }
  return [...classes.values()].sort((a, b) => byCodePoint(a.className, b.className));
}

/** Every exported name must be unique across models, classes and operation type aliases. */
function checkExportedNames(ir: Pick<ApiIr, "models" | "apis" | "operations">, issues: SpecIssue[]): void {
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string, at: string) => {
    const previous = owners.get(name);
    if (previous && previous !== owner) {
      issues.push({
        code: "exported-name-collision",
        severity: "error",
        pointer: at,
        message: `${owner} and ${previous} are both exported as \`${name}\``,
        hint: "rename the schema, tag or operationId",
      });
    } else owners.set(name, owner);
  };
  for (const model of ir.models) {
    claim(model.typeName, `schema "${model.name}"`, model.pointer);
    if (model.input) claim(model.input.typeName, `the write view of schema "${model.name}"`, model.pointer);
  }
  for (const api of ir.apis) {
    // Point at the first operation that uses the tag: that is where the user wrote it.
    const at = api.operations[0] ? `${api.operations[0].pointer}/tags` : "#/tags";
    if (RESERVED_TYPE_NAMES.has(api.className)) {
      issues.push({
        code: "reserved-class-name",
        severity: "error",
        pointer: at,
        message: `tag "${api.tag}" gives the class \`${api.className}\`, a reserved name`,
        hint: "rename the tag",
      });
    }
    claim(api.className, `tag "${api.tag ?? "(none)"}"`, at);
  }
  for (const op of ir.operations) {
    for (const suffix of ["Options", "Result", "Error", "Body", "Item"])
      claim(`${op.typePrefix}${suffix}`, `operation "${op.operationId}"`, op.pointer);
    if (op.responseHeaders.length) claim(`${op.typePrefix}ResponseHeaders`, `operation "${op.operationId}"`, op.pointer);
  }
}

/** A credential option generated from a security scheme cannot shadow an option of the runtime. */
function checkConfigFields(ir: Pick<ApiIr, "configFields" | "securitySchemes">, issues: SpecIssue[]): void {
  for (const field of ir.configFields) {
    if (!CONFIG_OPTION_KEYS.has(field.name)) continue;
    const scheme = ir.securitySchemes.find((s) => s.configFields.includes(field.name));
    issues.push({
      code: "config-name-conflict",
      severity: "error",
      pointer: pointer("components", "securitySchemes", scheme?.name ?? field.name),
      message: `security scheme "${scheme?.name ?? field.name}" would be the client option \`${field.name}\`, which is an option of every client`,
      hint: `rename the security scheme (e.g. "${field.name}Auth")`,
    });
  }
}

export function buildIr(spec: LoadedSpec): ApiIr {
  const document = spec.document;
  const issues: SpecIssue[] = [];
  const security = buildSecuritySchemes(document);
  issues.push(...security.issues);
  // Every defined scheme counts as known: an unsupported one is reported once, where it is defined.
  const securityNames = new Set(Object.keys(document.components?.securitySchemes ?? {}));
  const operations = collectOperations(document, securityNames, issues);
  // Only when the spec declares none: operations rejected above already have their own issue.
  if (countOperations(document) === 0) {
    issues.push({
      code: "no-operations",
      severity: "error",
      pointer: pointer("paths"),
      message: "the spec has no operations",
      hint: "add at least one path with an operation",
    });
  }
  // Models a request body reaches get a write view (`XxxInput`).
  const bodySchemas = operations.flatMap((op) => (op.body?.schemaPointer ? [resolvePointer(document, op.body.schemaPointer)] : []));
  const { models, issues: modelIssues } = buildModels(document, modelsReachedFrom(document, bodySchemas));
  issues.push(...modelIssues);
  nameTypes(document, operations, models);
  const apis = groupByTag(document, operations, issues);
  for (const api of apis) Object.assign(api, classImports(api, models));
  const info: Schema = document.info ?? {};
  const serverList = servers(document);
  const ir: ApiIr = {
    title: String(info.title ?? "API"),
    ...(typeof info.summary === "string" ? { summary: info.summary } : {}),
    ...(typeof info.description === "string" ? { description: info.description } : {}),
    version: String(info.version ?? "0.0.0"),
    openapiVersion: String(document.openapi),
    servers: serverList,
    defaultBaseUrl: defaultBaseUrl(serverList),
    securitySchemes: security.schemes,
    configFields: security.configFields,
    apis,
    operations,
    models,
    operationModelImports: operationModelImports(operations, models),
    bodySerializers: [...new Set(operations.flatMap((op) => (op.body?.serializer ? [op.body.serializer] : [])))].sort(byCodePoint),
    runtime: { requestOptions: REQUEST_OPTION_NAMES, defaults: RUNTIME_DEFAULTS },
    warnings: [],
  };
  checkExportedNames(ir, issues);
  checkConfigFields(ir, issues);
  const located = issues.map((issue) => {
    const location = issue.pointer ? spec.locate(issue.pointer) : undefined;
    return location ? { ...issue, file: location.file, line: location.line } : { ...issue, file: spec.displayPath };
  });
  const errors = located.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new SpecError(errors);
  ir.warnings = sortIssues(located.filter((i) => i.severity === "warning"));
  return ir;
}
