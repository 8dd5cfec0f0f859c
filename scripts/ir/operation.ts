/**
 * One operation (OpenAPI 3.1 §4.8.10 Operation Object) → `OperationIr`: method name, arguments,
 * body, responses, result and error types, security, pagination.
 */
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { buildBody } from "./body.js";
import type { OperationContext } from "./operation-context.js";
import { Namespace, numbered } from "./name-claims.js";
import { isReservedBinding, quote, RESERVED_LOCALS } from "./naming.js";
import { detectPagination } from "./pagination.js";
import { buildParameters } from "./parameters.js";
import { buildResponses, responseParseAs } from "./responses.js";
import { securityRequirements } from "./security.js";
import { detectStream, streamResultType } from "./streams.js";
import type { HttpMethod, OperationIr, ParamIr } from "./types.js";

export const HTTP_METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const PARAM_LOCATIONS = ["path", "query", "header", "cookie"] as const;

/** The name of every method's last parameter (a spec parameter of that name gets another one). */
export const OPTIONS_BINDING = "options";

/** The first parameter of every per-operation function (`fn.ts`): the configured `ApiCore`. */
export const CLIENT_BINDING = "client";

/** Where one operation is, as `collectOperations` finds it, and the names it decided for it. */
export type OperationSite = Omit<OperationContext, "at" | "operationTypeExpr"> & {
  methodName: string;
  /** PascalCase stem of the operation's exported type aliases. */
  typePrefix: string;
  /** The method name was made from the method and path (no usable operationId). */
  derivedName: boolean;
};

export function buildOperation(site: OperationSite): OperationIr {
  const { document, path, method, operation, issues, operationId, methodName, typePrefix } = site;
  const at = pointer("paths", path, method);
  const operationTypeExpr = `paths[${quote(path)}][${quote(method)}]`;
  const ctx: OperationContext = { ...site, at, operationTypeExpr };
  const { params, pathParams } = buildParameters(ctx);
  const positionalParams = [...pathParams, ...params.filter((p) => p.in !== "path" && p.required)];
  const optionalParams = params.filter((p) => !p.required);

  const paramsIn: OperationIr["paramsIn"] = {
    path: pathParams,
    query: params.filter((p) => p.in === "query"),
    header: params.filter((p) => p.in === "header"),
    cookie: params.filter((p) => p.in === "cookie"),
  };

  const body = buildBody(ctx);
  // Local names must be distinct (and not a name the method's body uses): later ones are numbered.
  const locals = new Namespace(
    "argument",
    issues,
    new Map([
      ...[...RESERVED_LOCALS].map((name): [string, string] => [name, "a local name of every method"]),
      [OPTIONS_BINDING, "the options argument of every method"],
      [CLIENT_BINDING, "the first argument of every function of fn.ts"],
    ]),
  );
  // An argument's name shows in the signature (a renamed one is warned); an option's local does not.
  for (const p of [...positionalParams, ...(body ? [body] : []), ...optionalParams]) {
    const owner = "in" in p ? `the ${p.in} parameter "${p.name}" of ${operationId}` : `the request body of ${operationId}`;
    const shown = !optionalParams.includes(p as ParamIr);
    p.bindingName = locals.claim(numbered(p.bindingName), { owner, pointer: p.pointer }, shown ? "parameter-name-collision" : undefined);
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
    ...(site.derivedName ? { derivedName: true } : {}),
    methodName,
    functionName: isReservedBinding(methodName) ? `${methodName}_` : methodName,
    metaName: `${methodName}Operation`,
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
    paramsIn,
    paramStyles: PARAM_LOCATIONS.map((where) => ({ in: where, params: paramsIn[where].filter((p) => p.serialization.inTable) })).filter(
      (group) => group.params.length > 0,
    ),
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
  const pagination = detectPagination(document, op, operation, issues);
  if (pagination) op.pagination = pagination;
  const stream = pagination ? undefined : detectStream(document, op);
  if (stream) {
    // Read as it arrives: the method resolves (once the headers are in) to a stream of items.
    op.stream = { ...stream, itemTypeName: `${typePrefix}Item` };
    op.parseAs = "stream";
    op.resultTypeExpr = op.resultSchemaTypeExpr = streamResultType(stream, stream.itemTypeExpr);
  }
  return op;
}
