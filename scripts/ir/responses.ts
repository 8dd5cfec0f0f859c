/**
 * The responses of one operation (OpenAPI 3.1 §4.8.16-17 Responses and Response Objects): status,
 * success or not, media type, body type and headers, in a stable order.
 */
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { quote } from "./naming.js";
import { headerKind } from "./printed-types.js";
import { deref, derefAt, typeLabel, type Schema } from "./schema.js";
import type { ResponseIr } from "./types.js";

/**
 * How a success body is read. `any`: the spec allows any media type (the wildcard), so the answer's own
 * Content-Type decides: JSON is parsed, anything else is given as its text.
 */
export function responseParseAs(mediaType: string): "json" | "text" | "blob" | "any" {
  if (/^application\/(.+\+)?json$/.test(mediaType)) return "json";
  if (mediaType === "*/*") return "any";
  if (/^text\//.test(mediaType)) return "text";
  return "blob";
}

export function pickResponseMedia(content: Schema | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  return types.find((t) => /^application\/(.+\+)?json$/.test(t)) ?? types.find((t) => t.startsWith("text/")) ?? types[0];
}

function statusOrder(status: string): string {
  // Numeric codes first in order, then ranges (2XX), then `default`.
  return status === "default" ? "9" : status;
}

export function buildResponses(document: Schema, operation: Schema, operationTypeExpr: string, at: string): ResponseIr[] {
  const entries = Object.entries<Schema>(operation.responses ?? {}).sort(([a], [b]) => (statusOrder(a) < statusOrder(b) ? -1 : 1));
  const hasExplicitSuccess = entries.some(([status]) => /^2/.test(status));
  return entries.map(([status, raw]) => {
    const { value: response, at: responseAt } = derefAt<Schema>(document, raw, `${at}/responses/${pointer(status).slice(2)}`);
    const mediaType = pickResponseMedia(response.content);
    const schema = mediaType ? response.content[mediaType]?.schema : undefined;
    const key = /^\d+$/.test(status) ? status : quote(status);
    const headers = Object.entries<Schema>(response.headers ?? {})
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([name, h]) => {
        const header = deref<Schema>(document, h);
        const { kind, typeExpr } = headerKind(deref<Schema>(document, header.schema));
        return {
          name,
          ...(typeof header.description === "string" ? { description: header.description } : {}),
          typeLabel: typeLabel(header.schema),
          required: header.required === true,
          kind,
          typeExpr,
        };
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
      pointer: responseAt,
      ...(mediaType && schema ? { schemaPointer: `${responseAt}/content/${pointer(mediaType).slice(2)}/schema` } : {}),
    };
  });
}
