/**
 * Every type the client prints as what it is (`namespace: string`, `Promise<AccessCredential>`,
 * `interface AccessCredential extends Readable<...>`, `AccessCredentialInput`) equals the
 * openapi-typescript type it stands for: for each spec, a file of type assertions is written from
 * the IR (one per parameter, body, result, error, item and model) and compiled with tsc.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import type { ApiIr } from "../../scripts/ir/types.js";
import { REPO_ROOT, resolveOptions } from "../../scripts/options.js";
import { tsc } from "../support/run.js";
import { writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "specs");

/** Shapes the printer handles, or must leave alone, that the fixtures do not all have. */
const EDGE_SPEC = {
  openapi: "3.0.3",
  info: { title: "Edge shapes", version: "1.0.0" },
  servers: [{ url: "https://edge.test" }],
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", format: "int64" } }],
      get: {
        operationId: "getThing",
        parameters: [
          { name: "mode", in: "query", schema: { type: "string", enum: ["a", "b"], nullable: true } },
          { name: "level", in: "query", schema: { type: "integer", enum: [1, 2, 3] } },
          { name: "flag", in: "query", schema: { type: "boolean", default: false } },
          { name: "tags", in: "query", schema: { type: "array", items: { type: "string", enum: ["x", "y z"] } } },
          { name: "kinds", in: "query", schema: { type: "array", items: { $ref: "#/components/schemas/Kind" } } },
          { name: "filter", in: "query", style: "deepObject", schema: { $ref: "#/components/schemas/Filter" } },
          { name: "marked", in: "query", style: "deepObject", schema: { $ref: "#/components/schemas/Stamped" } },
          { name: "when", in: "query", schema: { type: "string", format: "date-time" } },
          { name: "ref", in: "query", schema: { oneOf: [{ type: "integer" }, { type: "string" }] } },
          {
            name: "has",
            in: "query",
            schema: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string", enum: ["p", "q"] } }] },
          },
          { name: "serial", in: "query", schema: { $ref: "#/components/schemas/Serial" } },
          {
            name: "mixed",
            in: "query",
            schema: { oneOf: [{ type: "string" }, { type: "object", properties: { a: { type: "string" } } }] },
          },
          { name: "X-Trace", in: "header", required: true, schema: { type: "string", minLength: 3 } },
        ],
        responses: {
          "200": {
            description: "ok",
            headers: {
              "X-Count": { schema: { type: "integer" } },
              "X-Mode": { required: true, schema: { type: "string", enum: ["fast", "slow"] } },
            },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Shape" } } },
          },
          "404": { description: "missing", content: { "application/json": { schema: { $ref: "#/components/schemas/NotFound" } } } },
          default: { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
      },
      put: {
        operationId: "putThing",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Stamped" } } },
        },
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Stamped" } } } },
          },
          "204": { description: "unchanged" },
        },
      },
      post: {
        operationId: "postThing",
        requestBody: {
          content: { "application/json": { schema: { type: "object", properties: { note: { type: "string" } } } } },
        },
        responses: {
          "201": { description: "made", content: { "application/json": { schema: { $ref: "#/components/schemas/Maybe" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Kind: { type: "string", enum: ["k1", "k2"] },
      // readOnly on the schema itself: openapi-typescript marks properties only, so it is a plain number.
      Serial: { type: "integer", readOnly: true },
      Filter: { type: "object", properties: { q: { type: "string" }, limit: { type: "integer" } } },
      Stamped: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string", readOnly: true },
          secret: { type: "string", writeOnly: true },
          children: { type: "array", items: { $ref: "#/components/schemas/Stamped" } },
        },
      },
      Circle: { type: "object", required: ["type"], properties: { type: { type: "string", enum: ["circle"] }, r: { type: "number" } } },
      Square: { type: "object", required: ["type"], properties: { type: { type: "string", enum: ["square"] }, side: { type: "number" } } },
      Shape: {
        oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }],
        discriminator: { propertyName: "type" },
      },
      Named: { allOf: [{ $ref: "#/components/schemas/Filter" }, { type: "object", properties: { name: { type: "string" } } }] },
      Maybe: { type: "object", nullable: true, properties: { v: { type: "string" } } },
      Empty: { type: "object" },
      Map: { type: "object", additionalProperties: { type: "integer" } },
      NotFound: { type: "object", properties: { path: { type: "string" } } },
      Error: { type: "object", properties: { message: { type: "string" } } },
    },
  },
};

