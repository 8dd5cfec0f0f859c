/**
 * How an operation pages, decided from the spec (scripts/ir/pagination.ts): each style from its
 * shape, `x-pagination` declarations, and the warnings for ambiguous or broken ones.
 */
import { describe, expect, it } from "vitest";
import { irOf, minimalSpec } from "../support/spec.js";

const query = (name: string, type = "string") => ({ name, in: "query", schema: { type } });
const json = (schema: object, headers?: object) => ({
  "200": { description: "ok", ...(headers ? { headers } : {}), content: { "application/json": { schema } } },
});
const list = (items = { type: "array", items: { type: "string" } }) => items;

/** The IR of one GET /items operation. */
async function listing(operation: Record<string, unknown>) {
  const ir = await irOf(minimalSpec({ paths: { "/items": { get: { operationId: "listItems", ...operation } } } }));
  return { op: ir.operations[0]!, warnings: ir.warnings };
}

describe("detected from the shape", () => {
  const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      "offset + limit, total count",
      {
        parameters: [query("offset", "integer"), query("limit", "integer")],
        responses: json({ type: "object", properties: { results: list(), total_count: { type: "integer" } } }),
      },
      {
        style: "offset",
        items: ["results"],
        runtime: { style: "offset", items: ["results"], offset: "offset", limit: "limit", total: ["total_count"] },
      },
    ],
    [
      "offset + limit, a bare array, no total",
      { parameters: [query("offset", "integer"), query("limit", "integer")], responses: json(list()) },
      { style: "offset", items: [], runtime: { style: "offset", items: [], offset: "offset", limit: "limit" } },
    ],
    [
      "a cursor parameter and a next cursor one level down (Slack's response_metadata)",
      {
        parameters: [query("cursor"), query("limit", "integer")],
        responses: json({
          type: "object",
          properties: { members: list(), response_metadata: { type: "object", properties: { next_cursor: { type: "string" } } } },
        }),
      },
      {
        style: "cursor",
        sizeOption: "limit",
        runtime: { style: "cursor", items: ["members"], cursor: "cursor", nextCursor: ["response_metadata", "next_cursor"] },
      },
    ],
    [
      "page_token / next_page_token (Google style)",
      {
        parameters: [query("page_token"), query("page_size", "integer")],
        responses: json({ type: "object", properties: { items: list(), next_page_token: { type: "string" } } }),
      },
      { style: "cursor", runtime: { style: "cursor", items: ["items"], cursor: "pageToken", nextCursor: ["next_page_token"] } },
    ],
    [
      "a next URL in the body (DRF's next, format uri)",
      {
        parameters: [query("limit", "integer")],
        responses: json({
          type: "object",
          properties: { count: { type: "integer" }, next: { type: ["string", "null"], format: "uri" }, results: list() },
        }),
      },
      { style: "nextUrl", runtime: { style: "nextUrl", items: ["results"], nextUrl: ["next"] } },
    ],
    [
      "a HAL next link (_links.next.href)",
      {
        responses: json({
          type: "object",
          properties: {
            items: list(),
            _links: { type: "object", properties: { next: { type: "object", properties: { href: { type: "string" } } } } },
          },
        }),
      },
      { style: "nextUrl", runtime: { style: "nextUrl", items: ["items"], nextUrl: ["_links", "next", "href"] } },
    ],
    [
      "a Link response header (GitHub style)",
      {
        parameters: [query("per_page", "integer"), query("page", "integer")],
        responses: json(list(), { Link: { schema: { type: "string" } } }),
      },
      { style: "link", items: [], sizeOption: "perPage", runtime: { style: "link", items: [] } },
    ],
  ];
  it.each(table)("%s", async (_name, operation, want) => {
    const { op, warnings } = await listing(operation);
    expect(op.pagination).toMatchObject({ iteratorName: "listItemsIterator", pagesName: "listItemsPages", ...want });
    expect(warnings).toEqual([]);
  });

  it("types the items: the model where the items are one, through the path to them", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/items": {
            get: {
              operationId: "listItems",
              parameters: [query("cursor")],
              responses: json({
                type: "object",
                properties: { data: { type: "array", items: { $ref: "#/components/schemas/Item" } }, next_cursor: { type: "string" } },
              }),
            },
          },
        },
        components: { schemas: { Item: { type: "object", properties: { id: { type: "string" } } } } },
      }),
    );
    expect(ir.operations[0]!.pagination).toMatchObject({ itemTypeName: "Item", itemTypeExpr: "Item" });
    expect(ir.apis[0]).toMatchObject({ followsPages: true, paginated: false });
  });

  it("leaves alone what does not page: no items list, no way to the next page, a cursor without a next cursor", async () => {
    for (const operation of [
      {
        parameters: [query("offset", "integer"), query("limit", "integer")],
        responses: json({ type: "object", properties: { a: list(), b: list() } }),
      },
      { parameters: [query("limit", "integer")], responses: json({ type: "object", properties: { items: list() } }) },
      {
        parameters: [query("cursor")],
        responses: json({ type: "object", properties: { items: list(), cursor_hint: { type: "string" } } }),
      },
    ]) {
      expect((await listing(operation)).op.pagination).toBeUndefined();
    }
  });
});

