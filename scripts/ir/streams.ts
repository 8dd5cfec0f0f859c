/**
 * Responses read as they arrive: server-sent events (`text/event-stream`), JSON lines
 * (`application/x-ndjson`, `application/jsonl`, `application/json-seq`) and binary downloads.
 * Each item's type comes from OpenAPI 3.2's `itemSchema` (§4.14, read in 3.0 and 3.1 documents
 * too), else from `schema` as 3.0/3.1 APIs write it (README "Streaming" lists the rules).
 */
import { pointer, resolvePointer } from "../json-pointer.js";
import { quote } from "./naming.js";
import { deref, type Schema } from "./schema.js";
import type { OperationIr, ResponseIr, StreamIr } from "./types.js";

const EVENTS = /^text\/event-stream$/i;
const LINES = /^application\/(x-)?(ndjson|jsonl|jsonlines|json-seq)$/i;

/** What a response of this media type is read as, when it is a stream of items. */
export function streamKind(mediaType: string): "events" | "lines" | undefined {
  if (EVENTS.test(mediaType)) return "events";
  if (LINES.test(mediaType)) return "lines";
  return undefined;
}

/** A string that is not JSON in disguise (`contentMediaType: application/json` / `contentSchema` say it is). */
function isPlainString(schema: Schema | undefined): boolean {
  const types: unknown[] = Array.isArray(schema?.type) ? schema!.type : [schema?.type];
  return (
    types.includes("string") &&
    types.every((t) => t === "string" || t === "null") &&
    schema?.contentSchema === undefined &&
    !/json/i.test(String(schema?.contentMediaType ?? ""))
  );
}

/**
 * The stream of an operation whose success body is one (the media type the client reads for its
 * first success response decides): its kind, its reader, how event data is read, and where the
 * schema of one item is (printed as a type once the models are named, `type-names.ts`).
 */
export function detectStream(document: Schema, op: OperationIr): Omit<StreamIr, "itemTypeName"> | undefined {
  const success: ResponseIr | undefined = op.responses.find((r) => r.isSuccess && r.mediaType);
  if (!success?.mediaType) return undefined;
  const mediaType = success.mediaType;
  const kind = streamKind(mediaType);
  if (!kind)
    return op.parseAs === "blob" ? { kind: "bytes", mediaType, reader: "readBinary", items: false, itemTypeExpr: "Uint8Array" } : undefined;
  const mediaAt = `${success.pointer}/content/${pointer(mediaType).slice(2)}`;
  const media = (resolvePointer(document, mediaAt) ?? {}) as Schema;
  const status = /^\d+$/.test(success.status) ? success.status : quote(success.status);
  const content = `Readable<${op.operationTypeExpr}["responses"][${status}]["content"][${quote(mediaType)}]>`;
  const schema = deref<Schema>(document, media.schema);
  const isArray = schema?.type === "array";
  if (kind === "lines") {
    if (media.itemSchema !== undefined)
      return {
        kind,
        mediaType,
        reader: "readJsonLines",
        items: true,
        itemTypeExpr: "unknown",
        itemSchemaPointer: `${mediaAt}/itemSchema`,
        mustPrint: true,
      };
    if (!schema) return { kind, mediaType, reader: "readJsonLines", items: true, itemTypeExpr: "unknown" };
    // 3.0/3.1 practice: `schema` is one line, or the list of them.
    return isArray
      ? {
          kind,
          mediaType,
          reader: "readJsonLines",
          items: true,
          itemTypeExpr: `${content}[number]`,
          itemSchemaPointer: `${mediaAt}/schema/items`,
        }
      : { kind, mediaType, reader: "readJsonLines", items: true, itemTypeExpr: content, itemSchemaPointer: `${mediaAt}/schema` };
  }
  // Server-sent events: an event is `{ event, data, id, retry }` (3.2's itemSchema, or the items of
  // a `schema` array of such objects); its data is parsed as JSON unless it is a plain string.
  const eventAt =
    media.itemSchema !== undefined
      ? `${mediaAt}/itemSchema`
      : isArray && deref<Schema>(document, schema.items)?.properties?.data
        ? `${mediaAt}/schema/items`
        : undefined;
  const text = { kind, mediaType, reader: "readEvents", items: true, data: "text", itemTypeExpr: "string" } as const;
  if (eventAt) {
    const event = deref<Schema>(document, resolvePointer(document, eventAt));
    const data = deref<Schema>(document, event?.properties?.data);
    if (!data || isPlainString(data)) return text;
    const eventPointer = derefPointer(document, eventAt);
    const dataPointer =
      data.contentSchema !== undefined
        ? `${derefPointer(document, `${eventPointer}/properties/data`)}/contentSchema`
        : `${eventPointer}/properties/data`;
    return {
      kind,
      mediaType,
      reader: "readEvents",
      items: true,
      data: "json",
      itemTypeExpr: "unknown",
      itemSchemaPointer: dataPointer,
      mustPrint: true,
    };
  }
  if (!schema || isPlainString(schema)) return text;
  // 3.0/3.1 practice: `schema` is the data of each event.
  return {
    kind,
    mediaType,
    reader: "readEvents",
    items: true,
    data: "json",
    itemTypeExpr: content,
    itemSchemaPointer: `${mediaAt}/schema`,
  };
}

/** Where the value at `at` ends up after its `$ref`s. */
function derefPointer(document: Schema, at: string): string {
  let where = at;
  for (let i = 0; i < 20; i++) {
    const value = resolvePointer(document, where) as Schema | undefined;
    if (!value || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return where;
    where = value.$ref;
  }
  return where;
}

/** The type an operation with a stream resolves to. */
export function streamResultType(stream: Pick<StreamIr, "kind">, itemTypeName: string): string {
  return stream.kind === "events" ? `EventStream<${itemTypeName}>` : stream.kind === "lines" ? `JsonLines<${itemTypeName}>` : "Download";
}
