/**
 * Whether a spec's example can be a TypeScript literal of its schema's printed type (the docs then
 * use it), and what the docs show when it cannot: a value made from the schema.
 */
import { describe, expect, it } from "vitest";
import { exampleFits } from "../../scripts/ir/example-fit.js";
import { exampleValue, specExample } from "../../scripts/ir/examples.js";

const document = {
  components: {
    schemas: {
      Base: { type: "object", required: ["name"], properties: { name: { type: "string" }, id: { type: "string", readOnly: true } } },
      Tagged: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", properties: { tags: { type: "array", items: { type: "string" } } } },
        ],
      },
      Either: {
        oneOf: [
          { type: "object", required: ["kind"], properties: { kind: { const: "a" }, a: { type: "integer" } } },
          { type: "object", required: ["kind"], properties: { kind: { const: "b" }, b: { type: "string" } } },
        ],
      },
      Open: { type: "object", properties: { x: { type: "string" } }, additionalProperties: { type: "number" } },
      Env: { type: "string", enum: ["production", "preview"] },
      Maybe: { type: "string", nullable: true },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("an example fits its schema's type", () => {
  it.each([
    ["a string for a string", ref("Maybe"), "x", true],
    ["null where nullable", ref("Maybe"), null, true],
    ["a number for a string", ref("Maybe"), 1, false],
    ["an enum value", ref("Env"), "preview", true],
    ["a value outside the enum", ref("Env"), "staging", false],
    ["an object with its required property", ref("Base"), { name: "n" }, true],
    ["an object without its required property", ref("Base"), {}, false],
    ["a property the type does not declare (excess property check)", ref("Base"), { name: "n", extra: 1 }, false],
    ["properties of every part of an allOf", ref("Tagged"), { name: "n", tags: ["t"] }, true],
    ["a property no part of the allOf declares", ref("Tagged"), { name: "n", color: "red" }, false],
    ["an item of the wrong type", ref("Tagged"), { name: "n", tags: [1] }, false],
    ["one member of a oneOf", ref("Either"), { kind: "b", b: "x" }, true],
    ["no member of a oneOf", ref("Either"), { kind: "c" }, false],
    ["more properties where additionalProperties allows them", ref("Open"), { x: "s", y: 2 }, true],
    ["an additional property of the wrong type", ref("Open"), { x: "s", y: "2" }, false],
    ["any value for the schema false", { type: "object", properties: { no: false } }, { no: null }, false],
    // openapi-typescript prints `type: object` alone as Record<string, never>, which closes an intersection too.
    ["a property where the type is an object without properties", { type: "object" }, { a: 1 }, false],
    ["an empty object there", { type: "object" }, {}, true],
    ["a property in an allOf with such a part", { allOf: [ref("Base"), { type: "object", required: ["name"] }] }, { name: "n" }, false],
  ])("%s", (_what, schema, value, want) => {
    expect(exampleFits(document, schema, value, false)).toBe(want);
  });

  it("a readOnly property cannot be given in a body (its write view types it undefined), and need not be", () => {
    expect(exampleFits(document, ref("Base"), { name: "n", id: "i" }, false)).toBe(true);
    expect(exampleFits(document, ref("Base"), { name: "n", id: "i" }, true)).toBe(false);
    expect(exampleFits(document, ref("Base"), { name: "n" }, true)).toBe(true);
  });
});

describe("discriminators, as openapi-typescript narrows them", () => {
  const pets = {
    components: {
      schemas: {
        Pet: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: { propertyName: "kind", mapping: { "a cat": "#/components/schemas/Cat" } },
        },
        Cat: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, meows: { type: "boolean" } } },
        Dog: { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
      },
    },
  };

  it("a member's example gives its mapping key, else its schema name", () => {
    expect(exampleValue(pets, { $ref: "#/components/schemas/Pet" }, true)).toEqual({ kind: "a cat", meows: true });
    expect(exampleValue(pets, { $ref: "#/components/schemas/Dog" }, true)).toEqual({ kind: "Dog" });
  });

  it("a spec example with another value of the property does not fit", () => {
    expect(exampleFits(pets, { $ref: "#/components/schemas/Cat" }, { kind: "cat" }, true)).toBe(false);
    expect(exampleFits(pets, { $ref: "#/components/schemas/Cat" }, { kind: "a cat" }, true)).toBe(true);
  });
});

describe("the docs' example value", () => {
  it("of an allOf that wraps an enum is the enum's value", () => {
    expect(exampleValue(document, { allOf: [ref("Env")], description: "where" }, false)).toBe("production");
  });

  it("is the spec's example when it fits, else one made from the schema", () => {
    expect(specExample(document, ref("Env"), ["preview"], false)).toBe("preview");
    expect(specExample(document, ref("Env"), ["staging", undefined], false)).toBe("production");
    expect(specExample(document, ref("Base"), [{ name: "n", id: "i" }], true)).toEqual({ name: "string" });
  });

  it("fills what an enclosing allOf requires, and leaves readOnly properties out", () => {
    const body = { allOf: [ref("Tagged")], required: ["tags"] };
    expect(exampleValue(document, body, true)).toEqual({ name: "string", tags: ["string"] });
  });

  it("of a union is the first member's value that fits the union's type", () => {
    const union = { anyOf: [{ allOf: [ref("Base"), { type: "object" }] }, ref("Base")] };
    expect(exampleValue(document, union, true)).toEqual({ name: "string" });
    expect(exampleFits(document, union, { name: "string" }, true)).toBe(true);
  });

  it("leaves out a property whose schema is false, and a default that does not fit", () => {
    const schema = { type: "object", properties: { additionalProperties: false, role: { type: "string", default: ["A", "B"] } } };
    expect(exampleValue(document, schema, true)).toEqual({ role: "string" });
  });

  it("skips a nested example that does not fit", () => {
    const schema = { type: "object", required: ["env"], properties: { env: { ...document.components.schemas.Env, example: "staging" } } };
    expect(exampleValue(document, schema, true)).toEqual({ env: "production" });
  });
});