/** One assertion per printed type: `Same<printed, openapi-typescript's>`. */
function assertions(ir: ApiIr): string {
  const names = ir.models.flatMap((m) => (m.input ? [m.typeName, m.input.typeName] : [m.typeName]));
  const lines = [
    'import type { components, paths, Readable, Writable } from "./schema.js";',
    names.length ? `import type { ${names.join(", ")} } from "./models.js";` : "",
    "type IsAny<T> = 0 extends 1 & T ? true : false;",
    "type Same<A, B> = [IsAny<A>, IsAny<B>] extends [false, false] ? ([A] extends [B] ? ([B] extends [A] ? true : false) : false) : IsAny<A> extends IsAny<B> ? true : false;",
    "declare function same<T extends true>(what: string): void;",
    "void (null as unknown as [components, paths, Readable<unknown>, Writable<unknown>]);",
  ];
  const pair = (what: string, printed: string, exact: string) => lines.push(`same<Same<${printed}, ${exact}>>(${JSON.stringify(what)});`);
  for (const op of ir.operations) {
    for (const p of op.positionalParams) pair(`${op.operationId} ${p.in} ${p.name}`, p.typeExpr, p.schemaTypeExpr);
    // An option is an optional property: `x?: T` is `T | undefined` either way.
    for (const p of op.optionalParams)
      pair(`${op.operationId} ${p.in} ${p.name}`, `${p.typeExpr} | undefined`, `${p.schemaTypeExpr} | undefined`);
    if (op.body) pair(`${op.operationId} body`, op.body.typeExpr, op.body.schemaTypeExpr);
    // A stream's result is the runtime's stream type (`EventStream<Item>`), not a schema's type.
    if (!op.stream) pair(`${op.operationId} result`, op.resultTypeExpr, op.resultSchemaTypeExpr);
    pair(`${op.operationId} error`, op.errorTypeExpr, op.errorSchemaTypeExpr);
    if (op.pagination) pair(`${op.operationId} item`, op.pagination.itemTypeExpr, op.pagination.itemSchemaTypeExpr);
  }
  for (const m of ir.models) {
    pair(`model ${m.name}`, m.typeName, m.schemaTypeExpr);
    if (m.input) pair(`model ${m.name} (write view)`, m.input.typeName, m.input.schemaTypeExpr);
  }
  return `${lines.filter(Boolean).join("\n")}\n`;
}

async function generateWithChecks(root: string, name: string, specPath: string): Promise<{ dir: string; ir: ApiIr; file: string }> {
  const outDir = path.join(root, name);
  const { ir } = await generate(resolveOptions({ specPath, outDir, quiet: true }));
  const file = path.join(outDir, "client", "src", "printed-types.check.ts");
  writeFileSync(file, assertions(ir));
  return { dir: path.join(outDir, "client"), ir, file };
}

const specs: [string, string][] = [
  ["organization-api", path.join(REPO_ROOT, "spec", "openapi.yaml")],
  ...["minimal-31", "no-tags-composition", "paging-streaming", "petstore-multi-tag", "split-refs"].map((f): [string, string] => [
    f,
    path.join(FIXTURES, f, "openapi.yaml"),
  ]),
];

let root: string;
let edge: Awaited<ReturnType<typeof generateWithChecks>>;
const irs = new Map<string, ApiIr>();

// Every package is generated first, then one tsc checks them all (one start, one lib.dom).
beforeAll(async () => {
  root = tempDir("printed");
  for (const [name, spec] of specs) irs.set(name, (await generateWithChecks(root, name, spec)).ir);
  edge = await generateWithChecks(root, "edge", writeSpec(EDGE_SPEC));
  const config = JSON.parse(readFileSync(path.join(edge.dir, "tsconfig.json"), "utf8"));
  writeFileSync(
    path.join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...config.compilerOptions, noEmit: true, rootDir: "." }, include: ["*/client/src"] }),
  );
}, 600_000);

