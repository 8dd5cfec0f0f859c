/**
 * The parameters of one operation (OpenAPI 3.1 §4.8.12 Parameter Object): path-level ones merged
 * with the operation's own, each with its argument or option name, type and docs.
 */
import { pointer } from "../json-pointer.js";
import type { OperationContext } from "./operation-context.js";
import { Namespace, numbered } from "./name-claims.js";
import { bindingName, camelCase, INHERITED_KEYS, quote, REQUEST_OPTION_HOLDERS } from "./naming.js";
import { specExample } from "./examples.js";
import { deref, derefAt, enumValues, typeLabel, type Schema } from "./schema.js";
import { decideSerialization } from "./serialization.js";
import type { ParamIr } from "./types.js";

/** Names an optional parameter's key cannot have, and what holds each. */
const OPTION_HOLDERS: ReadonlyMap<string, string> = new Map([
  ...[...INHERITED_KEYS].map((name): [string, string] => [name, "a name every JavaScript object inherits"]),
  ...REQUEST_OPTION_HOLDERS,
]);

function pathOrder(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

export interface Parameters {
  params: ParamIr[];
  /** Path parameters in the order of the path. */
  pathParams: ParamIr[];
}

export function buildParameters(ctx: OperationContext): Parameters {
  const { document, path, pathItem, operation, issues, at, operationTypeExpr, operationId } = ctx;
  // Path-level parameters apply unless the operation overrides the same name+in (§4.8.9).
  const merged = new Map<string, { param: Schema; writtenAt: string; resolvedAt: string }>();
  const declared: [Schema, string][] = [
    // A list that is not one (a $ref to nothing read as any value) declares nothing.
    ...((Array.isArray(pathItem.parameters) ? pathItem.parameters : []) as Schema[]).map((raw, i): [Schema, string] => [
      raw,
      pointer("paths", path, "parameters", i),
    ]),
    ...((Array.isArray(operation.parameters) ? operation.parameters : []) as Schema[]).map((raw, i): [Schema, string] => [
      raw,
      `${at}/parameters/${i}`,
    ]),
  ];
  for (const [raw, writtenAt] of declared) {
    // Issues point where the parameter is written; the schema pointer where it is defined.
    const { value: param, at: resolvedAt } = derefAt<Schema>(document, raw, writtenAt);
    // A parameter without a name or a place cannot be sent (a warning of the structural checks said so).
    if (typeof param?.name !== "string" || !["path", "query", "header", "cookie"].includes(param.in)) continue;
    if (param.name !== "") merged.set(`${param.in}:${param.name}`, { param, writtenAt, resolvedAt });
    // Skipped, it would still be a required member of the operation's type: the call could not compile.
    else
      issues.push({
        code: "empty-parameter-name",
        severity: "error",
        pointer: `${writtenAt}/name`,
        message: `a ${param.in} parameter of ${operationId} has an empty name`,
        hint: "name the parameter as it is sent (the query key, header or cookie name)",
      });
  }
  const order = pathOrder(path);
  // Redocly's check reads `{names}` as [a-zA-Z0-9_.-] only: `{名前}` must be declared too, or the
  // client would send it as written.
  for (const name of order.filter((n) => !merged.has(`path:${n}`)))
    issues.push({
      code: "undeclared-path-parameter",
      severity: "error",
      pointer: at,
      message: `the path ${path} has {${name}}, but ${operationId} declares no path parameter "${name}"`,
      hint: "declare every `{name}` of the path as an `in: path` parameter, and only those",
    });
  const params: ParamIr[] = [];
  // `const { hasOwnProperty, ...rest } = options` would read Object.prototype's member when the
  // caller leaves the option out: inherited names are taken like the request options.
  const optionKeys = new Namespace("option", issues, OPTION_HOLDERS);
  for (const { param, writtenAt: paramAt, resolvedAt } of merged.values()) {
    const contentType = param.schema ? undefined : Object.keys(param.content ?? {})[0];
    const schema = param.schema ?? (contentType ? param.content[contentType]?.schema : undefined);
    const schemaPointer = param.schema
      ? `${resolvedAt}/schema`
      : contentType
        ? `${resolvedAt}/content/${pointer(contentType).slice(2)}/schema`
        : undefined;
    const required = param.in === "path" ? true : param.required === true;
    const camelOptionKey = camelCase(param.name) || "value";
    const where = `${param.in} parameter "${param.name}"`;
    // Optional parameters are keys of the options object, beside the request options of every method.
    const optionKey = required
      ? camelOptionKey
      : optionKeys.claim(
          numbered(camelOptionKey),
          { owner: `the ${where} of ${operationId}`, pointer: paramAt },
          { taken: "parameter-name-collision", reserved: "parameter-name-conflict" },
        );
    const section = `NonNullable<${operationTypeExpr}["parameters"][${quote(param.in)}]>`;
    const example = specExample(
      document,
      schema,
      [param.example, param.examples ? deref<Schema>(document, Object.values<Schema>(param.examples)[0])?.value : undefined],
      false,
    );
    params.push({
      name: param.name,
      in: param.in,
      bindingName: bindingName(param.name),
      optionKey,
      required,
      deprecated: param.deprecated === true,
      ...(typeof param.description === "string" ? { description: param.description } : {}),
      // Printed as what it is (`string`) once the models are known: see type-names.ts.
      typeExpr: `${section}[${quote(param.name)}]`,
      schemaTypeExpr: `${section}[${quote(param.name)}]`,
      typeLabel: typeLabel(schema),
      ...(schema?.default !== undefined ? { defaultJson: JSON.stringify(schema.default) } : {}),
      enumValues: enumValues(deref(document, schema)),
      exampleJson: JSON.stringify(param.in === "path" && example === "string" ? `my-${param.name}` : example),
      pointer: resolvedAt,
      ...(schemaPointer ? { schemaPointer } : {}),
      serialization: decideSerialization({ document, param, at: resolvedAt, issues }),
    });
  }
  const pathParams = params.filter((p) => p.in === "path").sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { params, pathParams };
}
