/**
 * How the IR decides each parameter's serialization (scripts/ir/serialization.ts), given/want:
 * the defaults of OpenAPI 3.1 §4.8.12.4 per location, and for every combination the spec leaves
 * undefined, what is sent instead and the warning that says so.
 */
import { describe, expect, it } from "vitest";
import type { SpecIssue } from "../../scripts/issues.js";
import { decideSerialization, valueShape } from "../../scripts/ir/serialization.js";
import type { ParamSerializationIr } from "../../scripts/ir/types.js";
import { irOf, minimalSpec, op } from "../support/spec.js";

const ARRAY = { type: "array", items: { type: "string" } };
const OBJECT = { type: "object", properties: { a: { type: "string" } } };
const STRING = { type: "string" };

function decide(param: Record<string, unknown>, openapi = "3.1.0", components: Record<string, unknown> = {}) {
  const issues: SpecIssue[] = [];
  const serialization = decideSerialization({
    document: { openapi, components },
    param: { name: "p", ...param },
    at: "#/paths/~1x/get/parameters/0",
    issues,
  });
  return { serialization, issues };
}

const sent = (style: string, explode: boolean, extra: Partial<ParamSerializationIr> = {}) => ({
  style,
  explode,
  allowReserved: false,
  runtimeStyle: `${style}Style`,
  ...extra,
});

describe("defaults per location (§4.8.12.4: query and cookie form, path and header simple)", () => {
  it.each<[string, Record<string, unknown>, ReturnType<typeof sent>, boolean]>([
    ["query", { in: "query", schema: ARRAY }, sent("form", true), true],
    ["cookie", { in: "cookie", schema: STRING }, sent("form", true), true],
    ["path", { in: "path", schema: ARRAY }, sent("simple", false), true],
    ["header", { in: "header", schema: ARRAY }, sent("simple", false), true],
    ["query form, not exploded", { in: "query", explode: false, schema: ARRAY }, sent("form", false), false],
    [
      "query spaceDelimited (explode defaults to false)",
      { in: "query", style: "spaceDelimited", schema: ARRAY },
      sent("spaceDelimited", false),
      false,
    ],
    ["query pipeDelimited", { in: "query", style: "pipeDelimited", explode: false, schema: ARRAY }, sent("pipeDelimited", false), false],
    ["query deepObject", { in: "query", style: "deepObject", explode: true, schema: OBJECT }, sent("deepObject", true), false],
    [
      "query deepObject without explode: exploded, as everyone means it",
      { in: "query", style: "deepObject", schema: OBJECT },
      sent("deepObject", true),
      false,
    ],
    ["query allowReserved", { in: "query", allowReserved: true, schema: STRING }, sent("form", true, { allowReserved: true }), false],
    ["path label", { in: "path", style: "label", schema: ARRAY }, sent("label", false), false],
    ["path matrix, exploded", { in: "path", style: "matrix", explode: true, schema: OBJECT }, sent("matrix", true), false],
    ["header simple, exploded", { in: "header", explode: true, schema: OBJECT }, sent("simple", true), false],
    ["cookie form, written out", { in: "cookie", style: "form", explode: true, schema: STRING }, sent("form", true), true],
  ])("%s", (_, param, want, isDefault) => {
    const { serialization, issues } = decide(param);
    // Not the default, or a path array or object (the core's own path serializer sends scalars only): in the table.
    const inTable = !isDefault || (param.in === "path" && param.schema !== STRING);
    expect(serialization).toEqual({ ...want, isDefault, inTable });
    expect(issues).toEqual([]);
  });

  it("Swagger 2.0 collection formats arrive through swagger2openapi as styles", async () => {
    // swagger2openapi: csv → form (explode false) in a query, simple in a path; ssv →
    // spaceDelimited; pipes → pipeDelimited; multi → explode true; tsv → x-collectionFormat.
    expect(decide({ in: "query", style: "form", explode: false, schema: ARRAY }).serialization).toMatchObject(sent("form", false));
    expect(decide({ in: "query", "x-collectionFormat": "tsv", schema: ARRAY })).toMatchObject({
      serialization: sent("tabDelimited", false),
      issues: [{ code: "parameter-collection-format-tsv", severity: "warning" }],
    });
  });
});

describe("parameters declared with content", () => {
  it.each<[string, string, "json" | "text"]>([
    ["application/json", "application/json", "json"],
    ["a +json media type", "application/vnd.api+json", "json"],
    ["with parameters", "application/json; charset=utf-8", "json"],
    ["text/plain", "text/plain", "text"],
  ])("%s", (_, mediaType, contentAs) => {
    const { serialization, issues } = decide({ in: "query", content: { [mediaType]: { schema: OBJECT } } });
    expect(serialization).toEqual({
      explode: false,
      allowReserved: false,
      mediaType,
      contentAs,
      isDefault: false,
      inTable: true,
      runtimeStyle: `${contentAs}Content`,
    });
    expect(issues).toEqual([]);
  });
});

