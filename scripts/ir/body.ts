/**
 * The request body of one operation (OpenAPI 3.1 §4.8.13 Request Body Object): the media type the
 * client sends, how it serialises it, its type and docs, and its writeOnly (secret) fields.
 */
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import type { OperationContext } from "./operation-context.js";
import { bindingName, quote } from "./naming.js";
import { specExample } from "./examples.js";
import { deref, derefAt, typeLabel, type Schema } from "./schema.js";
import { decideSerialization } from "./serialization.js";
import type { BodyIr, BodySerializerName } from "./types.js";

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
  // Any media type (`*/*`, `application/*`): the body is sent as JSON, which it allows.
  [/^(\*|application)\/\*$/, "json"],
];

/** What the client takes for a body it sends as given (a media type it cannot serialise): anything fetch sends as bytes. */
export const RAW_BODY_TYPE = "Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string";

/** `undefined`: no body. */
export function buildBody(ctx: OperationContext): BodyIr | undefined {
  const { document, operation, issues, at, operationTypeExpr, operationId } = ctx;
  if (!operation.requestBody) return undefined;
  const { value: requestBody, at: bodyAt } = derefAt<Schema>(document, operation.requestBody, `${at}/requestBody`);
  if (!requestBody || typeof requestBody !== "object") return undefined;
  const mediaTypes = Object.keys(requestBody.content ?? {});
  if (mediaTypes.length === 0) return undefined;
  let chosen: { mediaType: string; encoding: BodyIr["encoding"]; raw?: true } | undefined;
  for (const [pattern, encoding] of REQUEST_ENCODINGS) {
    const mediaType = mediaTypes.find((m) => pattern.test(m.split(";")[0]!.trim()));
    if (mediaType) {
      chosen = { mediaType, encoding };
      break;
    }
  }
  if (!chosen) {
    // A media type the runtime cannot serialise (XML, an image, `*/*`): the caller gives the bytes.
    const mediaType = mediaTypes[0]!;
    chosen = { mediaType, encoding: "binary", raw: true };
    issues.push({
      code: "unsupported-media-type",
      severity: "warning",
      pointer: `${bodyAt}/content`,
      message: `the request body of ${operationId} is offered only as ${mediaTypes.join(", ")}: sent as the bytes or string given (Blob, ArrayBuffer, typed array, stream or string)${/[*]/.test(mediaType) ? "" : ` with Content-Type ${mediaType}`}`,
      hint: "serialise the body yourself and pass the result; offer application/json (or a form, multipart, text/plain, application/octet-stream) to get a typed body",
    });
  }
  const schema = requestBody.content[chosen.mediaType]?.schema;
  const modelLabel = chosen.raw ? { text: "bytes", parts: [{ text: "bytes" }] } : typeLabel(schema);
  const modelPart = modelLabel.parts.length === 1 ? modelLabel.parts[0]?.model : undefined;
  const media = requestBody.content[chosen.mediaType] ?? {};
  const mediaAt = `${bodyAt}/content/${pointer(chosen.mediaType).slice(2)}`;
  const example = specExample(
    document,
    schema,
    [media.example, media.examples ? deref<Schema>(document, Object.values<Schema>(media.examples)[0])?.value : undefined],
    true,
  );
  // openapi-fetch labels every body but FormData application/json (a form too), so the client sets
  // the type itself, except for application/json and for multipart (fetch adds the boundary).
  // A wildcard (`*/*`) is no Content-Type: a JSON body gets openapi-fetch's, bytes their own (a Blob's type).
  const contentType =
    chosen.mediaType === "application/json" || chosen.encoding === "multipart" || chosen.mediaType.includes("*")
      ? undefined
      : chosen.mediaType;
  // openapi-typescript makes `requestBody` optional unless the spec requires it.
  const requestBodyType =
    requestBody.required === true ? `${operationTypeExpr}["requestBody"]` : `NonNullable<${operationTypeExpr}["requestBody"]>`;
  const schemaTypeExpr = chosen.raw ? RAW_BODY_TYPE : `Writable<${requestBodyType}["content"][${quote(chosen.mediaType)}]>`;
  return {
    required: requestBody.required === true,
    mediaType: chosen.mediaType,
    encoding: chosen.encoding,
    ...(chosen.encoding !== "json" ? { serializer: SERIALIZERS[chosen.encoding] } : {}),
    ...(contentType ? { contentType } : {}),
    ...fieldEncodings(ctx, chosen, media, mediaAt, schema),
    bindingName: modelPart ? bindingName(modelPart) : "body",
    ...(typeof requestBody.description === "string" ? { description: requestBody.description } : {}),
    ...(chosen.raw ? { raw: true } : {}),
    // What is sent is the write view (§4.8.24: readOnly is never sent).
    typeExpr: schemaTypeExpr,
    schemaTypeExpr,
    // The operation's `XxxBody` alias, unless type-names.ts names a model.
    typeName: `${ctx.typePrefix}Body`,
    typeLabel: modelLabel,
    // A body sent as given is shown as a string (a docs example must compile against its type).
    exampleJson: chosen.raw
      ? JSON.stringify(typeof example === "string" ? example : `<${chosen.mediaType} body>`)
      : JSON.stringify(example, null, 2),
    secretFields: secretFieldNames(document, schema),
    pointer: bodyAt,
    ...(schema ? { schemaPointer: `${mediaAt}/schema` } : {}),
  };
}

/** The keywords of an Encoding Object that make a field go as a query parameter of that style would. */
const STYLE_KEYWORDS = ["style", "explode", "allowReserved"];

/**
 * The form (and multipart) fields whose Encoding Object (§4.8.15) gives a style: decided as a query
 * parameter with those keywords would be (the same rules and warnings), since OpenAPI defines them
 * "the same as query parameters". OpenAPI 3.0 applies them to application/x-www-form-urlencoded only;
 * a multipart field that declares one is sent that way too (3.1 allows it, and a server that names a
 * style for a field expects it).
 */
function fieldEncodings(
  ctx: OperationContext,
  chosen: { encoding: BodyIr["encoding"] },
  media: Schema,
  mediaAt: string,
  schema: Schema | undefined,
): Pick<BodyIr, "fieldEncodings"> {
  const encoding = media.encoding;
  if ((chosen.encoding !== "form" && chosen.encoding !== "multipart") || !encoding || typeof encoding !== "object") return {};
  const properties = deref<Schema>(ctx.document, schema)?.properties ?? {};
  const fields: NonNullable<BodyIr["fieldEncodings"]> = [];
  for (const name of Object.keys(encoding)) {
    const declared = encoding[name];
    if (!declared || typeof declared !== "object" || !STYLE_KEYWORDS.some((k) => declared[k] !== undefined)) continue;
    const param = { in: "query", name, schema: properties[name], ...Object.fromEntries(STYLE_KEYWORDS.map((k) => [k, declared[k]])) };
    const serialization = decideSerialization({
      document: ctx.document,
      param,
      at: `${mediaAt}/encoding/${pointer(name).slice(2)}`,
      issues: ctx.issues,
      label: `form field "${name}" of the request body of ${ctx.operationId}`,
    });
    // Even form with explode (the default) is listed: without a declared style an object field goes as JSON text.
    fields.push({ name, serialization: { ...serialization, isDefault: false } });
  }
  return fields.length ? { fieldEncodings: fields } : {};
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
