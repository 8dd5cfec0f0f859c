/** Every decision of build-ir, one tiny spec per behaviour. */
import { describe, expect, it } from "vitest";
import type { ApiIr } from "../../scripts/ir/types.js";
import { irOf, issuesOf, minimalSpec, op, warningsOf } from "../support/spec.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });

describe("API classes", () => {
  it("makes one class per tag, sorted, and puts a multi-tag operation in each", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/b": { get: op("listBees", { tags: ["zoo", "bees"] }) },
          "/a": { get: op("listAnts", { tags: ["ants"] }) },
        },
      }),
    );
    expect(ir.apis.map((a) => [a.className, a.operations.map((o) => o.methodName)])).toEqual([
      ["AntsApi", ["listAnts"]],
      ["BeesApi", ["listBees"]],
      ["ZooApi", ["listBees"]],
    ]);
  });

  it("gives a spec without tags one DefaultApi class", async () => {
    const ir = await irOf(minimalSpec({ paths: { "/a": { get: op("a") }, "/b": { post: op("b") } } }));
    expect(ir.apis.map((a) => a.className)).toEqual(["DefaultApi"]);
    expect(ir.apis[0]!.operations.map((o) => o.methodName)).toEqual(["a", "b"]);
  });

  it("uses the tag's description for the class", async () => {
    const ir = await irOf(
      minimalSpec({ tags: [{ name: "pets", description: "All the pets." }], paths: { "/p": { get: op("p", { tags: ["pets"] }) } } }),
    );
    expect(ir.apis[0]).toMatchObject({ className: "PetsApi", description: "All the pets." });
  });
});

describe("method names", () => {
  const table: [string, string, string][] = [
    ["listCredentials", "listCredentials", "ListCredentials"],
    ["list_orders", "listOrders", "ListOrders"],
    ["get-order-by-id", "getOrderById", "GetOrderById"],
    ["Delete", "delete", "Delete"],
  ];
  it.each(table)("operationId %s → method %s, types %s*", async (operationId, methodName, typePrefix) => {
    const ir = await irOf(minimalSpec({ paths: { "/x": { get: op(operationId) } } }));
    expect(ir.operations[0]).toMatchObject({ methodName, typePrefix });
  });
});

describe("arguments", () => {
  it("puts path parameters in path order, then required others, then body; optional ones in options", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/orgs/{org}/items/{item_id}": {
            parameters: [{ name: "page", in: "query", schema: { type: "integer" } }],
            post: op("addItem", {
              parameters: [
                { name: "item_id", in: "path", required: true, schema: { type: "string" } },
                { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
                { name: "org", in: "path", required: true, schema: { type: "string" } },
                { name: "per_page", in: "query", schema: { type: "integer", default: 20 } },
              ],
              requestBody: { required: true, ...json({ $ref: "#/components/schemas/NewItem" }) },
            }),
          },
        },
        components: { schemas: { NewItem: { type: "object", properties: { name: { type: "string" } } } } },
      }),
    );
    const o = ir.operations[0]!;
    expect(o.positionalParams.map((p) => [p.name, p.in, p.bindingName])).toEqual([
      ["org", "path", "org"],
      ["item_id", "path", "itemId"],
      ["X-Trace", "header", "xTrace"],
    ]);
    expect(o.body).toMatchObject({ bindingName: "newItem", required: true, encoding: "json", mediaType: "application/json" });
    // A body is the write view: readOnly fields are never sent.
    expect(o.body!.schemaTypeExpr).toMatch(
      /^Writable<paths\["\/orgs\/\{org\}\/items\/\{item_id\}"\]\["post"\]\["requestBody"\]\["content"\]/,
    );
    // ... printed as the model's write view, which signatures name.
    expect(o.body).toMatchObject({ typeExpr: "NewItemInput", typeName: "NewItemInput" });
    // Path-level `page` reaches the operation (§4.8.9).
    expect(o.optionalParams.map((p) => [p.name, p.optionKey, p.defaultJson])).toEqual([
      ["page", "page", undefined],
      ["per_page", "perPage", "20"],
    ]);
    expect(o.paramsIn.query.map((p) => p.name)).toEqual(["page", "per_page"]);
  });

  it("lets an operation parameter override the path-level one of the same name and place", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
            get: op("x", { parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }] }),
          },
        },
      }),
    );
    expect(ir.operations[0]!.positionalParams.map((p) => p.name)).toEqual(["q"]);
    expect(ir.operations[0]!.optionalParams).toEqual([]);
  });

  it("renames locals that are reserved words, but keeps option keys", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            get: op("x", {
              parameters: [
                { name: "class", in: "query", required: true, schema: { type: "string" } },
                { name: "default", in: "query", schema: { type: "string" } },
              ],
            }),
          },
        },
      }),
    );
    const o = ir.operations[0]!;
    expect(o.positionalParams[0]).toMatchObject({ name: "class", bindingName: "class_" });
    expect(o.optionalParams[0]).toMatchObject({ name: "default", optionKey: "default", bindingName: "default_" });
  });

  it("names the body `body` when it is not a named model", async () => {
    const ir = await irOf(minimalSpec({ paths: { "/x": { post: op("x", { requestBody: json({ type: "object" }) }) } } }));
    expect(ir.operations[0]!.body).toMatchObject({ bindingName: "body", required: false });
  });
});

