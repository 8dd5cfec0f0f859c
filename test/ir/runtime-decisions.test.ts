/** What build-ir decides for the runtime: writeOnly fields, iterators, reserved names. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../scripts/load/load.js";
import { buildIr } from "../../scripts/ir/build.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { irOf, minimalSpec, op, warningsOf } from "../support/spec.js";

const jsonBody = (schema: object) => ({ requestBody: { required: true, content: { "application/json": { schema } } } });

async function secretFieldsOf(schema: object, schemas: Record<string, unknown> = {}) {
  const ir = await irOf(minimalSpec({ paths: { "/a": { post: op("a", jsonBody(schema)) } }, components: { schemas } }));
  return ir.operations[0]!.body!.secretFields;
}

describe("secretFields: the request body's writeOnly properties", () => {
  it("are read from the spec of the API: five secrets of the credentials", async () => {
    const ir = buildIr(await loadSpec(path.join(REPO_ROOT, "spec", "openapi.yaml")));
    const byMethod = Object.fromEntries(ir.operations.map((o) => [o.methodName, o.body?.secretFields]));
    expect(byMethod.addCredential).toEqual(["account_key", "external_id", "key_text", "sas_token", "secret_access_key"]);
    expect(byMethod.updateCredential).toEqual(byMethod.addCredential);
    expect(byMethod.getCredential).toBeUndefined();
  });

  const table: [string, object, Record<string, unknown>, string[]][] = [
    ["direct properties", { type: "object", properties: { a: { type: "string", writeOnly: true }, b: { type: "string" } } }, {}, ["a"]],
    ["none", { type: "object", properties: { b: { type: "string", readOnly: true } } }, {}, []],
    [
      "through $ref",
      { $ref: "#/components/schemas/S" },
      { S: { type: "object", properties: { pw: { type: "string", writeOnly: true } } } },
      ["pw"],
    ],
    [
      "a $ref'd property marked writeOnly",
      { type: "object", properties: { key: { $ref: "#/components/schemas/K" } } },
      { K: { type: "string", writeOnly: true } },
      ["key"],
    ],
    [
      "writeOnly beside a $ref (3.1)",
      { type: "object", properties: { key: { $ref: "#/components/schemas/K", writeOnly: true } } },
      { K: { type: "string" } },
      ["key"],
    ],
    [
      "allOf, oneOf and anyOf",
      {
        allOf: [{ type: "object", properties: { a: { type: "string", writeOnly: true } } }],
        oneOf: [{ properties: { b: { writeOnly: true } } }],
        anyOf: [{ properties: { c: { writeOnly: true } } }],
      },
      {},
      ["a", "b", "c"],
    ],
    [
      "an allOf part of a property",
      { type: "object", properties: { t: { allOf: [{ $ref: "#/components/schemas/T" }] } } },
      { T: { type: "string", writeOnly: true } },
      ["t"],
    ],
    [
      "nested objects, arrays and maps",
      {
        type: "object",
        properties: {
          list: { type: "array", items: { properties: { x: { writeOnly: true } } } },
          map: { type: "object", additionalProperties: { properties: { y: { writeOnly: true } } } },
        },
      },
      {},
      ["x", "y"],
    ],
    [
      "a circular schema",
      { $ref: "#/components/schemas/Node" },
      {
        Node: {
          type: "object",
          properties: {
            token: { type: "string", writeOnly: true },
            children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          },
        },
      },
      ["token"],
    ],
  ];
  it.each(table)("%s", async (_, schema, schemas, want) => {
    expect(await secretFieldsOf(schema, schemas)).toEqual(want);
  });
});

const paged = (operationId: string) =>
  op(operationId, {
    parameters: [
      { name: "page", in: "query", schema: { type: "integer" } },
      { name: "per_page", in: "query", schema: { type: "integer" } },
    ],
    responses: {
      "200": {
        description: "ok",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                items: { type: "array", items: { type: "string" } },
                meta: { type: "object", properties: { totalPages: { type: "integer" } } },
              },
            },
          },
        },
      },
    },
  });

describe("iterators of paginated operations", () => {
  it("are named after the method, and the class knows it has one", async () => {
    const ir = await irOf(
      minimalSpec({ paths: { "/items": { get: paged("listItems") }, "/other": { get: op("other", { tags: ["other"] }) } } }),
    );
    const list = ir.operations.find((o) => o.methodName === "listItems")!;
    expect(list.pagination).toMatchObject({
      iteratorName: "listItemsIterator",
      itemsProperty: "items",
      metadataProperty: "meta",
      totalPagesProperty: "totalPages",
    });
    expect(ir.apis.map((a) => [a.className, a.paginated])).toEqual([
      ["DefaultApi", true],
      ["OtherApi", false],
    ]);
  });

  it("cannot clash with another operation's method: the iterator is numbered", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({ paths: { "/items": { get: paged("listItems") }, "/it": { get: op("listItemsIterator") } } }),
    );
    const warning = warnings.find((i) => i.code === "operation-name-collision");
    expect(warning!.message).toMatch(/listItemsIterator/);
    expect(ir.operations.find((o) => o.methodName === "listItems")!.pagination!.iteratorName).toBe("listItemsIterator2");
  });

  it("claim the exported item type name: the operation's aliases are numbered together", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({ paths: { "/items": { get: paged("listItems") } }, components: { schemas: { ListItemsItem: { type: "string" } } } }),
    );
    expect(warnings.map((i) => i.code)).toContain("exported-name-collision");
    expect(ir.operations[0]!.typePrefix).toBe("ListItems2");
  });
});

describe("client options the runtime owns", () => {
  it("cannot become credential options: the credential's is numbered", async () => {
    const { ir, warnings: issues } = await warningsOf(
      minimalSpec({
        components: {
          securitySchemes: { logger: { type: "apiKey", in: "header", name: "X-A" }, other: { type: "apiKey", in: "header", name: "X-B" } },
        },
        paths: { "/a": { get: op("a") } },
      }),
    );
    const issue = issues.find((i) => i.code === "config-name-conflict");
    expect(issue?.message).toMatch(/`logger`/);
    expect(issue?.pointer).toBe("#/components/securitySchemes/logger");
    expect(ir.configFields.map((f) => f.name)).toEqual(["logger2", "other"]);
  });

  it("are reserved as exported names", async () => {
    for (const name of ["ApiConnectionError", "ApiTimeoutError", "Logger"]) {
      const { ir, warnings } = await warningsOf(
        minimalSpec({ paths: { "/a": { get: op("a") } }, components: { schemas: { [name]: { type: "object" } } } }),
      );
      expect(warnings.map((i) => i.code)).toContain("reserved-model-name");
      expect(ir.models[0]!.typeName).toBe(`${name}Model`);
    }
  });
});
