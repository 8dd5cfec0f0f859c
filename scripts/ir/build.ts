/**
 * Stage 3: the bundled spec → one `ApiIr`. Every decision the templates need is made here
 * (names, order, what is supported), and every problem found is collected, not just the first.
 */
import type { ApiClassIr, ApiIr, HttpMethod, OperationIr, ServerIr } from "./types.js";
import { locateIssue, sortedWarnings, SpecError, type SpecIssue } from "../issues.js";
import { pointer, resolvePointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { REQUEST_OPTION_NAMES, RUNTIME_DEFAULTS } from "./runtime-options.js";
import { camelCase, methodNameFromPath, pascalCase, RESERVED_METHOD_NAMES, RESERVED_TYPE_NAMES, upperFirst } from "./naming.js";
import { Namespace, numbered } from "./name-claims.js";
import { buildWebhooks, claimWebhookAliases } from "./webhooks.js";
import { packageVersion } from "./package-version.js";
import type { Schema } from "./schema.js";
import { buildModels, modelsReachedFrom } from "./models.js";
import { buildOperation, HTTP_METHODS } from "./operation.js";
import { buildSecuritySchemes } from "./security.js";
import { classImports, nameTypes, operationModelImports } from "./type-names.js";
import type { LoadedSpec } from "../load/load.js";

/** The class for operations without a tag (a spec with no tags at all gets only this one). */
export const DEFAULT_CLASS = "DefaultApi";

/**
 * Servers with `{variables}` replaced by their defaults (§4.8.5 Server Object): the first one is
 * the client's default base URL; each variable is listed in the docs with the values it allows.
 */
function servers(document: Schema): ServerIr[] {
  return (Array.isArray(document.servers) ? document.servers : [])
    .filter((s: Schema) => s && typeof s.url === "string")
    .map((s: Schema): ServerIr => {
      const declared: Schema = s.variables && typeof s.variables === "object" ? s.variables : {};
      const names = [...new Set([...String(s.url).matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!))];
      const variables = names.map((name) => {
        const v: Schema = declared[name] ?? {};
        return {
          name,
          default: String(v.default ?? name),
          enum: Array.isArray(v.enum) ? v.enum.map(String) : [],
          ...(typeof v.description === "string" ? { description: v.description } : {}),
        };
      });
      const url = String(s.url).replace(/\{([^}]+)\}/g, (_, name: string) => variables.find((v) => v.name === name)!.default);
      return {
        url,
        ...(variables.length ? { template: String(s.url) } : {}),
        ...(typeof s.description === "string" ? { description: s.description } : {}),
        variables,
      };
    });
}

/** A relative server URL has no host: the client then needs a base URL from its user. */
function defaultBaseUrl(list: ServerIr[]): string {
  const first = list[0]?.url;
  if (!first) return "http://localhost";
  // A protocol-relative URL (`//api.test`) takes https: the client has no page to take a scheme from.
  if (first.startsWith("//")) return `https:${first}`.replace(/\/+$/, "");
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(first)
    ? first.replace(/\/+$/, "")
    : `http://localhost${first.startsWith("/") ? "" : "/"}${first}`.replace(/\/+$/, "");
}

/** What one operation is called: claimed in order, explicit operationIds first. */
interface NamedSite {
  path: string;
  method: HttpMethod;
  pathItem: Schema;
  operation: Schema;
  /** The method name it asks for: its operationId in camelCase, or one made from method and path. */
  wanted: string;
  derived: boolean;
  operationId: string;
}

/** `GET /pets/{}`: two paths that differ only in their parameters' names are the same request. */
const requestShape = (method: string, path: string) => `${method} ${path.replace(/\{[^}]*\}/g, "{}")}`;