describe("request bodies", () => {
  const table: [string, string, string | undefined, string | undefined][] = [
    ["application/json", "json", undefined, undefined],
    ["application/merge-patch+json", "json", "application/merge-patch+json", undefined],
    ["application/x-www-form-urlencoded", "form", "application/x-www-form-urlencoded", "formBody"],
    ["multipart/form-data", "multipart", undefined, "multipartBody"],
    ["text/plain", "text", "text/plain", "textBody"],
    ["application/octet-stream", "binary", "application/octet-stream", "binaryBody"],
  ];
  it.each(table)("%s is sent as %s", async (mediaType, encoding, contentType, serializer) => {
    const ir = await irOf(
      minimalSpec({ paths: { "/x": { post: op("x", { requestBody: { content: { [mediaType]: { schema: { type: "object" } } } } }) } } }),
    );
    expect(ir.operations[0]!.body).toMatchObject({ mediaType, encoding });
    expect(ir.operations[0]!.body!.contentType).toBe(contentType);
    expect(ir.operations[0]!.body!.serializer).toBe(serializer);
    expect(ir.bodySerializers).toEqual(serializer ? [serializer] : []);
  });

  it("lists each body serializer once, sorted (only those are imported)", async () => {
    const body = (mediaType: string) => ({ requestBody: { content: { [mediaType]: { schema: { type: "object" } } } } });
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/a": { post: op("a", body("text/plain")), put: op("b", body("multipart/form-data")) },
          "/c": { post: op("c", body("text/plain")), put: op("d", body("application/json")) },
        },
      }),
    );
    expect(ir.bodySerializers).toEqual(["multipartBody", "textBody"]);
  });

  it("prefers JSON when several media types are offered", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": { post: op("x", { requestBody: { content: { "application/xml": { schema: {} }, "application/json": { schema: {} } } } }) },
        },
      }),
    );
    expect(ir.operations[0]!.body!.mediaType).toBe("application/json");
  });
});

describe("results and errors", () => {
  it("returns the 200 body and types the error by the default response", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            get: {
              operationId: "getX",
              responses: {
                "200": { description: "ok", ...json({ $ref: "#/components/schemas/Thing" }) },
                "502": { description: "Bad Gateway" },
                default: { description: "error", ...json({ $ref: "#/components/schemas/Problem" }) },
              },
            },
          },
        },
        components: { schemas: { Thing: { type: "object" }, Problem: { type: "object" } } },
      }),
    );
    const o = ir.operations[0]!;
    expect(o.resultIsVoid).toBe(false);
    expect(o.parseAs).toBe("json");
    // Results and errors are read views: writeOnly fields are never returned.
    expect(o.resultSchemaTypeExpr).toBe('Readable<paths["/x"]["get"]["responses"][200]["content"]["application/json"]>');
    expect(o.errorSchemaTypeExpr).toBe('Readable<paths["/x"]["get"]["responses"]["default"]["content"]["application/json"]>');
    // Printed with the models' names (the read view), which signatures use too.
    expect(o).toMatchObject({ resultTypeExpr: "Thing", resultTypeName: "Thing", errorTypeExpr: "Problem" });
    expect(o.responses.map((r) => [r.status, r.isSuccess, r.typeLabel?.text])).toEqual([
      ["200", true, "Thing"],
      ["502", false, undefined],
      ["default", false, "Problem"],
    ]);
  });

  it("resolves 204 to void", async () => {
    const ir = await irOf(
      minimalSpec({ paths: { "/x": { delete: { operationId: "del", responses: { "204": { description: "gone" } } } } } }),
    );
    expect(ir.operations[0]).toMatchObject({ resultIsVoid: true, resultTypeExpr: "void", errorTypeExpr: "unknown" });
  });

  it("adds undefined to the result when one success status has no body", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            put: {
              operationId: "put",
              responses: { "200": { description: "ok", ...json({ type: "string" }) }, "204": { description: "no change" } },
            },
          },
        },
      }),
    );
    expect(ir.operations[0]!.resultSchemaTypeExpr).toMatch(/ \| undefined>$/);
    expect(ir.operations[0]!.resultTypeExpr).toBe("string | undefined");
  });

  it("reads text/plain results as text", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            get: {
              operationId: "x",
              responses: { "200": { description: "ok", content: { "text/plain": { schema: { type: "string" } } } } },
            },
          },
        },
      }),
    );
    expect(ir.operations[0]!.parseAs).toBe("text");
  });
});

