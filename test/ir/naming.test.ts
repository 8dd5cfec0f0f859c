import { describe, expect, it } from "vitest";
import { bindingName, camelCase, globalSafeTypeName, methodNameFromPath, pascalCase, propertyKey } from "../../scripts/ir/naming.js";
import { Namespace, numbered } from "../../scripts/ir/name-claims.js";
import { packageVersion } from "../../scripts/ir/package-version.js";
import type { SpecIssue } from "../../scripts/issues.js";
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

describe("methodNameFromPath (operations without an operationId)", () => {
  const table: [string, string, string][] = [
    ["get", "/pets", "getPets"],
    ["get", "/pets/{petId}", "getPetsByPetId"],
    ["get", "/pets/{petId}/photos", "getPetsByPetIdPhotos"],
    ["delete", "/users/{user}/repos/{owner}/{repo}", "deleteUsersByUserReposByOwnerAndRepo"],
    ["post", "/v1/files.upload", "postV1FilesUpload"],
    ["get", "/", "getRoot"],
    ["put", "/{Bucket}#list-type=2", "putByBucketListType2"],
    ["get", "/reports/{report_id}.json", "getReportsByReportIdJson"],
    ["patch", "/a-b_c/{x-y}", "patchABCByXY"],
  ];
  it.each(table)("%s %s → %s", (method, path, want) => expect(methodNameFromPath(method, path)).toBe(want));
});

describe("Namespace: the one collision rule", () => {
  it("keeps the first claim, numbers a later one, and warns naming both sides", () => {
    const issues: SpecIssue[] = [];
    const names = new Namespace("method", issues, new Map([["constructor", "the constructor of every class"]]));
    expect(names.claim(numbered("getUser"), { owner: 'operationId "get_user"', pointer: "#/a" }, "operation-name-collision")).toBe(
      "getUser",
    );
    expect(names.claim(numbered("getUser"), { owner: 'operationId "getUser"', pointer: "#/b" }, "operation-name-collision")).toBe(
      "getUser2",
    );
    expect(names.claim(numbered("getUser"), { owner: "the operation (GET /u)", pointer: "#/c" }, "operation-name-collision")).toBe(
      "getUser3",
    );
    expect(
      names.claim(
        numbered("constructor"),
        { owner: 'operationId "constructor"', pointer: "#/d" },
        { taken: "x", reserved: "reserved-operation-name" },
      ),
    ).toBe("constructor2");
    expect(issues.map((i) => [i.code, i.pointer, i.message])).toEqual([
      [
        "operation-name-collision",
        "#/b",
        'operationId "getUser" would be the method `getUser`, which is operationId "get_user": named `getUser2`',
      ],
      [
        "operation-name-collision",
        "#/c",
        'the operation (GET /u) would be the method `getUser`, which is operationId "get_user": named `getUser3`',
      ],
      [
        "reserved-operation-name",
        "#/d",
        'operationId "constructor" would be the method `constructor`, which is the constructor of every class: named `constructor2`',
      ],
    ]);
    expect(issues.every((i) => i.severity === "warning" && i.hint)).toBe(true);
  });

  it("takes candidates from the given rule, and warns only with a code", () => {
    const issues: SpecIssue[] = [];
    const names = new Namespace("exported name", issues);
    const classOf = (n: number) => `Pets${n === 1 ? "" : n}Api`;
    expect(names.claim(classOf, { owner: "tag a", pointer: "#/a" }, undefined)).toBe("PetsApi");
    expect(names.claim(classOf, { owner: "tag b", pointer: "#/b" }, undefined)).toBe("Pets2Api");
    expect(issues).toEqual([]);
  });
});

describe("packageVersion (npm needs semver)", () => {
  const table: [string, string, boolean][] = [
    ["1.2.3", "1.2.3", false],
    ["1.0.0-beta.1+build.5", "1.0.0-beta.1+build.5", false],
    ["1", "1.0.0", true],
    ["2.0", "2.0.0", true],
    ["v1.2.3", "1.2.3", true],
    ["v2", "2.0.0", true],
    ["2024-01-15", "0.0.0-2024-01-15", true],
    ["beta 2", "0.0.0-beta.2", true],
    ["unversioned", "0.0.0-unversioned", true],
    ["1.0.01", "1.0.1", true],
    ["!!!", "0.0.0", true],
  ];
  it.each(table)("%s → %s", (given, want, warned) => {
    const issues: SpecIssue[] = [];
    expect(packageVersion(given, issues)).toBe(want);
    expect(issues.map((i) => i.code)).toEqual(warned ? ["package-version-not-semver"] : []);
  });
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
