/** Which of Prism's findings are its own limitations (skipped, with the reason) and which stay violations. */
import { describe, expect, it } from "vitest";
import type { OperationIr } from "../../scripts/ir/types.js";
import { ambiguousOneOfReason, generatorKeywordProperties, knownLimitation } from "../../scripts/verify/limitations.js";
import type { PrismFinding, PrismViolation } from "../../scripts/verify/prism.js";

const operation = { operationId: "op", body: undefined } as unknown as OperationIr;
const binaryBody = { operationId: "upload", body: { encoding: "binary" } } as unknown as OperationIr;
const multipartBody = { operationId: "uploadMany", body: { encoding: "multipart" } } as unknown as OperationIr;
const finding = (items: PrismViolation[], violations = "…"): PrismFinding => ({ violations, items });
const v = (location: string, code: string, message = ""): PrismViolation => ({ location, severity: "Error", code, message });

describe("knownLimitation", () => {
  it.each([
    {
      name: "uri-template format in a response",
      items: [v("response.body.hub_url", "format", 'must match format "uri-template"')],
      want: /uri-template/,
    },
    {
      name: "oneOf in a response, with its members' failures",
      items: [v("response.body", "oneOf"), v("response.body.errors.0", "type")],
      want: /oneOf/,
    },
    {
      name: "required property left out of a response",
      items: [v("response.body.metadata.docker", "required")],
      want: /required property/,
    },
  ])("$name: skipped on the mock", ({ items, want }) => {
    expect(knownLimitation(finding(items), operation, true)).toMatch(want);
  });

  it("a binary body checked against an object schema is Prism's; a JSON body's type error is not", () => {
    expect(knownLimitation(finding([v("body", "type")]), binaryBody, true)).toMatch(/binary or text request body/);
    expect(knownLimitation(finding([v("body", "type")]), operation, true)).toBeUndefined();
  });

  it("*/* answered as text is Prism's (a problem without a list)", () => {
    expect(
      knownLimitation(finding([], "Cannot serialise complex objects as text: Cannot serialise complex objects as text"), operation, true),
    ).toMatch(/\*\/\*/);
    expect(knownLimitation(finding([], "Route not resolved, no path matched"), operation, true)).toBeUndefined();
  });

  it("json-schema-faker's crash cleaning up an array is Prism's; another TypeError is not", () => {
    const crash =
      "TypeError: Cannot read properties of undefined (reading 'items')\n    at shouldClean (node_modules/json-schema-faker/dist/main.cjs:1339:19)";
    expect(knownLimitation(finding([], crash), operation, true)).toMatch(/crashed cleaning up an array/);
    expect(
      knownLimitation(finding([], "TypeError: Cannot read properties of undefined (reading 'name')"), operation, true),
    ).toBeUndefined();
  });

  it("an optional deepObject query parameter read as an empty object is Prism's; a required one, or another style, is not", () => {
    const withQuery = (required: boolean, style: string) =>
      ({
        operationId: "list",
        paramsIn: { query: [{ name: "automatic_tax", required, serialization: { style } }] },
      }) as unknown as OperationIr;
    const missing = finding([v("request.query.automatic_tax", "required", "must have required property 'enabled'")]);
    expect(knownLimitation(missing, withQuery(false, "deepObject"), true)).toMatch(/optional deepObject query parameter/);
    expect(knownLimitation(missing, withQuery(true, "deepObject"), true)).toBeUndefined();
    expect(knownLimitation(missing, withQuery(false, "form"), true)).toBeUndefined();
  });

  it("a deepObject form field read as an empty object is Prism's; a field without that style is not", () => {
    const withField = (style: string) =>
      ({
        operationId: "upload",
        paramsIn: { query: [] },
        body: { fieldEncodings: [{ name: "link", serialization: { style } }] },
      }) as unknown as OperationIr;
    const missing = finding([v("body.link", "required", "Request body property link must have required property 'create'")]);
    expect(knownLimitation(missing, withField("deepObject"), true)).toMatch(/optional deepObject form field/);
    expect(knownLimitation(missing, withField("form"), true)).toBeUndefined();
    expect(knownLimitation(missing, operation, true)).toBeUndefined();
    const nested = finding([
      v("request.body.link.expiry", "required", "Request body property link.expiry must have required property 'at'"),
    ]);
    expect(knownLimitation(nested, withField("deepObject"), true)).toMatch(/optional deepObject form field/);
    const array = finding([
      v("request", "415", "Cannot deserialize JSON object array in form data request body. Make sure the array is in JSON"),
    ]);
    expect(knownLimitation(array, withField("deepObject"), true)).toMatch(/array of objects in a form body only as JSON text/);
    expect(knownLimitation(array, withField("form"), true)).toBeUndefined();
  });

  it("one violation that is not a known limitation keeps the whole finding a violation", () => {
    expect(knownLimitation(finding([v("response.body", "oneOf"), v("request.query.limit", "maximum")]), operation, true)).toBeUndefined();
    expect(knownLimitation(finding([v("response.body.x", "type")]), operation, true)).toBeUndefined();
  });

  it("against a real server nothing is excused", () => {
    expect(knownLimitation(finding([v("response.body", "oneOf")]), operation, false)).toBeUndefined();
  });

  it("an array or object part of a multipart body is Prism's; a scalar part's type error, or a JSON body's, is not", () => {
    const arrayPart = v("body.filename", "type", "Request body property filename must be array");
    expect(knownLimitation(finding([arrayPart]), multipartBody, true)).toMatch(/multipart or form body as one string/);
    expect(knownLimitation(finding([arrayPart]), operation, true)).toBeUndefined();
    expect(knownLimitation(finding([v("body.size", "type", "must be integer")]), multipartBody, true)).toBeUndefined();
  });
});

