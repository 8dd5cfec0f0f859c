/** Decisions of the docs view (scripts/docs/view.ts, links.ts, notes.ts, example.ts): given a tiny spec, want. */
import { describe, expect, it } from "vitest";
import { githubSlug, relativeHref, schemeAnchor } from "../../scripts/docs/links.js";
import { firstParagraph } from "../../scripts/docs/notes.js";
import { buildDocsView } from "../../scripts/docs/view.js";
import type { DocsView } from "../../scripts/docs/view-types.js";
import { placeholder, tsLiteral } from "../../scripts/docs/example.js";
import { irOf, minimalSpec, op } from "../support/spec.js";

const PKG = "test-api-client";

async function docsOf(spec: Record<string, unknown>): Promise<DocsView> {
  return buildDocsView(await irOf(minimalSpec(spec)), PKG);
}

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  required: true,
  content: { "application/json": { schema, ...extra } },
});

describe("small pure functions", () => {
  it.each([
    ["Documentation for API endpoints", "documentation-for-api-endpoints"],
    ["Getting started", "getting-started"],
    ["With ApiKeyAuth", "with-apikeyauth"],
    ["a_b (c)!", "a_b-c"],
  ])("githubSlug(%j) = %j", (given, want) => expect(githubSlug(given)).toBe(want));

  it.each([
    ["ApiKeyAuth", "ApiKeyAuth"],
    ["api_key.v2-x", "api_key.v2-x"],
    ['bad"><script> key', "bad---script--key"],
  ])("schemeAnchor(%j) = %j", (given, want) => expect(schemeAnchor(given)).toBe(want));

  it.each([
    ["README.md", "apis/A.md", "apis/A.md"],
    ["apis/A.md", "README.md", "../README.md"],
    ["apis/A.md", "models/M.md", "../models/M.md"],
    ["models/M.md", "models/N.md", "N.md"],
  ])("relativeHref(%j, %j) = %j", (from, to, want) => expect(relativeHref(from, to)).toBe(want));

  it.each([
    [undefined, ""],
    ["one line", "one line"],
    ["first\nstill first\n\nsecond", "first\nstill first"],
  ])("firstParagraph(%j) = %j", (given, want) => expect(firstParagraph(given)).toBe(want));

  it.each([
    ["apiKey", '"YOUR_API_KEY"'],
    ["apiKeyQuery", '"YOUR_API_KEY_QUERY"'],
    ["username", '"YOUR_USERNAME"'],
    ["accessToken", '"YOUR_ACCESS_TOKEN"'],
  ])("placeholder(%j) = %s", (given, want) => expect(placeholder(given)).toBe(want));

  it.each([
    ["my-org", '"my-org"'],
    [42, "42"],
    [null, "null"],
    [[], "[]"],
    [{}, "{}"],
    [{ name: "x", "sort-by": 1, list: [true] }, '{\n  name: "x",\n  "sort-by": 1,\n  list: [\n    true,\n  ],\n}'],
  ])("tsLiteral(%j)", (given, want) => expect(tsLiteral(given)).toBe(want));
});

