/**
 * The parameters of one operation (OpenAPI 3.1 §4.8.12 Parameter Object): path-level ones merged
 * with the operation's own, each with its argument or option name, type and docs.
 */
import { pointer } from "../json-pointer.js";
import type { OperationContext } from "./operation-context.js";
import { bindingName, camelCase, quote, REQUEST_OPTION_KEYS } from "./naming.js";
import { deref, derefAt, enumValues, exampleValue, typeLabel, type Schema } from "./schema.js";
import type { ParamIr } from "./types.js";

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
    ...((pathItem.parameters ?? []) as Schema[]).map((raw, i): [Schema, string] => [raw, pointer("paths", path, "parameters", i)]),
    ...((operation.parameters ?? []) as Schema[]).map((raw, i): [Schema, string] => [raw, `${at}/parameters/${i}`]),
  ];
  for (const [raw, writtenAt] of declared) {
    // Issues point where the parameter is written; the schema pointer where it is defined.
    const { value: param, at: resolvedAt } = derefAt<Schema>(document, raw, writtenAt);
    if (param?.name && param.in) merged.set(`${param.in}:${param.name}`, { param, writtenAt, resolvedAt });
  }
  const order = pathOrder(path);
  const params: ParamIr[] = [];
  const usedKeys = new Map<string, string>();
  for (const { param, writtenAt: paramAt, resolvedAt } of merged.values()) {
    const contentType = param.schema ? undefined : Object.keys(param.content ?? {})[0];
    const schema = param.schema ?? (contentType ? param.content[contentType]?.schema : undefined);
    const schemaPointer = param.schema
      ? `${resolvedAt}/schema`
      : contentType
        ? `${resolvedAt}/content/${pointer(contentType).slice(2)}/schema`
        : undefined;
    const required = param.in === "path" ? true : param.required === true;
    const optionKey = camelCase(param.name) || "value";
    const where = `${param.in} parameter "${param.name}"`;
    if (param.in === "query" && ((param.style && !["form", "deepObject"].includes(param.style)) || param.explode === false)) {
      issues.push({
        code: "unsupported-parameter-style",
        severity: "error",
        pointer: paramAt,
        message: `${where} of ${operationId} uses style ${param.style ?? "form"} with explode ${param.explode ?? true}; the client sends query arrays as form/explode and objects as deepObject`,
        hint: "use the default style (form, explode: true) or deepObject",
      });
      continue;
    }
    if (REQUEST_OPTION_KEYS.has(optionKey)) {
      issues.push({
        code: "parameter-name-conflict",
        severity: "error",
        pointer: paramAt,
        message: `${where} of ${operationId} would be the option \`${optionKey}\`, which is a request option of every method`,
        hint: `rename the parameter (e.g. "${param.name}Param")`,
      });
      continue;
    }
    const clash = usedKeys.get(optionKey);
    if (clash) {
      issues.push({
        code: "parameter-name-collision",
        severity: "error",
        pointer: paramAt,
        message: `${where} and ${clash} of ${operationId} both become \`${optionKey}\` in camelCase`,
        hint: "rename one of the two parameters",
      });
      continue;
    }
    usedKeys.set(optionKey, where);
    const section = `NonNullable<${operationTypeExpr}["parameters"][${quote(param.in)}]>`;
    const example =
      param.example ??
      (param.examples ? deref<Schema>(document, Object.values<Schema>(param.examples)[0])?.value : undefined) ??
      exampleValue(document, schema);
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
    });
  }
  const pathParams = params.filter((p) => p.in === "path").sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { params, pathParams };
}