describe("what the spec leaves undefined: decided, with a warning", () => {
  it.each<[string, Record<string, unknown>, ReturnType<typeof sent> | Record<string, unknown>, string, RegExp]>([
    [
      "spaceDelimited with explode",
      { in: "query", style: "spaceDelimited", explode: true, schema: ARRAY },
      sent("form", true),
      "parameter-style-undefined",
      /style spaceDelimited with explode on an array is not defined by OpenAPI; the client sends one p=value pair per item/,
    ],
    [
      "pipeDelimited on a primitive",
      { in: "query", style: "pipeDelimited", schema: STRING },
      sent("form", true),
      "parameter-style-undefined",
      /style pipeDelimited on a primitive is not defined by OpenAPI; the client sends p=value, as form does/,
    ],
    [
      "deepObject on an array",
      { in: "query", style: "deepObject", explode: true, schema: ARRAY },
      sent("deepObject", true),
      "parameter-style-undefined",
      /deepObject with explode on an array .* each item under its index \(p\[0\]=a&p\[1\]=b\)/,
    ],
    [
      "deepObject on a primitive",
      { in: "query", style: "deepObject", explode: true, schema: STRING },
      sent("form", true),
      "parameter-style-undefined",
      /sends p=value, as form does/,
    ],
    [
      "deepObject with explode: false written",
      { in: "query", style: "deepObject", explode: false, schema: OBJECT },
      sent("deepObject", true),
      "parameter-style-undefined",
      /style deepObject on an object is not defined by OpenAPI; the client sends it exploded/,
    ],
    [
      "a style of another location",
      { in: "query", style: "matrix", schema: ARRAY },
      sent("form", true),
      "parameter-style-not-allowed",
      /query parameter "p" has style matrix, which OpenAPI does not define for query parameters; the client sends it as form/,
    ],
    [
      "a header in style form",
      { in: "header", style: "form", schema: ARRAY },
      sent("simple", false),
      "parameter-style-not-allowed",
      /which OpenAPI does not define for header parameters; the client sends it as simple/,
    ],
    [
      "allowReserved outside a query",
      { in: "path", allowReserved: true, schema: STRING },
      sent("simple", false),
      "parameter-style-ignored",
      /applies to query parameters only; it is ignored/,
    ],
    [
      "nested arrays in a form array",
      { in: "query", explode: false, schema: { type: "array", items: ARRAY } },
      sent("form", false),
      "parameter-nested-values",
      /style form cannot express; the client sends each nested value as JSON text/,
    ],
    [
      "nested objects in deepObject",
      { in: "query", style: "deepObject", explode: true, schema: { type: "object", properties: { inner: OBJECT } } },
      sent("deepObject", true),
      "parameter-nested-values",
      /by key and index \(p\[a\]\[b\]=1, p\[list\]\[0\]=x\)/,
    ],
    [
      "an array in a cookie",
      { in: "cookie", schema: ARRAY },
      sent("form", true),
      "parameter-cookie-style",
      /leaves to implementations \(Appendix D\); the client sends one pair per item, joined by "; "/,
    ],
    [
      "two media types in content",
      { in: "query", content: { "application/json": { schema: OBJECT }, "text/plain": { schema: STRING } } },
      { mediaType: "application/json", contentAs: "json" },
      "parameter-content-media-types",
      /declares 2 media types in `content` \(OpenAPI allows one\); the client sends application\/json/,
    ],
    [
      "a media type the client cannot encode",
      { in: "query", content: { "application/xml": { schema: OBJECT } } },
      { mediaType: "application/xml", contentAs: "text" },
      "parameter-content-as-text",
      /a string is sent as it is, any other value as JSON text/,
    ],
    [
      "style with content",
      { in: "query", style: "form", content: { "application/json": { schema: OBJECT } } },
      { mediaType: "application/json", contentAs: "json" },
      "parameter-style-ignored",
      /declared with `content`, so its `style` is ignored/,
    ],
  ])("%s", (_, param, want, code, message) => {
    const { serialization, issues } = decide(param);
    expect(serialization).toMatchObject(want);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, severity: "warning", pointer: expect.stringMatching(/^#\/paths\/~1x\/get\/parameters\/0/) });
    expect(issues[0]!.message).toMatch(message);
    expect(issues[0]!.hint).toBeTruthy();
  });

  it("an object in spaceDelimited or pipeDelimited: defined by 3.1, warned about in a 3.0 document", () => {
    const param = { in: "query", style: "pipeDelimited", schema: OBJECT };
    expect(decide(param, "3.1.0").issues).toEqual([]);
    const { serialization, issues } = decide(param, "3.0.3");
    expect(serialization).toMatchObject(sent("pipeDelimited", false));
    expect(issues).toMatchObject([
      { code: "parameter-style-undefined", message: expect.stringMatching(/OpenAPI 3\.0 defines style pipeDelimited for arrays only/) },
    ]);
  });
});

describe("the shape of a parameter's values", () => {
  const components = {
    schemas: {
      List: ARRAY,
      Thing: OBJECT,
      Either: { oneOf: [{ $ref: "#/components/schemas/Thing" }, { type: "object" }] },
    },
  };
  it.each<[string, Record<string, unknown> | undefined, string]>([
    ["a $ref to an array", { $ref: "#/components/schemas/List" }, "array"],
    ["a 3.1 nullable array", { type: ["array", "null"], items: STRING }, "array"],
    ["oneOf objects", { $ref: "#/components/schemas/Either" }, "object"],
    ["anyOf array or string", { anyOf: [ARRAY, STRING] }, "unknown"],
    ["items without a type", { items: STRING }, "array"],
    ["a map", { additionalProperties: STRING }, "object"],
    ["an enum", { enum: ["a", "b"] }, "primitive"],
    ["no schema", undefined, "unknown"],
  ])("%s", (_, schema, want) => {
    expect(valueShape({ components }, schema)).toBe(want);
  });
});

describe("through the IR", () => {
  it("styles the client once refused are accepted, and only non-default ones are in paramStyles", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/items/{id}": {
            get: op("listItems", {
              parameters: [
                { name: "id", in: "path", required: true, style: "label", schema: ARRAY },
                { name: "ids", in: "query", style: "form", explode: false, schema: ARRAY },
                { name: "tags", in: "query", style: "pipeDelimited", schema: ARRAY },
                { name: "plain", in: "query", schema: ARRAY },
                { name: "X-Trace", in: "header", schema: STRING },
              ],
            }),
          },
        },
      }),
    );
    const operation = ir.operations[0]!;
    expect(operation.paramStyles.map((g) => [g.in, g.params.map((p) => [p.name, p.serialization.style, p.serialization.explode])])).toEqual(
      [
        ["path", [["id", "label", false]]],
        [
          "query",
          [
            ["ids", "form", false],
            ["tags", "pipeDelimited", false],
          ],
        ],
      ],
    );
    expect(operation.paramsIn.query.find((p) => p.name === "plain")!.serialization).toEqual({
      ...sent("form", true),
      isDefault: true,
      inTable: false,
    });
  });
});