describe("operation pages", () => {
  const spec = {
    security: [{ KeyAuth: [] }, { Basic: [] }],
    paths: {
      "/items/{itemId}": {
        parameters: [
          { name: "itemId", in: "path", required: true, description: "The | id\nof it", schema: { type: "string" }, example: "it_1" },
        ],
        get: op("getItem", {
          tags: ["items"],
          summary: "Get an item",
          parameters: [
            { name: "per_page", in: "query", schema: { type: "integer", default: 20 }, example: 5 },
            { name: "status", in: "query", schema: schemaRef("Status") },
          ],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: schemaRef("Item") } } },
            "204": { description: "nothing" },
            default: { description: "error", headers: { "X-Rate": { description: "left", schema: { type: "integer" } } } },
          },
        }),
        put: op("putItem", {
          tags: ["items"],
          security: [{ KeyAuth: [], Basic: [] }],
          requestBody: jsonBody(schemaRef("Result"), { example: { id: "a" } }),
        }),
        delete: { operationId: "deleteItem", tags: ["items"], security: [], responses: { "204": { description: "gone" } } },
      },
    },
    components: {
      securitySchemes: { KeyAuth: { type: "apiKey", in: "header", name: "X-Key" }, Basic: { type: "http", scheme: "basic" } },
      schemas: {
        Item: { type: "object", properties: { id: { type: "string" } } },
        Result: { type: "object", properties: { id: { type: "string" } } },
        Status: { type: "string", enum: ["on", "off"] },
      },
    },
  };

  it("one example per requirement alternative, with that alternative's client options", async () => {
    const [page] = (await docsOf(spec)).apis;
    const get = page!.operations.find((o) => o.methodName === "getItem")!;
    expect(get.examples.map((e) => [e.label, e.example.config])).toEqual([
      [
        "With [KeyAuth](../README.md#KeyAuth), API key in the header `X-Key`:",
        [
          { name: "baseUrl", value: '"http://localhost"' },
          { name: "apiKey", value: '"YOUR_API_KEY"' },
        ],
      ],
      [
        "With [Basic](../README.md#Basic), HTTP basic authentication (username and password):",
        [
          { name: "baseUrl", value: '"http://localhost"' },
          { name: "username", value: '"YOUR_USERNAME"' },
          { name: "password", value: '"YOUR_PASSWORD"' },
        ],
      ],
    ]);
    const put = page!.operations.find((o) => o.methodName === "putItem")!;
    expect(put.examples).toHaveLength(1);
    expect(put.examples[0]!.example.config.map((c) => c.name)).toEqual(["baseUrl", "username", "password", "apiKey"]);
    expect(put.authorization).toBe("[Basic](../README.md#Basic) and [KeyAuth](../README.md#KeyAuth)");
    const del = page!.operations.find((o) => o.methodName === "deleteItem")!;
    expect(del.examples.map((e) => [e.label, e.example.schemes])).toEqual([["Without authorization:", []]]);
    expect(del.authorization).toBe("No authorization required");
    expect(get.authorization).toBe("[KeyAuth](../README.md#KeyAuth) or [Basic](../README.md#Basic)");
  });

  it("the call uses the spec's example values: positional literals, then an options object", async () => {
    const get = (await docsOf(spec)).apis[0]!.operations.find((o) => o.methodName === "getItem")!;
    expect(get.examples[0]!.example).toMatchObject({
      imports: ["ApiError", "ItemsApi"],
      methodName: "getItem",
      // The call stands inside `try {`, so the literal's lines are indented one level.
      args: ['"it_1"', '{\n    perPage: 5,\n    status: "on",\n  }'],
      resultName: "result",
    });
    expect(get.signature).toBe("getItem(itemId, options?): Promise<Item | undefined>");
  });

  it("a body is a typed constant, renamed when its name is one the program uses", async () => {
    const put = (await docsOf(spec)).apis[0]!.operations.find((o) => o.methodName === "putItem")!;
    expect(put.examples[0]!.example.body).toEqual({ name: "resultBody", typeName: "PutItemBody", literal: '{\n  id: "a",\n}' });
    expect(put.examples[0]!.example.imports).toEqual(["ApiError", "ItemsApi", "type PutItemBody"]);
    expect(put.examples[0]!.example.args).toEqual(['"it_1"', "resultBody"]);
  });

  it("parameter rows: positional, body, then options.<key>, with notes", async () => {
    const [page] = (await docsOf(spec)).apis;
    const get = page!.operations.find((o) => o.methodName === "getItem")!;
    expect(get.params.map((p) => [p.name, p.type.text, p.description, p.notes])).toEqual([
      ["itemId", "string", "The | id\nof it", "required; path parameter `itemId`"],
      ["options.perPage", "integer", "", "optional; query parameter `per_page`; default: `20`"],
      ["options.status", "Status", "", 'optional; query parameter `status`; one of: `"on"`, `"off"`'],
    ]);
    expect(get.params[2]!.type.parts).toEqual([{ text: "Status", href: "../models/Status.md" }]);
    const put = page!.operations.find((o) => o.methodName === "putItem")!;
    expect(put.params.map((p) => [p.name, p.notes])).toEqual([
      ["itemId", "required; path parameter `itemId`"],
      ["result", "required; request body (`application/json`)"],
    ]);
  });

  it("return type: success bodies, `undefined` for a success without body; void when none has one", async () => {
    const ops = (await docsOf(spec)).apis[0]!.operations;
    expect(ops.find((o) => o.methodName === "getItem")!.returnType).toEqual({
      text: "Item | undefined",
      parts: [{ text: "Item", href: "../models/Item.md" }, { text: " | " }, { text: "undefined" }],
    });
    expect(ops.find((o) => o.methodName === "deleteItem")!.returnType).toBeUndefined();
    expect(ops.find((o) => o.methodName === "deleteItem")!.examples[0]!.example.resultName).toBeUndefined();
  });

  it("responses: statuses as written (`default`, not 0), headers listed", async () => {
    const get = (await docsOf(spec)).apis[0]!.operations.find((o) => o.methodName === "getItem")!;
    expect(get.responses).toEqual([
      { status: "200", description: "ok", headers: "-" },
      { status: "204", description: "nothing", headers: "-" },
      { status: "default", description: "error", headers: "`X-Rate` (integer): left" },
    ]);
    expect(get.contentType).toBe("Not defined");
    expect(get.accept).toBe("`application/json`");
  });

  it("README: endpoints link to class pages and operation anchors; schemes have their own anchors", async () => {
    const docs = await docsOf(spec);
    expect(docs.endpoints.map((e) => [e.api.href, e.method.href, e.httpMethodUpper])).toEqual([
      ["apis/ItemsApi.md", "apis/ItemsApi.md#deleteItem", "DELETE"],
      ["apis/ItemsApi.md", "apis/ItemsApi.md#getItem", "GET"],
      ["apis/ItemsApi.md", "apis/ItemsApi.md#putItem", "PUT"],
    ]);
    expect(docs.schemes.map((s) => [s.anchor, s.snippet?.config.map((c) => c.name)])).toEqual([
      ["Basic", ["baseUrl", "username", "password"]],
      ["KeyAuth", ["baseUrl", "apiKey"]],
    ]);
    expect(docs.gettingStarted!.example.methodName).toBe("getItem");
    expect(docs.gettingStarted!.label).toBe("With [KeyAuth](#KeyAuth), API key in the header `X-Key`:");
    expect(docs.installCommand).toBe(`npm install ${PKG}`);
    expect(docs.apis[0]!.backLinks.map((l) => l.href)).toEqual([
      "#",
      "../README.md#documentation-for-api-endpoints",
      "../README.md#documentation-for-models",
      "../README.md",
    ]);
  });
});