/** Every operation of `paths`, in path (code point) then method order, without requests that repeat another one. */
function operationSites(document: Schema, issues: SpecIssue[]): NamedSite[] {
  const sites: NamedSite[] = [];
  const shapes = new Map<string, string>();
  const paths: Schema = document.paths && typeof document.paths === "object" ? document.paths : {};
  for (const path of Object.keys(paths).sort(byCodePoint)) {
    const pathItem = paths[path] as Schema;
    if (!pathItem || typeof pathItem !== "object") continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Schema | undefined;
      if (!operation || typeof operation !== "object") continue;
      const at = pointer("paths", path, method);
      const shape = requestShape(method, path);
      const first = shapes.get(shape);
      if (first !== undefined) {
        issues.push({
          code: "identical-paths",
          severity: "warning",
          pointer: at,
          message: `${method.toUpperCase()} ${path} is the same request as ${method.toUpperCase()} ${first} (the paths differ only in parameter names): the first, in path order, is kept; this one is left out`,
          hint: "merge the two paths into one (OpenAPI §4.8.8: templated paths with the same hierarchy are identical)",
        });
        continue;
      }
      shapes.set(shape, path);
      const id = operation.operationId;
      const fromId = typeof id === "string" ? camelCase(id) : "";
      // Made only when the operationId gives no name (it is read nowhere else).
      const derivedName = fromId ? "" : methodNameFromPath(method, path);
      if (typeof id !== "string") {
        issues.push({
          code: "missing-operation-id",
          severity: "warning",
          pointer: at,
          message: `${method.toUpperCase()} ${path} has no operationId: its method is named \`${derivedName}\` (from the method and path)`,
          hint: "add an `operationId` to choose the method's name (see README: Names)",
        });
      } else if (!fromId) {
        issues.push({
          code: "invalid-operation-id",
          severity: "warning",
          pointer: `${at}/operationId`,
          message: `operationId "${id}" has no letters or digits to make a method name of: the method is named \`${derivedName}\` (from the method and path)`,
          hint: 'use letters and digits, e.g. "listPets" or "list_pets"',
        });
      }
      sites.push({
        path,
        method,
        pathItem,
        operation,
        wanted: fromId || derivedName,
        derived: !fromId,
        operationId: fromId ? id : derivedName,
      });
    }
  }
  return sites;
}

function collectOperations(document: Schema, securityNames: Set<string>, issues: SpecIssue[]): OperationIr[] {
  const sites = operationSites(document, issues);
  // Names from operationIds are claimed first, so a name made from a path never takes one.
  const methods = new Namespace("method", issues, RESERVED_METHOD_NAMES);
  const claimed = new Map<NamedSite, string>();
  // The operationIds claimed so far (a set, not a search of the sites: thousands of operations).
  const claimedIds = new Set<string>();
  for (const site of [...sites.filter((s) => !s.derived), ...sites.filter((s) => s.derived)]) {
    const at = pointer("paths", site.path, site.method);
    const owner = `${site.derived ? "the operation" : `operationId "${site.operationId}"`} (${site.method.toUpperCase()} ${site.path})`;
    const sameId = !site.derived && claimedIds.has(site.operationId);
    const name = methods.claim(
      numbered(site.wanted),
      { owner, pointer: site.derived ? at : `${at}/operationId` },
      { taken: sameId ? "duplicate-operation-id" : "operation-name-collision", reserved: "reserved-operation-name" },
      site.derived
        ? "add an `operationId` to choose the method's name"
        : "give each operation its own `operationId`: it names the client method",
    );
    claimed.set(site, name);
    if (!site.derived) claimedIds.add(site.operationId);
  }
  const operations = sites.map((site) => {
    const methodName = claimed.get(site)!;
    const typePrefix = methodName === site.wanted ? pascalCase(site.derived ? methodName : site.operationId) : upperFirst(methodName);
    return buildOperation({
      document,
      path: site.path,
      method: site.method,
      pathItem: site.pathItem,
      operation: site.operation,
      securitySchemeNames: securityNames,
      issues,
      operationId: site.operationId,
      methodName,
      typePrefix,
      derivedName: site.derived,
    });
  });
  // An iterator method (`listPetsIterator`) shares the namespace of the operation methods.
  for (const op of operations) {
    if (!op.pagination) continue;
    op.pagination.iteratorName = methods.claim(
      numbered(op.pagination.iteratorName),
      { owner: `the item iterator of ${op.methodName}`, pointer: op.pointer },
      "operation-name-collision",
    );
    if (op.pagination.pagesName)
      op.pagination.pagesName = methods.claim(
        numbered(op.pagination.pagesName),
        { owner: `the page iterator of ${op.methodName}`, pointer: op.pointer },
        "operation-name-collision",
      );
  }
  return operations.sort((a, b) => byCodePoint(a.methodName, b.methodName));
}