describe("form and multipart fields with an Encoding Object (§4.8.15)", () => {
  const formBody = (mediaType: string, encoding: Record<string, unknown>) =>
    minimalSpec({
      paths: {
        "/scopes": {
          post: op("createScope", {
            requestBody: {
              content: {
                [mediaType]: {
                  schema: { type: "object", properties: { scope: OBJECT, ids: ARRAY, name: STRING, other: OBJECT } },
                  encoding,
                },
              },
            },
          }),
        },
      },
    });

  it("a field with style, explode or allowReserved is decided as a query parameter with them; others are not listed", async () => {
    const ir = await irOf(
      formBody("application/x-www-form-urlencoded", {
        scope: { style: "deepObject", explode: true },
        ids: { explode: false },
        other: { contentType: "application/json" },
      }),
    );
    const body = ir.operations[0]!.body!;
    expect(body.fieldEncodings?.map((f) => [f.name, f.serialization.runtimeStyle, f.serialization.explode])).toEqual([
      ["scope", "deepObjectStyle", true],
      ["ids", "formStyle", false],
    ]);
    expect(ir.paramStyleFunctions).toEqual(["deepObjectStyle", "formStyle"]);
    expect(ir.warnings).toEqual([]);
  });

  it("a style OpenAPI leaves undefined for the field's value is warned about as for a parameter, naming the field", async () => {
    const ir = await irOf(formBody("multipart/form-data", { name: { style: "deepObject" } }));
    expect(ir.operations[0]!.body!.fieldEncodings?.[0]).toMatchObject({ name: "name", serialization: { style: "form", explode: true } });
    const warning = ir.warnings.find((w) => w.code === "parameter-style-undefined");
    expect(warning?.message).toMatch(
      /^form field "name" of the request body of createScope: style deepObject with explode on a primitive is not defined by OpenAPI/,
    );
    expect(warning?.pointer).toBe("#/paths/~1scopes/post/requestBody/content/multipart~1form-data/encoding/name");
  });

  it("a JSON body's encoding is not read", async () => {
    const ir = await irOf(formBody("application/json", { scope: { style: "deepObject" } }));
    expect(ir.operations[0]!.body!.fieldEncodings).toBeUndefined();
  });
});
