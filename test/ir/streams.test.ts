/**
 * Which responses are streams and what their items are (scripts/ir/streams.ts): server-sent
 * events, JSON lines and downloads, typed from `itemSchema` (3.2) or `schema` (3.0/3.1 practice).
 */
import { describe, expect, it } from "vitest";
import { irOf, minimalSpec } from "../support/spec.js";

const SCHEMAS = {
  Tick: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
};

async function streamOf(mediaType: string, media: Record<string, unknown>) {
  const ir = await irOf(
    minimalSpec({
      paths: { "/s": { get: { operationId: "watch", responses: { "200": { description: "ok", content: { [mediaType]: media } } } } } },
      components: { schemas: SCHEMAS },
    }),
  );
  const op = ir.operations[0]!;
  return { op, stream: op.stream, warnings: ir.warnings, ir };
}

const tick = { $ref: "#/components/schemas/Tick" };

describe("server-sent events", () => {
  const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      "itemSchema with JSON data (contentSchema)",
      {
        itemSchema: { type: "object", properties: { data: { type: "string", contentMediaType: "application/json", contentSchema: tick } } },
      },
      { data: "json", itemTypeExpr: "Tick" },
    ],
    [
      "itemSchema with the data's schema itself",
      { itemSchema: { type: "object", properties: { data: tick, event: { type: "string" } } } },
      { data: "json", itemTypeExpr: "Tick" },
    ],
    [
      "itemSchema with text data",
      { itemSchema: { type: "object", properties: { data: { type: "string" } } } },
      { data: "text", itemTypeExpr: "string" },
    ],
    ["3.1 practice: schema is the data", { schema: tick }, { data: "json", itemTypeExpr: "Tick" }],
    ["3.1 practice: a string schema", { schema: { type: "string" } }, { data: "text", itemTypeExpr: "string" }],
    [
      "3.2's whole stream as an array of events",
      { schema: { type: "array", items: { type: "object", properties: { data: tick } } } },
      { data: "json", itemTypeExpr: "Tick" },
    ],
    ["no schema at all", {}, { data: "text", itemTypeExpr: "string" }],
  ];
  it.each(table)("%s", async (_name, media, want) => {
    const { op, stream, warnings, ir } = await streamOf("text/event-stream", media);
    expect(stream).toMatchObject({ kind: "events", reader: "readEvents", items: true, ...want });
    expect(op).toMatchObject({
      parseAs: "stream",
      resultTypeName: "WatchResult",
      resultTypeExpr: `EventStream<${String(want.itemTypeExpr)}>`,
    });
    expect(ir.eventStreamTypes).toEqual(["EventStream"]);
    expect(ir.apis[0]!.eventReaders).toEqual(["readEvents"]);
    expect(warnings).toEqual([]);
  });

  it("an itemSchema it cannot print is `unknown`, with a warning", async () => {
    const { stream, warnings } = await streamOf("text/event-stream", {
      itemSchema: {
        type: "object",
        properties: { data: { allOf: [tick, { type: "object", properties: { at: { type: "string" } } }], not: { type: "null" } } },
      },
    });
    expect(stream).toMatchObject({ data: "json", itemTypeExpr: "unknown", itemTypeName: "WatchItem" });
    expect(warnings).toMatchObject([
      {
        code: "stream-item-untyped",
        severity: "warning",
        pointer: "#/paths/~1s/get/responses/200/content/text~1event-stream/itemSchema/properties/data",
      },
    ]);
  });
});

describe("JSON lines and downloads", () => {
  it.each(["application/x-ndjson", "application/jsonl", "application/json-seq"])("%s: one typed item per line", async (mediaType) => {
    const { stream, ir } = await streamOf(mediaType, { itemSchema: tick });
    expect(stream).toMatchObject({ kind: "lines", reader: "readJsonLines", itemTypeExpr: "Tick" });
    expect(ir.streamTypes).toEqual(["JsonLines"]);
  });

  it("3.1 practice: schema is a line, or the list of lines", async () => {
    expect((await streamOf("application/x-ndjson", { schema: tick })).stream?.itemTypeExpr).toBe("Tick");
    expect((await streamOf("application/x-ndjson", { schema: { type: "array", items: tick } })).stream?.itemTypeExpr).toBe("Tick");
  });

  it("a binary body is a Download; JSON and text bodies are not streams", async () => {
    const { op, ir } = await streamOf("application/octet-stream", { schema: { type: "string", format: "binary" } });
    expect(op).toMatchObject({
      parseAs: "stream",
      resultTypeExpr: "Download",
      stream: { kind: "bytes", reader: "readBinary", items: false },
    });
    expect(ir.streamTypes).toEqual(["Download"]);
    expect((await streamOf("application/json", { schema: tick })).stream).toBeUndefined();
    expect((await streamOf("text/plain", { schema: { type: "string" } })).stream).toBeUndefined();
  });
});