function groupByTag(document: Schema, operations: OperationIr[], exported: Namespace): ApiClassIr[] {
  const tagDescriptions = new Map<string, string>();
  for (const tag of Array.isArray(document.tags) ? document.tags : [])
    if (typeof tag?.description === "string") tagDescriptions.set(tag.name, tag.description);
  // Each tag claims its class name once, in tag order (the untagged class first).
  const tags = [...new Set(operations.flatMap((op) => (op.tags.length ? op.tags : [undefined])))].sort((a, b) =>
    a === undefined ? -1 : b === undefined ? 1 : byCodePoint(a, b),
  );
  const classOf = new Map<string | undefined, ApiClassIr>();
  for (const tag of tags) {
    const stem = tag === undefined ? DEFAULT_CLASS.replace(/Api$/, "") : pascalCase(tag) || "Tag";
    const firstOp = operations.find((op) => (tag === undefined ? op.tags.length === 0 : op.tags.includes(tag)))!;
    const className = exported.claim(
      (n) => `${stem}${n === 1 ? "" : n}Api`,
      {
        owner: tag === undefined ? "the class of untagged operations" : `tag "${tag}"`,
        pointer: tag === undefined ? firstOp.pointer : `${firstOp.pointer}/tags`,
      },
      { taken: "tag-name-collision", reserved: "reserved-class-name" },
      "rename the tag to choose the class name",
    );
    const apiClass: ApiClassIr = {
      className,
      fileName: className,
      ...(tag !== undefined ? { tag } : {}),
      operations: [],
      paginated: false,
      followsPages: false,
      eventReaders: [],
      streamReaders: [],
      operationImports: [],
      modelImports: [],
    };
    const description = tag !== undefined ? tagDescriptions.get(tag) : undefined;
    if (description) apiClass.description = description;
    classOf.set(tag, apiClass);
  }
  for (const op of operations) {
    for (const tag of op.tags.length ? op.tags : [undefined]) {
      const apiClass = classOf.get(tag)!;
      apiClass.operations.push(op);
      if (op.pagination?.style === "page") apiClass.paginated = true;
      else if (op.pagination) apiClass.followsPages = true;
      const reader = op.stream?.reader;
      const readers = reader === "readEvents" ? apiClass.eventReaders : apiClass.streamReaders;
      if (reader && !readers.includes(reader)) (readers.push(reader), readers.sort(byCodePoint));
    }
  }
  return [...classOf.values()].sort((a, b) => byCodePoint(a.className, b.className));
}

/** The type aliases every operation exports, by suffix. */
const OPERATION_ALIASES = ["Options", "Result", "Error", "Body", "Item"];

/**
 * Every exported name is unique: models claim theirs first (in models.ts), then the API classes,
 * then each operation the five aliases of its type prefix (numbered together when one is taken).
 */
function claimOperationAliases(operations: OperationIr[], exported: Namespace): void {
  for (const op of operations) {
    const wanted = op.typePrefix;
    const suffixes = op.responseHeaders.length > 0 ? [...OPERATION_ALIASES, "ResponseHeaders"] : OPERATION_ALIASES;
    let prefix = wanted;
    for (let n = 2; suffixes.some((suffix) => exported.has(`${prefix}${suffix}`)); n++) prefix = `${wanted}${n}`;
    if (prefix !== wanted) {
      const clash = suffixes.find((suffix) => exported.has(`${wanted}${suffix}`))!;
      exported.claim(
        (n) => (n === 1 ? `${wanted}${clash}` : `${prefix}${clash}`),
        { owner: `the ${clash.toLowerCase()} type of ${op.methodName}`, pointer: op.pointer },
        "exported-name-collision",
        "rename the schema, tag or operationId to choose the names",
      );
    }
    for (const suffix of suffixes) exported.take(`${prefix}${suffix}`, `the ${suffix.toLowerCase()} type of ${op.methodName}`);
    if (prefix !== wanted) renamePrefix(op, wanted, prefix);
  }
}