describe("security", () => {
  const schemes = {
    Key: { type: "apiKey", in: "header", name: "X-Key" },
    Basic: { type: "http", scheme: "basic" },
    Token: { type: "http", scheme: "bearer" },
  };

  it("maps each scheme to configuration options", async () => {
    const ir = await irOf(
      minimalSpec({ components: { securitySchemes: schemes }, security: [{ Key: [] }], paths: { "/x": { get: op("x") } } }),
    );
    expect(ir.securitySchemes.map((s) => [s.name, s.kind, s.configFields])).toEqual([
      ["Basic", "basic", ["username", "password"]],
      ["Key", "apiKey", ["apiKey"]],
      ["Token", "bearer", ["accessToken"]],
    ]);
    expect(ir.configFields.map((f) => [f.name, f.secret])).toEqual([
      ["username", false],
      ["password", true],
      ["apiKey", true],
      ["accessToken", true],
    ]);
  });

  it("names one option per key when there are several apiKey schemes", async () => {
    const ir = await irOf(
      minimalSpec({
        components: {
          securitySchemes: {
            HeaderKey: { type: "apiKey", in: "header", name: "X-Key" },
            QueryKey: { type: "apiKey", in: "query", name: "key" },
          },
        },
        paths: { "/x": { get: op("x") } },
      }),
    );
    expect(ir.securitySchemes.map((s) => s.configFields[0])).toEqual(["headerKey", "queryKey"]);
  });

  it("uses the operation's security over the document's; [] means none", async () => {
    const ir = await irOf(
      minimalSpec({
        components: { securitySchemes: schemes },
        security: [{ Key: [] }, { Basic: [] }],
        paths: {
          "/a": { get: op("a") },
          "/b": { get: op("b", { security: [] }) },
          "/c": { get: op("c", { security: [{ Key: [], Token: [] }] }) },
        },
      }),
    );
    expect(ir.operations.map((o) => [o.methodName, o.security])).toEqual([
      ["a", [["Key"], ["Basic"]]],
      ["b", []],
      ["c", [["Key", "Token"]]],
    ]);
  });
});

describe("servers", () => {
  const table: [unknown, string][] = [
    [undefined, "http://localhost"],
    [[{ url: "https://api.example.test/v1/" }], "https://api.example.test/v1"],
    [[{ url: "https://{region}.example.test", variables: { region: { default: "eu" } } }], "https://eu.example.test"],
    [[{ url: "/api" }], "http://localhost/api"],
  ];
  it.each(table)("servers %j → %s", async (servers, want) => {
    const ir = await irOf(minimalSpec({ ...(servers ? { servers } : {}), paths: { "/x": { get: op("x") } } }));
    expect(ir.defaultBaseUrl).toBe(want);
  });
});

