import { describe, expect, it } from "vitest";
import { bindingName, camelCase, globalSafeTypeName, pascalCase, propertyKey } from "../../scripts/ir/naming.js";
import { irOf, minimalSpec, op } from "../support/spec.js";

describe("camelCase", () => {
  const table: [string, string][] = [
    ["listCredentials", "listCredentials"],
    ["list_credentials", "listCredentials"],
    ["get-order-by-id", "getOrderById"],
    ["ListCredentials", "listCredentials"],
    ["HTTPServerStatus", "httpServerStatus"],
    ["per_page", "perPage"],
    ["X-Request-Id", "xRequestId"],
    ["2fa-verify", "_2faVerify"],
    ["user.name", "userName"],
  ];
  it.each(table)("%s → %s", (given, want) => expect(camelCase(given)).toBe(want));
});

describe("pascalCase", () => {
  const table: [string, string][] = [
    ["organization", "Organization"],
    ["user accounts", "UserAccounts"],
    ["pet-store", "PetStore"],
    ["v2 beta", "V2Beta"],
  ];
  it.each(table)("%s → %s", (given, want) => expect(pascalCase(given)).toBe(want));
});

describe("bindingName", () => {
  const table: [string, string][] = [
    ["namespace", "namespace"],
    ["class", "class_"],
    ["default", "default_"],
    ["sort-by", "sortBy"],
    ["arguments", "arguments_"],
  ];
  it.each(table)("%s → %s", (given, want) => expect(bindingName(given)).toBe(want));
});

describe("propertyKey", () => {
  const table: [string, string][] = [
    ["per_page", "per_page"],
    ["X-Request-Id", '"X-Request-Id"'],
    ["a b", '"a b"'],
    ["$ok", "$ok"],
  ];
  it.each(table)("%s → %s", (given, want) => expect(propertyKey(given)).toBe(want));
});

describe("globalSafeTypeName: no export hides a JavaScript global", () => {
  const table: [string, string | undefined][] = [
    ["Error", "ErrorModel"],
    ["Response", "ResponseModel"],
    ["Record", "RecordModel"],
    ["Map", "MapModel"],
    ["URL", "URLModel"],
    ["Pet", undefined],
    ["ErrorResponse", undefined],
    // DOM tree names are common schema names and seldom used beside an API call: kept.
    ["Event", undefined],
    ["Node", undefined],
  ];
  it.each(table)("%s → %s", (given, want) => expect(globalSafeTypeName(given)).toBe(want));
});

describe("models renamed or given a write view, with a warning where it is a decision", () => {
  it("exports `Error` as `ErrorModel` and reports it as a located warning, keeping the rest", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x": {
            post: {
              operationId: "make",
              requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
              responses: {
                "204": { description: "made" },
                default: { description: "err", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
              },
            },
          },
        },
        components: {
          schemas: {
            Error: { type: "object", properties: { message: { type: "string" } } },
            Pet: { type: "object", properties: { id: { type: "string", readOnly: true }, tag: { $ref: "#/components/schemas/Tag" } } },
            Tag: { type: "object", properties: { name: { type: "string" } } },
            TagInput: { type: "object", properties: { label: { type: "string" } } },
            Status: { type: "string", enum: ["a", "b"] },
          },
        },
      }),
    );
    const models = Object.fromEntries(ir.models.map((m) => [m.name, [m.typeName, m.input?.typeName]]));
    expect(models).toEqual({
      Error: ["ErrorModel", undefined],
      Pet: ["Pet", "PetInput"],
      // Reached from the body through Pet, but a schema already has the name TagInput.
      Tag: ["Tag", undefined],
      TagInput: ["TagInput", undefined],
      Status: ["Status", undefined],
    });
    expect(ir.operations[0]!.errorTypeExpr).toBe("ErrorModel");
    expect(ir.warnings.map((w) => [w.severity, w.code, w.pointer, w.line !== undefined])).toEqual([
      ["warning", "model-name-shadows-global", "#/components/schemas/Error", true],
      ["warning", "input-name-taken", "#/components/schemas/Tag", true],
    ]);
    expect(ir.warnings[0]!.message).toBe(
      'schema "Error" is exported as `ErrorModel`: `Error` would hide the JavaScript global `Error` in any file that imports it',
    );
    expect(ir.warnings[0]!.hint).toMatch(/ErrorModel/);
  });

  it("a spec parameter named `options` does not take the name of the options argument", async () => {
    const ir = await irOf(
      minimalSpec({
        paths: {
          "/x/{options}": { get: op("get", { parameters: [{ name: "options", in: "path", required: true, schema: { type: "string" } }] }) },
        },
      }),
    );
    expect(ir.operations[0]!.positionalParams.map((p) => [p.name, p.bindingName, p.typeExpr])).toEqual([["options", "options2", "string"]]);
  });
});
