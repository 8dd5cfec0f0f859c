/**
 * One operation (OpenAPI 3.1 §4.8.10 Operation Object) → `OperationIr`: method name, arguments,
 * body, responses, result and error types, security, pagination.
 */
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { buildBody } from "./body.js";
import type { OperationContext } from "./operation-context.js";
import { camelCase, pascalCase, quote, RESERVED_METHOD_NAMES } from "./naming.js";
import { detectPagination } from "./pagination.js";
import { buildParameters } from "./parameters.js";
import { buildResponses, responseParseAs } from "./responses.js";
import { securityRequirements } from "./security.js";
import type { HttpMethod, OperationIr } from "./types.js";

export const HTTP_METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Where one operation is, as `collectOperations` finds it. */
export type OperationSite = Omit<OperationContext, "at" | "operationTypeExpr" | "operationId" | "typePrefix">;

/** The name of every method's last parameter (a spec parameter of that name gets another one). */
export const OPTIONS_BINDING = "options";

export function buildOperation(site: OperationSite): OperationIr | undefined {
  const { document, path, method, operation, issues } = site;
  const at = pointer("paths", path, method);
  const operationId: string = operation.operationId;
  const methodName = camelCase(operationId);
  if (!methodName) {
    issues.push({
      code: "invalid-operation-id",
      severity: "error",
      pointer: `${at}/operationId`,
      message: `operationId "${operationId}" has no letters or digits to make a method name of`,
      hint: 'use letters and digits, e.g. "listPets" or "list_pets"',
    });
    return undefined;
  }
  if (RESERVED_METHOD_NAMES.has(methodName)) {
    issues.push({
      code: "reserved-operation-name",
      severity: "error",
      pointer: `${at}/operationId`,
      message: `operationId "${operationId}" gives the method name \`${methodName}\`, which an API class cannot have`,
      hint: "rename the operationId",
    });
    return undefined;
  }
  const typePrefix = pascalCase(operationId);
  const operationTypeExpr = `paths[${quote(path)}][${quote(method)}]`;
  const ctx: OperationContext = { ...site, at, operationTypeExpr, operationId, typePrefix };
  const { params, pathParams } = buildParameters(ctx);
  const positionalParams = [...pathParams, ...params.filter((p) => p.in !== "path" && p.required)];
  const optionalParams = params.filter((p) => !p.required);

  const body = buildBody(ctx);
  if (body === null) return undefined;
  // Local names must be distinct: suffix later ones with a number.
  const taken = new Set<string>([OPTIONS_BINDING]);
  for (const p of [...positionalParams, ...(body ? [body] : []), ...optionalParams]) {
    let name = p.bindingName;
    for (let i = 2; taken.has(name); i++) name = `${p.bindingName}${i}`;
    p.bindingName = name;
    taken.add(name);
  }
  const responses = buildResponses(document, operation, operationTypeExpr, at);
  const successes = responses.filter((r) => r.isSuccess);
  const withBody = successes.filter((r) => r.typeExpr);
  const resultIsVoid = withBody.length === 0;
  const resultTypes = [...new Set(withBody.map((r) => r.typeExpr!))];
  if (!resultIsVoid && withBody.length < successes.length) resultTypes.push("undefined");
  const errorTypes = [...new Set(responses.filter((r) => !r.isSuccess && r.typeExpr).map((r) => r.typeExpr!))];
  const resultSchemaTypeExpr = resultIsVoid ? "void" : `Readable<${resultTypes.join(" | ")}>`;
  const errorSchemaTypeExpr = errorTypes.length ? `Readable<${errorTypes.join(" | ")}>` : "unknown";
  // The headers of every success response, once each (the first declaration of a name wins).
  const responseHeaders = [...new Map(successes.flatMap((r) => r.headers.map((h) => [h.name.toLowerCase(), h] as const))).values()]
    .map((h) => ({
      ...h,
      required: h.required && successes.every((r) => r.headers.some((o) => o.name.toLowerCase() === h.name.toLowerCase() && o.required)),
    }))
    .sort((a, b) => byCodePoint(a.name, b.name));
  const firstBody = withBody[0];
  const security = securityRequirements(document, operation, site.securitySchemeNames, at, issues);
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
    ...(typeof operation.summary === "string" &&
    !(typeof operation.description === "string" && operation.description.startsWith(operation.summary.replace(/\.$/, "")))
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
    // Printed with model names by type-names.ts once the models are known.
    resultTypeExpr: resultSchemaTypeExpr,
    resultSchemaTypeExpr,
    resultTypeName: resultIsVoid ? "void" : `${typePrefix}Result`,
    resultIsVoid,
    ...(firstBody?.typeLabel ? { resultTypeLabel: firstBody.typeLabel } : {}),
    ...(firstBody?.mediaType ? { parseAs: responseParseAs(firstBody.mediaType) } : {}),
    accept,
    errorTypeExpr: errorSchemaTypeExpr,
    errorSchemaTypeExpr,
    responseHeaders,
    security,
    securitySchemeNames: [...new Set(security.flat())],
    pointer: at,
  };
  const pagination = detectPagination(document, op, operation);
  if (pagination) op.pagination = pagination;
  return op;
}