describe("several shapes at once", () => {
  it("follows the cursor before the Link header and the offset, and says so in a warning", async () => {
    const { op, warnings } = await listing({
      parameters: [query("cursor"), query("offset", "integer"), query("limit", "integer")],
      responses: json(
        { type: "object", properties: { items: list(), next_cursor: { type: "string" } } },
        { link: { schema: { type: "string" } } },
      ),
    });
    expect(op.pagination?.style).toBe("cursor");
    expect(warnings).toMatchObject([
      {
        code: "pagination-ambiguous",
        severity: "warning",
        pointer: "#/paths/~1items/get",
        message: expect.stringMatching(
          /"listItems" pages in more than one way \(cursor, link, offset\): its iterator sends the cursor in `next_cursor`/,
        ),
        hint: expect.stringContaining("x-pagination"),
      },
    ]);
  });
});

describe("x-pagination", () => {
  it("declares a style the shape does not tell (wire names or option keys, dotted paths or lists of names)", async () => {
    const { op, warnings } = await listing({
      parameters: [query("from"), query("max-items", "integer")],
      "x-pagination": { style: "cursor", items: "page.entries", cursor: "from", nextCursor: ["@odata.continue"], limit: "max-items" },
      responses: json({
        type: "object",
        properties: { page: { type: "object", properties: { entries: list() } }, "@odata.continue": { type: "string" } },
      }),
    });
    expect(op.pagination).toMatchObject({
      style: "cursor",
      sizeOption: "maxItems",
      itemSchemaTypeExpr: expect.stringContaining('["page"]>["entries"]>[number]'),
      runtime: { style: "cursor", items: ["page", "entries"], cursor: "from", nextCursor: ["@odata.continue"] },
    });
    expect(warnings).toEqual([]);
  });

  it("false turns detection off", async () => {
    const { op } = await listing({
      parameters: [query("cursor")],
      "x-pagination": false,
      responses: json({ type: "object", properties: { items: list(), next_cursor: { type: "string" } } }),
    });
    expect(op.pagination).toBeUndefined();
  });

  it("chooses among matching shapes without a warning", async () => {
    const { op, warnings } = await listing({
      parameters: [query("cursor"), query("offset", "integer"), query("limit", "integer")],
      "x-pagination": { style: "offset", offset: "offset", limit: "limit" },
      responses: json({ type: "object", properties: { items: list(), next_cursor: { type: "string" } } }),
    });
    expect(op.pagination?.runtime).toEqual({ style: "offset", items: ["items"], offset: "offset", limit: "limit" });
    expect(warnings).toEqual([]);
  });

  const broken: [string, unknown, RegExp][] = [
    ["an unknown style", { style: "magic" }, /style "magic" is not one of cursor, nextUrl, link, offset, page/],
    [
      "a cursor that is not a parameter",
      { style: "cursor", cursor: "nope", nextCursor: "next" },
      /`cursor` must name an optional query parameter/,
    ],
    ["a missing path", { style: "nextUrl" }, /`nextUrl` must be a property path/],
    ["not an object", "cursor", /is not an object or false/],
  ];
  it.each(broken)("%s: no iterator, and a warning that says why", async (_name, extension, message) => {
    const { op, warnings } = await listing({
      parameters: [query("cursor")],
      "x-pagination": extension,
      responses: json({ type: "object", properties: { items: list(), next: { type: "string" } } }),
    });
    expect(op.pagination).toBeUndefined();
    expect(warnings).toMatchObject([
      { code: "pagination-extension-invalid", severity: "warning", message, pointer: "#/paths/~1items/get/x-pagination" },
    ]);
  });
});

describe("method names", () => {
  it("an operation named like another's page iterator keeps its name; the iterator is numbered, with a warning", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/items": {
            get: {
              operationId: "listItems",
              parameters: [query("cursor")],
              responses: json({ type: "object", properties: { items: list(), next_cursor: { type: "string" } } }),
            },
          },
          "/pages": { get: { operationId: "listItemsPages", responses: json({ type: "string" }) } },
        },
      }),
    );
    const listing = ir.operations.find((op) => op.operationId === "listItems")!;
    expect(listing.pagination).toMatchObject({ iteratorName: "listItemsIterator", pagesName: "listItemsPages2" });
    expect(ir.warnings).toMatchObject([
      { code: "operation-name-collision", message: expect.stringContaining("page iterator of listItems") },
    ]);
  });
});
