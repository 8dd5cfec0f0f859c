/**
 * Spec text is data, never code: descriptions, titles, enum values and names full of comment
 * terminators, quotes, backticks and template syntax still give a client that compiles, with the
 * text kept in its JSDoc.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";
import { resolveOptions } from "../../scripts/options.js";
import { tsc } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const EVIL = 'Ends a comment */ throw new Error("x"); /* and `${process.exit(1)}` \'quotes\' "double" \\ back\nsecond line * star';

const spec = minimalSpec({
  info: { title: `Title */ with "quotes"`, version: "1.0.0", description: EVIL },
  tags: [{ name: "weird tag", description: EVIL }],
  paths: {
    "/items/{item-id}": {
      get: {
        operationId: "get-item",
        tags: ["weird tag"],
        summary: EVIL,
        description: EVIL,
        parameters: [
          { name: "item-id", in: "path", required: true, description: EVIL, schema: { type: "string" } },
          { name: "filter[name]", in: "query", description: EVIL, schema: { type: "string", default: "*/" } },
          { name: "X-Weird-Header", in: "header", description: EVIL, schema: { type: "string" } },
        ],
        responses: {
          "200": { description: EVIL, content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
          default: { description: EVIL },
        },
      },
    },
  },
  components: {
    schemas: {
      // Reserved words are valid schema names; they are exported in PascalCase.
      import: { type: "object", properties: { package: { $ref: "#/components/schemas/package" } } },
      package: { type: "string" },
      Item: {
        type: "object",
        description: EVIL,
        properties: {
          "odd key */": { type: "string", description: EVIL },
          mode: { type: "string", enum: ["*/", "`", "${x}", "a'b"], description: EVIL },
        },
      },
    },
  },
});

describe("hostile spec text", () => {
  it("gives a client that compiles and keeps the text in JSDoc, escaped", async () => {
    const outDir = tempDir("hostile");
    await generate(resolveOptions({ specPath: writeSpec(spec), outDir, quiet: true }));
    const compiled = tsc(path.join(outDir, "client"));
    expect(compiled.output).toBe("");
    expect(compiled.status).toBe(0);
    const api = readFileSync(path.join(outDir, "client", "src", "apis", "WeirdTagApi.ts"), "utf8");
    expect(api).toContain("Ends a comment *\\/ throw new Error");
    expect(api).toContain("second line * star");
    expect(api).not.toMatch(/Ends a comment \*\/ throw/);
    const operations = readFileSync(path.join(outDir, "client", "src", "operations.ts"), "utf8");
    expect(operations).toContain("filterName?:");
    const models = readFileSync(path.join(outDir, "client", "src", "models.ts"), "utf8");
    expect(models).toMatch(/export (type Import = |interface Import extends )Readable<components\["schemas"\]\["import"\]>/);
    expect(models).toMatch(/export (type Package = |interface Package extends )Readable<components\["schemas"\]\["package"\]>/);
    // The request code is in fn.ts (the class's methods call it).
    const functions = readFileSync(path.join(outDir, "client", "src", "fn.ts"), "utf8");
    expect(functions).toContain('"filter[name]": filterName');
  });
});