describe("generatorKeywordProperties", () => {
  // Kubernetes' shape: the response reaches, through $refs and array items, a column that declares
  // `jsonPath` and a recursive schema-of-schemas that declares `not` and `definitions`.
  const document = {
    components: {
      schemas: {
        List: { type: "object", properties: { items: { type: "array", items: { $ref: "#/components/schemas/Column" } } } },
        Column: { type: "object", properties: { name: { type: "string" }, jsonPath: { type: "string" } } },
        Props: {
          type: "object",
          properties: {
            not: { $ref: "#/components/schemas/Props" },
            definitions: { additionalProperties: { $ref: "#/components/schemas/Props" } },
          },
        },
        Holder: { allOf: [{ $ref: "#/components/schemas/Props" }] },
        Plain: { type: "object", properties: { type: { type: "string" }, path: { type: "string" } } },
      },
    },
  };

  it("finds the names through $refs, items and compositions, and not in a schema without them", () => {
    expect(generatorKeywordProperties(document, ["#/components/schemas/List"])).toEqual(["jsonPath"]);
    expect(generatorKeywordProperties(document, ["#/components/schemas/Holder"])).toEqual(["definitions", "not"]);
    expect(generatorKeywordProperties(document, ["#/components/schemas/Plain"])).toEqual([]);
  });

  it("excuses a response type error only for an operation whose responses declare such a property", () => {
    const typeError = finding([v("response.body.items.0.name", "type", "must be string")]);
    expect(knownLimitation(typeError, operation, true, { generatorKeywordProperties: ["jsonPath"] })).toMatch(/`jsonPath`/);
    expect(knownLimitation(typeError, operation, true, {})).toBeUndefined();
    expect(
      knownLimitation(finding([v("body.name", "type")]), operation, true, { generatorKeywordProperties: ["jsonPath"] }),
    ).toBeUndefined();
    expect(knownLimitation(typeError, operation, false, { generatorKeywordProperties: ["jsonPath"] })).toBeUndefined();
  });
});

describe("ambiguousOneOfReason", () => {
  it("excuses a request oneOf (and what fails under it) only for a call whose arguments hold an ambiguous oneOf", () => {
    const items = [v("body.config", "oneOf"), v("body.config.a", "type")];
    expect(ambiguousOneOfReason(finding(items), ["overlap"])).toMatch(/members overlap/);
    expect(ambiguousOneOfReason(finding(items), ["discriminator"])).toMatch(/without its discriminator/);
    expect(ambiguousOneOfReason(finding(items), undefined)).toBeUndefined();
    expect(ambiguousOneOfReason(finding([...items, v("query.limit", "maximum")]), ["overlap"])).toBeUndefined();
    expect(ambiguousOneOfReason(finding([v("response.body", "oneOf")]), ["overlap"])).toBeUndefined();
  });
});