describe("model pages", () => {
  const spec = {
    paths: { "/x": { get: op("getX") } },
    components: {
      schemas: {
        Secret: {
          type: "object",
          description: "Holds a secret.",
          required: ["key"],
          properties: {
            id: { type: "string", readOnly: true },
            key: { type: "string", writeOnly: true, description: "Never returned." },
            note: { type: ["string", "null"], default: "none" },
            kind: { type: "string", enum: ["a", "b"] },
            owner: schemaRef("Owner"),
          },
          examples: [{ key: "k" }],
        },
        Owner: { type: "object", properties: { name: { type: "string" } } },
        Level: { type: "integer", enum: [1, 2], "x-enum-descriptions": ["low", "high"] },
        Base: { type: "object", required: ["kind"], properties: { kind: { type: "string", description: "Which one." } } },
        Special: { allOf: [schemaRef("Base"), { type: "object", properties: { kind: { const: "special" }, extra: { type: "integer" } } }] },
        "pet-status": { type: "string", enum: ["x"] },
        PET: { type: "string" },
        Pet: { type: "string" },
      },
    },
  };

  it("property notes: required/optional, read-only, write-only (never returned), nullable, default, values", async () => {
    const page = (await docsOf(spec)).models.find((m) => m.name === "Secret")!;
    expect(page.properties.map((p) => [p.name, p.notes])).toEqual([
      ["id", "optional; read-only: set by the server, ignored in requests"],
      ["key", "required; write-only: never returned in responses"],
      ["note", 'optional; nullable; default: `"none"`'],
      ["kind", 'optional; one of: `"a"`, `"b"`'],
      ["owner", "optional"],
    ]);
    expect(page.properties[4]!.type.parts).toEqual([{ text: "Owner", href: "Owner.md" }]);
    expect(page.exampleJson).toBe('{\n  "key": "k"\n}');
    expect(page.backLinks[1]).toEqual({ text: "Back to Model list", href: "../README.md#documentation-for-models" });
  });

  it("enum values with their descriptions", async () => {
    const page = (await docsOf(spec)).models.find((m) => m.name === "Level")!;
    expect(page.enumValues).toEqual([
      { value: "`1`", description: "low" },
      { value: "`2`", description: "high" },
    ]);
    expect(page.typeNotes).toBe("one of the values below");
  });

  it("allOf: a property redefined by a later part takes that definition (and keeps the base's description)", async () => {
    const page = (await docsOf(spec)).models.find((m) => m.name === "Special")!;
    expect(page.properties.map((p) => [p.name, p.type.text, p.description, p.notes])).toEqual([
      ["kind", '"special"', "Which one.", "required"],
      ["extra", "integer", "", "optional"],
    ]);
  });

  it("page paths: the exported type name, unique even on a case-insensitive file system", async () => {
    const docs = await docsOf(spec);
    const paths = Object.fromEntries(docs.models.map((m) => [m.name, m.path]));
    expect(paths).toMatchObject({ PET: "models/PET.md", Pet: "models/Pet-2.md", "pet-status": "models/PetStatus.md" });
    expect(docs.models.find((m) => m.name === "pet-status")!.schemaNote).toBe("The schema `pet-status`, exported as `PetStatus`.");
    expect(docs.modelRows.find((r) => r.link.text === "Pet")!.link.href).toBe("models/Pet-2.md");
  });
});
