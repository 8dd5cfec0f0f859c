/** The values verify sends, made from schemas: one given/want row per rule, then properties of patterns and bounds. */
import { describe, expect, it } from "vitest";
import { ValueSynthesizer, type Schema } from "../../scripts/verify/values.js";

const document = {
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["name"],
        properties: { id: { type: "integer", readOnly: true }, name: { type: "string" }, tag: { type: "string" } },
      },
      Node: {
        type: "object",
        required: ["value"],
        properties: { value: { type: "integer" }, next: { $ref: "#/components/schemas/Node" } },
      },
      Cat: { type: "object", required: ["kind", "claws"], properties: { kind: { type: "string" }, claws: { type: "boolean" } } },
      Dog: {
        type: "object",
        required: ["kind", "bark"],
        properties: { kind: { type: "string" }, bark: { type: "string" } },
        additionalProperties: false,
      },
    },
  },
};
const values = new ValueSynthesizer(document);
const required = (schema: Schema) => values.value(schema, { fill: "required" });
const full = (schema: Schema) => values.value(schema, { fill: "full" });

describe("values from schemas", () => {
  it.each([
    { given: { type: "string" }, want: "verify" },
    { given: { type: "string", minLength: 10 }, want: "verifyxxxx" },
    { given: { type: "string", maxLength: 3 }, want: "ver" },
    { given: { type: "string", format: "date-time" }, want: "2024-01-02T03:04:05Z" },
    { given: { type: "string", format: "date" }, want: "2024-01-02" },
    { given: { type: "string", format: "email" }, want: "verify@example.com" },
    { given: { type: "string", format: "uuid" }, want: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" },
    { given: { type: "string", format: "uri" }, want: "https://example.com/verify" },
    { given: { type: "string", format: "ipv4" }, want: "192.0.2.1" },
    { given: { type: "string", format: "byte" }, want: "dmVyaWZ5" },
    { given: { type: "string", enum: ["b", "a"] }, want: "b" },
    { given: { type: ["null", "string"], enum: [null, "x"] }, want: "x" },
    { given: { const: 42 }, want: 42 },
    { given: { type: "integer" }, want: 1 },
    { given: { type: "integer", minimum: 5 }, want: 5 },
    { given: { type: "integer", minimum: 5, exclusiveMinimum: true }, want: 6 },
    { given: { type: "integer", exclusiveMinimum: 5 }, want: 6 },
    { given: { type: "integer", maximum: -3 }, want: -3 },
    { given: { type: "integer", minimum: 10, multipleOf: 7 }, want: 14 },
    { given: { type: "number", minimum: 0.5, maximum: 0.75 }, want: 0.5 },
    { given: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }, want: 0.5 },
    { given: { type: "boolean" }, want: true },
    { given: { type: ["string", "null"] }, want: "verify" },
    { given: { type: "array", items: { type: "integer" } }, want: [1] },
    { given: { type: "array", items: { type: "string", enum: ["x", "y", "z"] }, minItems: 2, uniqueItems: true }, want: ["x", "y"] },
    { given: { type: "array", items: { type: "integer" }, maxItems: 0 }, want: [] },
    { given: { $ref: "#/components/schemas/Pet" }, want: { name: "verify" } },
    { given: { allOf: [{ $ref: "#/components/schemas/Pet" }, { required: ["tag"] }] }, want: { name: "verify", tag: "verify" } },
    { given: { type: "object", additionalProperties: { type: "integer" }, minProperties: 1 }, want: { verify0: 1 } },
    { given: { type: "object", required: ["a"] }, want: { a: "verify" } },
  ])("required fill of $given is $want", ({ given, want }) => {
    expect(required(given)).toEqual(want);
  });

  it("the full fill adds every optional property, never a readOnly one", () => {
    expect(full({ $ref: "#/components/schemas/Pet" })).toEqual({ name: "verify", tag: "verify" });
  });

  it("the full fill respects maxProperties (required properties first)", () => {
    const schema = { type: "object", maxProperties: 1, properties: { a: { type: "string" }, b: { type: "string" } }, required: ["b"] };
    expect(full(schema)).toEqual({ b: "verify" });
  });

  it("a recursive schema stops where recursion is optional", () => {
    expect(full({ $ref: "#/components/schemas/Node" })).toEqual({ value: 1 });
  });

  it("oneOf: the first member whose value no other member accepts, with its discriminator value", () => {
    const schema = {
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
    };
    expect(required(schema)).toEqual({ kind: "cat", claws: true });
    // A Dog value fits Dog only (additionalProperties: false), a Cat value fits Cat only.
    const ambiguous = { oneOf: [{ type: "object" }, { type: "object", required: ["x"], properties: { x: { type: "integer" } } }] };
    expect(required(ambiguous)).toEqual({});
  });

  it("siblings of a $ref (OpenAPI 3.1) are kept", () => {
    expect(required({ $ref: "#/components/schemas/Pet", required: ["name", "tag"] })).toEqual({ name: "verify", tag: "verify" });
  });

  it.each([
    "^[A-Z]{3}-\\d{4}$",
    "^[a-z0-9]+(-[a-z0-9]+)*$",
    "^\\+?[1-9]\\d{1,14}$",
    "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
    "^v\\d+\\.\\d+\\.\\d+$",
    "^[\\p{L} ]+$",
  ])("a string for the pattern %s matches it, the same on every run", (pattern) => {
    const value = required({ type: "string", pattern });
    expect(value).toMatch(new RegExp(pattern, "u"));
    expect(required({ type: "string", pattern })).toBe(value);
  });

  it("a pattern whose lookahead randexp ignores: a value that does not match is not kept", () => {
    expect(required({ type: "string", pattern: "^(?=.*[0-9])(?=.*[A-Z])[a-zA-Z0-9]{8}$" })).toMatch(
      /^(?=.*[0-9])(?=.*[A-Z])[a-zA-Z0-9]{8}$|^verify$/,
    );
  });

  it("a pattern with length bounds gives a string within them", () => {
    const value = required({ type: "string", pattern: "^[a-z]+$", minLength: 3, maxLength: 5 }) as string;
    expect(value).toMatch(/^[a-z]{3,5}$/);
  });

  it("a pattern JavaScript cannot read falls back to a plain string (Prism then reports what is wrong)", () => {
    expect(required({ type: "string", pattern: "(unclosed" })).toBe("verify");
  });
});
