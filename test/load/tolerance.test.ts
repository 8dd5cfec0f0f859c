/**
 * What loading decides instead of refusing: each case one tiny spec, the warning it gives (code,
 * pointer) and what the later stages then read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../scripts/load/load.js";
import { buildIr } from "../../scripts/ir/build.js";
import { runCli, tsc } from "../support/run.js";
import { minimalSpec, op, warningsOf, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ok = (schema: object) => ({ responses: { "200": { description: "ok", ...json(schema) } } });
const codes = (warnings: { code: string; pointer?: string }[]) => warnings.map((w) => `${w.code} ${w.pointer ?? ""}`.trim());

describe("versions and encodings", () => {
  it("a UTF-8 byte order mark before JSON is skipped", async () => {
    const file = writeSpec(`\uFEFF${JSON.stringify(minimalSpec({ paths: { "/a": { get: op("a") } } }))}`, "openapi.json");
    const ir = buildIr(await loadSpec(file));
    expect(ir.operations.map((o) => o.methodName)).toEqual(["a"]);
    expect(ir.warnings).toEqual([]);
  });

  it.each([
    ["3.0.0-RC1", "3.0.0"],
    ["3.1", "3.1.0"],
    ["3.0.3 ", "3.0.3"],
  ])("openapi %j is read as %s, warned", async (given, want) => {
    const { ir, warnings } = await warningsOf(minimalSpec({ openapi: given, paths: { "/a": { get: op("a") } } }));
    expect(codes(warnings)).toEqual(["openapi-version-format #/openapi"]);
    expect(ir.openapiVersion).toBe(want);
  });
});

describe("schemas", () => {
  it("nullable in a 3.1 document is honoured, warned", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({
        paths: { "/a": { get: op("a") } },
        components: { schemas: { P: { type: "object", properties: { n: { type: "string", nullable: true } } } } },
      }),
    );
    expect(codes(warnings)).toEqual(["nullable-in-3.1 #/components/schemas/P/properties/n/nullable"]);
    expect(ir.models[0]!.properties[0]!.nullable).toBe(true);
  });

  it("enum values that do not match the type are kept, warned", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({ paths: { "/a": { get: op("a") } }, components: { schemas: { E: { type: "string", enum: ["a", 1] } } } }),
    );
    expect(codes(warnings)).toEqual(["enum-type-mismatch #/components/schemas/E/enum/1"]);
    expect(ir.models[0]!.enumValues.map((v) => v.value)).toEqual(['"a"', "1"]);
  });

  it("`type: null` in 3.0 is read as the value null; `schema: null` as any value", async () => {
    const { ir, warnings } = await warningsOf({
      openapi: "3.0.3",
      info: { title: "T", version: "1.0.0" },
      paths: {
        "/a": { get: { operationId: "a", responses: { "200": { description: "ok", content: { "application/json": { schema: null } } } } } },
      },
      components: { schemas: { N: { anyOf: [{ type: "string" }, { type: "null" }] } } },
    });
    expect(codes(warnings)).toEqual([
      "invalid-structure #/paths/~1a/get/responses/200/content/application~1json/schema",
      "invalid-structure #/components/schemas/N/anyOf/1/type",
    ]);
    expect(ir.models[0]!.nullable).toBe(true);
    expect(ir.operations[0]!.responses[0]!.typeLabel?.text).toBe("any");
  });

  it("names every keyword the types ignore or approximate, where it is written (a property named `not` is a name)", async () => {
    const { warnings } = await warningsOf(
      minimalSpec({
        paths: { "/a": { get: op("a") } },
        components: {
          schemas: {
            S: {
              type: "object",
              xml: { name: "s" },
              properties: { not: { type: "string" }, code: { type: "string", not: { const: "x" } } },
              patternProperties: { "^x-": { type: "string" } },
              if: { required: ["a"] },
              then: { required: ["b"] },
            },
          },
        },
      }),
    );
    // Sorted by line, as printed.
    expect(codes(warnings).sort()).toEqual([
      "approximated-keyword #/components/schemas/S/patternProperties",
      "ignored-keyword #/components/schemas/S/if",
      "ignored-keyword #/components/schemas/S/properties/code/not",
      "ignored-keyword #/components/schemas/S/xml",
    ]);
  });
});

describe("references", () => {
  it("a $ref to nothing is read as any value, warned where it is written", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({ paths: { "/a": { get: { operationId: "a", ...ok({ $ref: "#/components/schemas/Nope" }) } } } }),
    );
    expect(codes(warnings)).toEqual(["unresolved-ref #/paths/~1a/get/responses/200/content/application~1json/schema"]);
    expect(ir.operations[0]!.responses[0]!.typeLabel?.text).toBe("any");
  });

  it("a discriminator mapping by schema name is resolved; one to nothing is left out, warned", async () => {
    const spec = minimalSpec({
      paths: { "/a": { get: { operationId: "a", ...ok({ $ref: "#/components/schemas/Pet" }) } } },
      components: {
        schemas: {
          Pet: {
            oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
            discriminator: { propertyName: "kind", mapping: { cat: "Cat", dog: "#/components/schemas/Dog", fish: "models/fish.yml" } },
          },
          Cat: { type: "object", properties: { kind: { type: "string" } } },
          Dog: { type: "object", properties: { kind: { type: "string" } } },
        },
      },
    });
    const spec2 = await loadSpec(writeSpec(spec));
    expect(spec2.document.components.schemas.Pet.discriminator.mapping).toEqual({
      cat: "#/components/schemas/Cat",
      dog: "#/components/schemas/Dog",
    });
    expect(codes(spec2.warnings)).toEqual(["unresolved-discriminator-mapping #/components/schemas/Pet/discriminator/mapping/fish"]);
  });

  it("a discriminator on an inline allOf part with no alternatives is ignored, warned: the property keeps its type", async () => {
    const body = {
      anyOf: [
        {
          allOf: [
            {
              type: "object",
              required: ["type"],
              properties: { type: { type: "string", enum: ["assign", "unassign"] } },
              discriminator: { propertyName: "type" },
            },
            { type: "object", properties: { droplet_id: { type: "integer" } } },
          ],
        },
      ],
    };
    const file = writeSpec(
      minimalSpec({
        paths: { "/a": { post: { operationId: "a", requestBody: { content: { "application/json": { schema: body } } }, ...ok({}) } } },
      }),
    );
    const loaded = await loadSpec(file);
    expect(codes(loaded.warnings)).toEqual([
      "ignored-keyword #/paths/~1a/post/requestBody/content/application~1json/schema/anyOf/0/allOf/0/discriminator",
    ]);
    const out = path.join(tempDir("tolerance"), "out");
    const run = await runCli(["-q", "--spec", file, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    // openapi-typescript printed `Omit<{ type: ... }, "type">` before: no value of `type` was accepted.
    expect(readFileSync(path.join(out, "client/src/schema.ts"), "utf8")).not.toContain('"type">');
  });

  it("a $ref openapi-typescript cannot name (another operation's body or parameter, an array's items) is a copy of its target; the client compiles", async () => {
    const problem = { type: "object", required: ["message"], properties: { message: { type: "string" } } };
    const file = writeSpec(
      minimalSpec({
        paths: {
          "/a": { get: { operationId: "a", ...ok(problem) } },
          // As Redocly bundles a file two operations use: the second refers into the first.
          "/b": { get: { operationId: "b", ...ok({ $ref: "#/paths/~1a/get/responses/200/content/application~1json/schema" }) } },
          "/c": { get: { operationId: "c", ...ok({ $ref: "#/components/schemas/List/items" }) } },
          "/d": { get: { operationId: "d", ...ok({ $ref: "#/components/schemas/Item/properties/name" }) } },
          // A parameter of another operation: `paths["/e"]["get"]["parameters"]["query"]["page"]`, `query` optional.
          "/e": { get: { operationId: "e", parameters: [{ name: "page", in: "query", schema: { type: "integer" } }], ...ok({}) } },
          "/f": { get: { operationId: "f", parameters: [{ $ref: "#/paths/~1e/get/parameters/0" }], ...ok({}) } },
        },
        components: {
          schemas: {
            List: { type: "array", items: { $ref: "#/components/schemas/Item" } },
            Item: { type: "object", properties: { name: { type: "string" } } },
          },
        },
      }),
    );
    const loaded = await loadSpec(file);
    expect(loaded.warnings).toEqual([]);
    const schemaOf = (path: string) => loaded.document.paths[path].get.responses["200"].content["application/json"].schema;
    expect(schemaOf("/b")).toEqual(problem);
    expect(schemaOf("/c")).toEqual({ $ref: "#/components/schemas/Item" });
    // A property of a component schema is printable (openapi-typescript skips `properties`): kept.
    expect(schemaOf("/d")).toEqual({ $ref: "#/components/schemas/Item/properties/name" });
    expect(loaded.document.paths["/f"].get.parameters).toEqual([{ name: "page", in: "query", schema: { type: "integer" } }]);
    const out = path.join(tempDir("tolerance"), "out");
    const run = await runCli(["-q", "--spec", file, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    const compiled = tsc(path.join(out, "client"));
    expect(compiled.output).toBe("");
    expect(readFileSync(path.join(out, "client/src/schema.ts"), "utf8")).not.toMatch(/\["schema"\]|\["items"\]/);
  });
});

describe("servers", () => {
  it("variables take their defaults in the base URL, and are listed", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({
        servers: [
          { url: "https://{region}.api.test/{v}", variables: { region: { default: "eu", enum: ["eu", "us"] }, v: { default: "v1" } } },
        ],
        paths: { "/a": { get: op("a") } },
      }),
    );
    expect(warnings).toEqual([]);
    expect(ir.defaultBaseUrl).toBe("https://eu.api.test/v1");
    expect(ir.servers[0]!.variables).toEqual([
      { name: "region", default: "eu", enum: ["eu", "us"] },
      { name: "v", default: "v1", enum: [] },
    ]);
  });

  it("a protocol-relative server takes https; a path's servers are ignored (warned) unless the root lists them", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({
        servers: [{ url: "//api.test/v1" }],
        paths: {
          "/a": { servers: [{ url: "https://api.test/v1/" }], get: op("a") },
          "/b": { get: op("b", { servers: [{ url: "https://uploads.api.test" }] }) },
        },
      }),
    );
    expect(ir.defaultBaseUrl).toBe("https://api.test/v1");
    expect(codes(warnings)).toEqual(["ignored-keyword #/paths/~1b/get/servers"]);
  });
});

describe("bodies", () => {
  it("a body offered as */* is sent as JSON, without a warning", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({ paths: { "/a": { post: op("a", { requestBody: { content: { "*/*": { schema: { type: "object" } } } } }) } } }),
    );
    expect(warnings).toEqual([]);
    expect(ir.operations[0]!.body).toMatchObject({ mediaType: "*/*", encoding: "json" });
    expect(ir.operations[0]!.body!.contentType).toBeUndefined();
  });
});