/** The names the operation's parts were given from its old type prefix now use the new one. */
function renamePrefix(op: OperationIr, from: string, to: string): void {
  const renamed = (name: string) => (name.startsWith(from) && /^[A-Z]/.test(name.slice(from.length)) ? to + name.slice(from.length) : name);
  op.typePrefix = to;
  op.resultTypeName = renamed(op.resultTypeName);
  if (op.body) op.body.typeName = renamed(op.body.typeName);
  if (op.pagination) op.pagination.itemTypeName = renamed(op.pagination.itemTypeName);
  if (op.stream) op.stream.itemTypeName = renamed(op.stream.itemTypeName);
}

export function buildIr(spec: LoadedSpec): ApiIr {
  const document = spec.document;
  const issues: SpecIssue[] = [];
  const security = buildSecuritySchemes(document, issues);
  // Requirements name only the schemes the client sends (an ignored one is reported where it is defined).
  const securityNames = new Set(security.schemes.map((scheme) => scheme.name));
  const operations = collectOperations(document, securityNames, issues);
  const webhooks = buildWebhooks(document);
  if (operations.length === 0) {
    issues.push({
      code: "no-operations",
      severity: "warning",
      pointer: pointer("paths"),
      message: `the spec has no operations: the package has ${webhooks.length ? "the webhook payload types, " : ""}the models and their docs, and no API class`,
      hint: "add a path with an operation to get a client",
    });
  }
  const exported = new Namespace("exported name", issues, RESERVED_TYPE_NAMES);
  // Models a request body reaches get a write view (`XxxInput`).
  const bodySchemas = operations.flatMap((op) => (op.body?.schemaPointer ? [resolvePointer(document, op.body.schemaPointer)] : []));
  const models = buildModels(document, exported, issues, modelsReachedFrom(document, bodySchemas));
  const apis = groupByTag(document, operations, exported);
  claimOperationAliases(operations, exported);
  nameTypes(document, operations, models, issues);
  for (const api of apis) Object.assign(api, classImports(api, models));
  claimWebhookAliases(webhooks, exported);
  const info: Schema = document.info && typeof document.info === "object" ? document.info : {};
  const serverList = servers(document);
  const ir: ApiIr = {
    title: String(info.title ?? "API"),
    ...(typeof info.summary === "string" ? { summary: info.summary } : {}),
    ...(typeof info.description === "string" ? { description: info.description } : {}),
    version: String(info.version ?? "0.0.0"),
    packageVersion: packageVersion(String(info.version ?? "0.0.0"), issues),
    openapiVersion: String(document.openapi),
    servers: serverList,
    defaultBaseUrl: defaultBaseUrl(serverList),
    securitySchemes: security.schemes,
    configFields: security.configFields,
    apis,
    operations,
    models,
    webhooks,
    operationModelImports: operationModelImports(operations, models),
    eventStreamTypes: operations.some((op) => op.stream?.kind === "events") ? ["EventStream"] : [],
    streamTypes: [
      ...new Set(
        operations.flatMap((op) => (op.stream?.kind === "lines" ? ["JsonLines"] : op.stream?.kind === "bytes" ? ["Download"] : [])),
      ),
    ].sort(byCodePoint),
    bodySerializers: [...new Set(operations.flatMap((op) => (op.body?.serializer ? [op.body.serializer] : [])))].sort(byCodePoint),
    paramStyleFunctions: [
      ...new Set(
        operations.flatMap((op) => [
          ...op.paramStyles.flatMap((group) => group.params.map((p) => p.serialization.runtimeStyle)),
          ...(op.body?.fieldEncodings ?? []).map((field) => field.serialization.runtimeStyle),
        ]),
      ),
    ].sort(byCodePoint),
    runtime: { requestOptions: REQUEST_OPTION_NAMES, defaults: RUNTIME_DEFAULTS },
    warnings: [],
  };
  const located = issues.map((issue) => locateIssue(issue, spec.locate, spec.displayPath));
  const errors = located.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new SpecError(errors);
  ir.warnings = sortedWarnings([...spec.warnings, ...located]);
  return ir;
}