describe("models", () => {
  it("classifies schemas and reads their notes", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: { "/x": { get: op("x") } },
        components: {
          schemas: {
            Color: { type: "string", enum: ["red", "green"], "x-enum-descriptions": ["warm", "cool"] },
            Pet: {
              type: "object",
              required: ["name"],
              properties: {
                id: { type: "string", readOnly: true },
                name: { type: "string" },
                secret: { type: "string", writeOnly: true },
                nick: { type: ["string", "null"] },
                color: { $ref: "#/components/schemas/Color", description: "Its colour" },
              },
              example: { id: "p1", name: "Rex" },
            },
            Animal: { oneOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] },
            Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { barks: { type: "boolean" } } }] },
            "weird-name": { type: "integer" },
            import: { type: "string" },
          },
        },
      }),
    );
    const byName = Object.fromEntries(ir.models.map((m) => [m.name, m]));
    expect(ir.models.map((m) => [m.name, m.typeName, m.kind])).toEqual([
      ["Animal", "Animal", "union"],
      ["Color", "Color", "enum"],
      ["Dog", "Dog", "intersection"],
      ["Pet", "Pet", "object"],
      ["import", "Import", "primitive"],
      ["weird-name", "WeirdName", "primitive"],
    ]);
    expect(byName.Color!.enumValues).toEqual([
      { value: '"red"', description: "warm" },
      { value: '"green"', description: "cool" },
    ]);
    expect(byName.Pet!.properties.map((p) => [p.name, p.required, p.readOnly, p.writeOnly, p.nullable, p.typeLabel.text])).toEqual([
      ["id", false, true, false, false, "string"],
      ["name", true, false, false, false, "string"],
      ["secret", false, false, true, false, "string"],
      ["nick", false, false, false, true, "string"],
      ["color", false, false, false, false, "Color"],
    ]);
    expect(byName.Pet!.properties[4]!.description).toBe("Its colour");
    expect(JSON.parse(byName.Pet!.exampleJson!)).toEqual({ id: "p1", name: "Rex" });
    expect(byName.Dog!.properties.map((p) => p.name)).toEqual(["id", "name", "secret", "nick", "color", "barks"]);
    expect(byName.Animal!.members.map((m) => m.text)).toEqual(["Pet", "string"]);
  });

  it("accepts circular schemas", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: { "/x": { get: op("x") } },
        components: {
          schemas: { Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } } },
        },
      }),
    );
    expect(ir.models[0]!.properties[0]!.typeLabel).toEqual({
      text: "Array<Node>",
      parts: [{ text: "Array<" }, { text: "Node", model: "Node" }, { text: ">" }],
    });
  });
});

describe("pagination", () => {
  it("detects page/per_page listings with pagination metadata", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/items": {
            get: {
              operationId: "listItems",
              parameters: [
                { name: "page", in: "query", schema: { type: "integer" } },
                { name: "per_page", in: "query", schema: { type: "integer" } },
              ],
              responses: {
                "200": {
                  description: "ok",
                  ...json({
                    type: "object",
                    properties: {
                      items: { type: "array", items: { type: "string" } },
                      pagination_metadata: { type: "object", properties: { total_pages: { type: "integer" } } },
                    },
                  }),
                },
              },
            },
          },
        },
      }),
    );
    expect(ir.operations[0]!.pagination).toMatchObject({
      pageOption: "page",
      perPageOption: "perPage",
      itemsProperty: "items",
      metadataProperty: "pagination_metadata",
      totalPagesProperty: "total_pages",
    });
  });
});

