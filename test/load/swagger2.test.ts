/** Swagger 2.0 specs are converted to OpenAPI 3.0 on the way in, with a notice, and generate. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { isSwagger2, swaggerPointer } from "../../scripts/load/swagger2.js";
import { loadSpec } from "../../scripts/load/load.js";
import { runCli, tsc } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const TILEDB = "test/fixtures/swagger2/tiledb-credentials/swagger.yaml";
const SPLIT = "test/fixtures/swagger2/split/swagger.yaml";

describe("isSwagger2", () => {
  it.each([
    { given: { swagger: "2.0" }, want: true },
    { given: { swagger: 2 }, want: true },
    { given: { swagger: "1.2" }, want: false },
    { given: { openapi: "3.0.3" }, want: false },
    { given: ["swagger"], want: false },
    { given: null, want: false },
  ])("$given → $want", ({ given, want }) => expect(isSwagger2(given)).toBe(want));
});

describe("swaggerPointer: a pointer of the converted document → the Swagger 2.0 one", () => {
  it.each([
    { given: "#/components/schemas/Pet", want: "#/definitions/Pet" },
    { given: "#/components/schemas/Pet/properties/name", want: "#/definitions/Pet/properties/name" },
    { given: "#/components/securitySchemes/ApiKeyAuth", want: "#/securityDefinitions/ApiKeyAuth" },
    { given: "#/components/parameters/limit", want: "#/parameters/limit" },
    { given: "#/paths/~1pets/post/requestBody/content", want: "#/paths/~1pets/post/parameters" },
    { given: "#/paths/~1pets/get/responses/200/content/application~1json/schema", want: "#/paths/~1pets/get/responses/200/schema" },
    { given: "#/paths/~1pets/get/operationId", want: "#/paths/~1pets/get/operationId" },
    { given: "#/servers/0/url", want: "#/basePath" },
    { given: "#", want: "#" },
  ])("$given → $want", ({ given, want }) => expect(swaggerPointer(given)).toBe(want));
});

describe("loadSpec on Swagger 2.0", () => {
  it("converts to OpenAPI 3.0: basePath → servers, x-nullable → nullable, body → requestBody", async () => {
    const notices: string[] = [];
    const spec = await loadSpec(TILEDB, { onNotice: (message) => notices.push(message) });
    expect(notices).toEqual(spec.notices);
    expect(spec.convertedFrom).toBe("2.0");
    expect(spec.version).toBe("3.0");
    expect(spec.notices[0]).toBe(`${TILEDB} is Swagger 2.0; converted to OpenAPI 3.0 on the way in`);
    const doc = spec.document;
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers).toEqual([{ url: "/v2" }]);
    expect(doc.components.schemas.AccessCredential.properties.provider_default.nullable).toBe(true);
    expect(doc.components.schemas.AWSCredential.nullable).toBe(true);
    expect(doc.paths["/credentials/{namespace}"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/AccessCredential",
    });
    expect(doc.components.securitySchemes.BasicAuth).toEqual({ type: "http", scheme: "basic" });
    // Lines point into the Swagger file: the converted pointer of a definition finds it there.
    const lines = readFileSync(TILEDB, "utf8").split("\n");
    const at = spec.locate("#/components/schemas/Error");
    expect(lines[at!.line - 1]).toBe("  Error:");
  });
});

describe("generating from Swagger 2.0", () => {
  it("the TileDB credentials API: a notice, two tag classes, base URL /v2, a client that compiles", async () => {
    const out = path.join(tempDir("swagger2"), "out");
    const run = await runCli(["--spec", TILEDB, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`notice: ${TILEDB} is Swagger 2.0; converted to OpenAPI 3.0 on the way in`);
    const client = path.join(out, "client");
    const apis = ["OrganizationApi", "UserApi"].map((name) => readFileSync(path.join(client, "src", "apis", `${name}.ts`), "utf8"));
    for (const api of apis)
      for (const method of ["addCredential", "listCredentials", "getCredential", "updateCredential", "deleteCredential"])
        expect(api).toContain(`${method}(`);
    expect(readFileSync(path.join(client, "src", "client.ts"), "utf8")).toContain('DEFAULT_BASE_URL = "http://localhost/v2"');
    expect(readFileSync(path.join(client, "src", "schema.ts"), "utf8")).toMatch(/provider_default\?: boolean \| null;/);
    const result = tsc(path.join(client, "tsconfig.json"));
    expect(result.status, result.output).toBe(0);
  });

  it("a split Swagger 2.0 spec (external $ref, `swagger: 2.0` as a number) generates a client that compiles", async () => {
    const out = path.join(tempDir("swagger2-split"), "out");
    const run = await runCli(["--spec", SPLIT, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`notice: ${SPLIT} is Swagger 2.0`);
    expect(readFileSync(path.join(out, "client", "src", "client.ts"), "utf8")).toContain(
      'DEFAULT_BASE_URL = "https://api.example.test/api"',
    );
    const result = tsc(path.join(out, "client", "tsconfig.json"));
    expect(result.status, result.output).toBe(0);
  });

  it("-q silences the notice", async () => {
    const run = await runCli(["-q", "--spec", SPLIT, "--out", path.join(tempDir("swagger2-quiet"), "out")]);
    expect(run).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });
});