describe("every printed type equals the openapi-typescript type it replaces", () => {
  it("for the main spec, every fixture and the edge shapes (one tsc over all of them)", () => {
    expect([...irs.keys()]).toEqual(specs.map(([name]) => name));
    const result = tsc(root);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    const checks = [...irs.values(), edge.ir].map((ir) => assertions(ir).match(/^same</gm)?.length ?? 0);
    for (const count of checks) expect(count).toBeGreaterThanOrEqual(2);
  }, 600_000);
});

describe("edge shapes", () => {
  it("are printed as what they are where that is certain, and left exact where not", () => {
    const { ir } = edge;
    const get = ir.operations.find((o) => o.operationId === "getThing")!;
    const types = Object.fromEntries([...get.positionalParams, ...get.optionalParams].map((p) => [p.name, p.typeExpr]));
    expect(types).toEqual({
      id: "number",
      "X-Trace": "string",
      mode: '"a" | "b" | null',
      level: "1 | 2 | 3",
      flag: "boolean",
      tags: '("x" | "y z")[]',
      kinds: "Kind[]",
      filter: "Filter",
      // Its schema has readOnly/writeOnly fields: the parameter type is the schema as it is, not a view.
      marked: 'NonNullable<paths["/things/{id}"]["get"]["parameters"]["query"]>["marked"]',
      when: "string",
      ref: "number | string",
      has: 'string | ("p" | "q")[]',
      serial: "Serial",
      // An object member is not printed (openapi-typescript's own shape for it is kept).
      mixed: 'NonNullable<paths["/things/{id}"]["get"]["parameters"]["query"]>["mixed"]',
    });
    expect(get).toMatchObject({ resultTypeExpr: "Shape", errorTypeExpr: "NotFound | ErrorModel" });
    expect(get.responseHeaders.map((h) => [h.name, h.kind, h.typeExpr, h.required])).toEqual([
      ["X-Count", "number", "number", false],
      ["X-Mode", "string", '"fast" | "slow"', true],
    ]);
    const put = ir.operations.find((o) => o.operationId === "putThing")!;
    expect(put.body).toMatchObject({ typeExpr: "StampedInput", typeName: "StampedInput" });
    expect(put.resultTypeExpr).toBe("Stamped[] | undefined");
    const post = ir.operations.find((o) => o.operationId === "postThing")!;
    expect(post.body).toMatchObject({ typeName: "PostThingBody" });
    expect(post.body!.typeExpr).toMatch(/^Writable<NonNullable<paths/);
    // A nullable object is not an interface; nor is a choice, which is printed as the choice.
    const models = Object.fromEntries(ir.models.map((m) => [m.name, [m.typeName, m.isInterface, m.typeExpr, m.input?.typeName]]));
    expect(models).toMatchObject({
      Maybe: ["Maybe", false, 'Readable<components["schemas"]["Maybe"]>', undefined],
      Shape: ["Shape", false, "Circle | Square", undefined],
      Named: ["Named", true, 'Readable<components["schemas"]["Named"]>', undefined],
      Empty: ["Empty", true, 'Readable<components["schemas"]["Empty"]>', undefined],
      Map: ["MapModel", false, 'Readable<components["schemas"]["Map"]>', undefined],
      Stamped: ["Stamped", true, 'Readable<components["schemas"]["Stamped"]>', "StampedInput"],
      Kind: ["Kind", false, 'Readable<components["schemas"]["Kind"]>', undefined],
    });
  });

  it("a printed type that is not equal fails the compile (negative control)", () => {
    const { dir, file } = edge;
    const text = readFileSync(file, "utf8");
    // `level` is `1 | 2 | 3`; claim it is any number.
    const wrong = text.replace(/same<Same<1 \| 2 \| 3 \| undefined, /, "same<Same<number | undefined, ");
    expect(wrong).not.toBe(text);
    writeFileSync(file, wrong);
    try {
      const result = tsc(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/printed-types\.check\.ts.*TS2344/);
    } finally {
      writeFileSync(file, text);
    }
  }, 600_000);
});