describe("decided specs: every warning with a pointer, a hint, and what was decided", () => {
  const table: [string, Record<string, unknown>, string, (ir: ApiIr) => void][] = [
    [
      "operationIds that collide in camelCase",
      { paths: { "/a": { get: op("get_user") }, "/b": { get: op("getUser") } } },
      "operation-name-collision",
      (ir) => expect(ir.operations.map((o) => o.methodName)).toEqual(["getUser", "getUser2"]),
    ],
    [
      "an operationId that is a reserved method name",
      { paths: { "/a": { get: op("constructor") } } },
      "reserved-operation-name",
      (ir) => expect(ir.operations[0]!.methodName).toBe("constructor2"),
    ],
    [
      "a parameter that is a request option",
      { paths: { "/a": { get: op("a", { parameters: [{ name: "signal", in: "query", schema: { type: "string" } }] }) } } },
      "parameter-name-conflict",
      (ir) => expect(ir.operations[0]!.optionalParams.map((p) => [p.name, p.optionKey])).toEqual([["signal", "signal2"]]),
    ],
    [
      "parameters that collide in camelCase",
      {
        paths: {
          "/a": {
            get: op("a", {
              parameters: [
                { name: "per_page", in: "query", schema: { type: "string" } },
                { name: "perPage", in: "query", schema: { type: "string" } },
              ],
            }),
          },
        },
      },
      "parameter-name-collision",
      (ir) =>
        expect(ir.operations[0]!.optionalParams.map((p) => [p.name, p.optionKey])).toEqual([
          ["per_page", "perPage"],
          ["perPage", "perPage2"],
        ]),
    ],
    [
      "a body in a media type the runtime cannot serialise",
      { paths: { "/a": { post: op("a", { requestBody: { content: { "application/xml": { schema: {} } } } }) } } },
      "unsupported-media-type",
      (ir) =>
        expect(ir.operations[0]!.body).toMatchObject({
          mediaType: "application/xml",
          encoding: "binary",
          raw: true,
          contentType: "application/xml",
        }),
    ],
    [
      "an unsupported security scheme",
      {
        components: { securitySchemes: { Digest: { type: "http", scheme: "digest" } } },
        security: [{ Digest: [] }],
        paths: { "/a": { get: op("a") } },
      },
      "unsupported-security-scheme",
      (ir) => {
        expect(ir.securitySchemes).toEqual([]);
        expect(ir.operations[0]!.security).toEqual([[]]);
      },
    ],
    [
      "a requirement naming an undefined scheme",
      { security: [{ Nope: [] }], paths: { "/a": { get: op("a") } } },
      "undefined-security-scheme",
      (ir) => expect(ir.operations[0]!.security).toEqual([[]]),
    ],
    [
      "tags that become the same class",
      { paths: { "/a": { get: op("a", { tags: ["pet store"] }) }, "/b": { get: op("b", { tags: ["pet-store"] }) } } },
      "tag-name-collision",
      (ir) =>
        // "pet store" claims the name first (code-point order of tags); classes are listed by name.
        expect(ir.apis.map((a) => [a.tag, a.className])).toEqual([
          ["pet-store", "PetStore2Api"],
          ["pet store", "PetStoreApi"],
        ]),
    ],
    [
      "a schema named like a generated export",
      { paths: { "/a": { get: op("a") } }, components: { schemas: { ApiError: { type: "object" } } } },
      "reserved-model-name",
      (ir) => expect(ir.models.map((m) => [m.name, m.typeName])).toEqual([["ApiError", "ApiErrorModel"]]),
    ],
    [
      "schemas that become the same type name",
      { paths: { "/a": { get: op("a") } }, components: { schemas: { "pet-one": { type: "object" }, PetOne: { type: "object" } } } },
      "model-name-collision",
      (ir) =>
        expect(ir.models.map((m) => [m.name, m.typeName])).toEqual([
          ["PetOne", "PetOne"],
          ["pet-one", "PetOne2"],
        ]),
    ],
    [
      "a spec without operations",
      { paths: {}, components: { schemas: { Pet: { type: "object" } } } },
      "no-operations",
      (ir) => {
        expect(ir.apis).toEqual([]);
        expect(ir.models.map((m) => m.typeName)).toEqual(["Pet"]);
      },
    ],
    [
      "an operation without an operationId",
      {
        paths: {
          "/pets/{petId}/photos": {
            get: {
              parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
              responses: { "204": { description: "none" } },
            },
          },
        },
      },
      "missing-operation-id",
      (ir) =>
        expect(ir.operations.map((o) => [o.methodName, o.typePrefix, o.derivedName])).toEqual([
          ["getPetsByPetIdPhotos", "GetPetsByPetIdPhotos", true],
        ]),
    ],
    [
      "two paths that differ only in parameter names, with the same method",
      {
        paths: {
          "/a/{x}": { get: op("one", { parameters: [{ name: "x", in: "path", required: true, schema: { type: "string" } }] }) },
          "/a/{y}": {
            get: op("two", { parameters: [{ name: "y", in: "path", required: true, schema: { type: "string" } }] }),
            delete: op("three", { parameters: [{ name: "y", in: "path", required: true, schema: { type: "string" } }] }),
          },
        },
      },
      "identical-paths",
      (ir) => expect(ir.operations.map((o) => `${o.httpMethodUpper} ${o.path}`)).toEqual(["GET /a/{x}", "DELETE /a/{y}"]),
    ],
    [
      "an info.version that is not semver",
      { info: { title: "T", version: "2024-01-15" }, paths: { "/a": { get: op("a") } } },
      "package-version-not-semver",
      (ir) => expect([ir.version, ir.packageVersion]).toEqual(["2024-01-15", "0.0.0-2024-01-15"]),
    ],
  ];
  it.each(table)("%s", async (_, spec, code, then) => {
    const { ir, warnings } = await warningsOf(minimalSpec(spec));
    const warning = warnings.find((i) => i.code === code);
    expect(warning, JSON.stringify(warnings, null, 2)).toBeDefined();
    expect(warning!.severity).toBe("warning");
    expect(warning!.pointer).toMatch(/^#/);
    expect(warning!.hint).toBeTruthy();
    expect(warning!.file).toMatch(/openapi\.yaml$/);
    then(ir);
  });

  it("lists all warnings at once, sorted", async () => {
    const { warnings } = await warningsOf(
      minimalSpec({
        paths: {
          "/b": { get: op("constructor"), post: op("b", { requestBody: { content: { "application/xml": { schema: {} } } } }) },
          "/a": { get: op("get_user") },
          "/c": { get: op("getUser") },
        },
      }),
    );
    expect(warnings.map((i) => i.code).sort()).toEqual(["operation-name-collision", "reserved-operation-name", "unsupported-media-type"]);
    const lines = warnings.map((i) => i.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
