import { describe, expect, it } from "vitest";
import { bindingName, camelCase, pascalCase, propertyKey } from "../../scripts/ir/naming.js";

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
