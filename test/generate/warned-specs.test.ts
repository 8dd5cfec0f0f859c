/**
 * Every spec of test/fixtures/warned-specs has a problem a client can still come out of: it is
 * generated (exit 0), each decision is printed as a warning (code, file:line, JSON pointer, what
 * was decided, a hint), sorted, with their count; and what is generated is what the warning says.
 * `--strict` refuses the same spec (exit 2) and writes nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree, leftovers } from "../support/output.js";
import { runCli, tsc } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const DIR = "test/fixtures/warned-specs";

interface Case {
  /** Folder under test/fixtures/warned-specs (its `openapi.yaml`). */
  given: string;
  /** Every warning, in the printed order: code, `file:line` relative to warned-specs/, JSON pointer. */
  want: { code: string; at: string; pointer: string }[];
  /** What was generated, in the output folder (`client/src/...`, `docs/...`), that the decision promises. */
  generated: Record<string, (RegExp | string)[]>;
}

const CASES: Case[] = [
  {
    given: "openapi-version-number",
    want: [
      { code: "openapi-version-format", at: "openapi-version-number/openapi.yaml:2", pointer: "#/openapi" },
      { code: "no-operations", at: "openapi-version-number/openapi.yaml:6", pointer: "#/paths" },
    ],
    generated: { "client/src/index.ts": ['export * from "./models.js";'] },
  },
  {
    given: "invalid-structure",
    want: [
      { code: "invalid-structure", at: "invalid-structure/openapi.yaml:3", pointer: "#/info" },
      { code: "invalid-structure", at: "invalid-structure/openapi.yaml:10", pointer: "#/paths/~1pets/get/parameters/0" },
    ],
    // info.version read as 0.0.0; the parameter without `in` is left out.
    generated: {
      "client/package.json": ['"version": "0.0.0"'],
      "client/src/operations.ts": ["export interface ListPetsOptions extends RequestOptions {}"],
    },
  },
  {
    given: "broken-local-ref",
    want: [
      {
        code: "unresolved-ref",
        at: "broken-local-ref/openapi.yaml:16",
        pointer: "#/paths/~1pets/get/responses/200/content/application~1json/schema",
      },
    ],
    generated: { "client/src/schema.ts": [/"application\/json": unknown;/] },
  },
  {
    given: "split-broken-ref",
    want: [
      { code: "unresolved-ref", at: "split-broken-ref/paths/pets.yaml:9", pointer: "#/get/responses/200/content/application~1json/schema" },
    ],
    generated: { "client/src/schema.ts": [/"application\/json": unknown;/] },
  },
  {
    given: "circular-ref",
    want: [{ code: "circular-ref", at: "circular-ref/openapi.yaml:20", pointer: "#/components/schemas/A" }],
    generated: { "client/src/schema.ts": [/\bA: unknown;/, /\bB: components\["schemas"\]\["A"\];/] },
  },
  {
    given: "missing-operation-id",
    want: [{ code: "missing-operation-id", at: "missing-operation-id/openapi.yaml:8", pointer: "#/paths/~1pets/get" }],
    generated: { "client/src/apis/DefaultApi.ts": ["  getPets(\n"], "docs/apis/DefaultApi.md": ["## getPets"] },
  },
  {
    given: "duplicate-operation-id",
    want: [
      { code: "duplicate-operation-id", at: "duplicate-operation-id/openapi.yaml:15", pointer: "#/paths/~1pets~1{id}/get/operationId" },
    ],
    generated: { "client/src/apis/DefaultApi.ts": ["  getPets(\n", "  getPets2(\n"] },
  },
  {
    given: "operation-id-camel-collision",
    want: [
      {
        code: "operation-name-collision",
        at: "operation-id-camel-collision/openapi.yaml:20",
        pointer: "#/paths/~1users~1{id}/post/operationId",
      },
    ],
    generated: { "client/src/apis/DefaultApi.ts": ["  getUser(\n", "  getUser2(\n"] },
  },
  {
    given: "invalid-operation-id",
    want: [{ code: "invalid-operation-id", at: "invalid-operation-id/openapi.yaml:9", pointer: "#/paths/~1things/get/operationId" }],
    generated: { "client/src/apis/DefaultApi.ts": ["  getThings(\n"] },
  },
  {
    given: "reserved-operation-id",
    want: [{ code: "reserved-operation-name", at: "reserved-operation-id/openapi.yaml:9", pointer: "#/paths/~1things/post/operationId" }],
    generated: { "client/src/apis/DefaultApi.ts": ["  constructor2(\n"] },
  },
  {
    given: "reserved-schema-paths",
    want: [{ code: "reserved-model-name", at: "reserved-schema-paths/openapi.yaml:19", pointer: "#/components/schemas/paths" }],
    generated: { "client/src/models.ts": ['export type pathsModel = Readable<components["schemas"]["paths"]>;'] },
  },
  {
    given: "reserved-schema-apierror",
    want: [{ code: "reserved-model-name", at: "reserved-schema-apierror/openapi.yaml:21", pointer: "#/components/schemas/ApiError" }],
    generated: {
      "client/src/models.ts": ['export interface ApiErrorModel extends Readable<components["schemas"]["ApiError"]> {}'],
      "docs/models/ApiErrorModel.md": ["# ApiErrorModel"],
    },
  },
  {
    given: "reserved-tag-class",
    want: [{ code: "reserved-class-name", at: "reserved-tag-class/openapi.yaml:10", pointer: "#/paths/~1pets/get/tags" }],
    generated: { "client/src/apis/Base2Api.ts": ["export class Base2Api extends BaseApi"] },
  },
  {
    given: "tag-class-collision",
    want: [{ code: "tag-name-collision", at: "tag-class-collision/openapi.yaml:20", pointer: "#/paths/~1users/get/tags" }],
    generated: { "client/src/index.ts": ["export { UserAccountsApi }", "export { UserAccounts2Api }"] },
  },
  {
    given: "model-name-collision",
    want: [{ code: "model-name-collision", at: "model-name-collision/openapi.yaml:24", pointer: "#/components/schemas/user-profile" }],
    generated: {
      "client/src/models.ts": [
        'export interface UserProfile extends Readable<components["schemas"]["UserProfile"]> {}',
        'export interface UserProfile2 extends Readable<components["schemas"]["user-profile"]> {}',
      ],
    },
  },
  {
    given: "exported-name-collision",
    want: [{ code: "exported-name-collision", at: "exported-name-collision/openapi.yaml:8", pointer: "#/paths/~1pets/get" }],
    generated: { "client/src/operations.ts": ["export type ListPets2Result = ", "export interface ListPets2Options"] },
  },
  {
    given: "undeclared-path-parameter",
    want: [
      {
        code: "undeclared-path-parameter",
        at: "undeclared-path-parameter/openapi.yaml:8",
        pointer: "#/paths/~1pets~1{petId}/get/parameters",
      },
    ],
    generated: { "client/src/apis/DefaultApi.ts": [/ {2}getPet\(\n {4}petId: /], "client/src/fn.ts": ["path: { petId }"] },
  },
  {
    given: "path-parameter-not-in-path",
    want: [
      { code: "unused-path-parameter", at: "path-parameter-not-in-path/openapi.yaml:11", pointer: "#/paths/~1pets/get/parameters/0/name" },
    ],
    generated: { "client/src/apis/DefaultApi.ts": [/ {2}listPets\(\n {4}options\?: /] },
  },
  {
    given: "ignored-header-parameter",
    want: [
      {
        code: "ignored-header-parameter",
        at: "ignored-header-parameter/openapi.yaml:16",
        pointer: "#/paths/~1objects~1{key}/parameters/1",
      },
      {
        code: "ignored-header-parameter",
        at: "ignored-header-parameter/openapi.yaml:24",
        pointer: "#/paths/~1objects~1{key}/put/parameters/0",
      },
      {
        code: "ignored-header-parameter",
        at: "ignored-header-parameter/openapi.yaml:25",
        pointer: "#/paths/~1objects~1{key}/put/parameters/1",
      },
    ],
    // Left out of the types too (openapi-typescript reads the decided document): only X-Request-Id is a header.
    generated: {
      "client/src/schema.ts": [/header\?: \{\n\s+"X-Request-Id"\?: string;\n\s+\};/],
      "client/src/apis/DefaultApi.ts": [/ {2}putObject\(\n {4}key: string,\n {4}body: PutObjectBody,\n {4}options\?: PutObjectOptions,\n/],
      "docs/apis/DefaultApi.md": [/\| \*\*options\.xRequestId\*\* \| string \|  \| optional; header parameter `X-Request-Id` \|\n\n/],
    },
  },
  {
    given: "parameter-request-option",
    want: [
      { code: "parameter-name-conflict", at: "parameter-request-option/openapi.yaml:11", pointer: "#/paths/~1events/get/parameters/0" },
    ],
    generated: {
      "client/src/operations.ts": ["signal2?: "],
      "client/src/fn.ts": ["const { signal2: signal, ...$request } = options;", "query: { signal }"],
    },
  },
  {
    given: "parameter-camel-collision",
    want: [
      { code: "parameter-name-collision", at: "parameter-camel-collision/openapi.yaml:15", pointer: "#/paths/~1pets/get/parameters/1" },
    ],
    generated: { "client/src/operations.ts": ["pageSize?: ", "pageSize2?: "] },
  },
  {
    given: "unsupported-media-type",
    want: [
      { code: "unsupported-media-type", at: "unsupported-media-type/openapi.yaml:12", pointer: "#/paths/~1pets/post/requestBody/content" },
    ],
    generated: {
      "client/src/operations.ts": [
        "export type CreatePetBody = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string;",
        'contentType: "application/xml"',
      ],
    },
  },
  {
    given: "undefined-security-scheme",
    want: [
      { code: "undefined-security-scheme", at: "undefined-security-scheme/openapi.yaml:11", pointer: "#/paths/~1pets/get/security/0" },
    ],
    generated: { "client/src/operations.ts": ["security: [[]]"] },
  },
  {
    given: "unsupported-security-scheme",
    want: [
      {
        code: "unsupported-security-scheme",
        at: "unsupported-security-scheme/openapi.yaml:17",
        pointer: "#/components/securitySchemes/Digest",
      },
    ],
    generated: { "client/src/client.ts": ["export const SECURITY_SCHEMES = {} as const"] },
  },
  {
    given: "no-operations",
    want: [{ code: "no-operations", at: "no-operations/openapi.yaml:6", pointer: "#/paths" }],
    generated: {
      // The scheme is described, and no snippet constructs a class the package does not have.
      "docs/README.md": ["The spec has no operations: the package has no API class.", "### bearer", /^(?![\s\S]*\bnew \w+\()/],
      "client/src/operations.ts": ["export const OPERATIONS = {} as const"],
    },
  },
  {
    given: "swagger2-broken-ref",
    want: [{ code: "unresolved-ref", at: "swagger2-broken-ref/openapi.yaml:16", pointer: "#/paths/~1pets/get/responses/200/schema" }],
    generated: { "client/src/schema.ts": [/"application\/json": unknown;/] },
  },
  {
    given: "swagger2-reserved-name",
    want: [{ code: "reserved-model-name", at: "swagger2-reserved-name/openapi.yaml:18", pointer: "#/components/schemas/ApiError" }],
    generated: { "client/src/models.ts": ["export interface ApiErrorModel extends "] },
  },
  {
    given: "several-problems",
    want: [
      { code: "parameter-name-conflict", at: "several-problems/openapi.yaml:12", pointer: "#/paths/~1a/get/parameters/0" },
      { code: "operation-name-collision", at: "several-problems/openapi.yaml:20", pointer: "#/paths/~1a/post/operationId" },
      { code: "unsupported-security-scheme", at: "several-problems/openapi.yaml:26", pointer: "#/components/securitySchemes/Digest" },
    ],
    generated: { "client/src/apis/DefaultApi.ts": ["  listA(\n", "  listA2(\n"] },
  },
];

/** `warning [code] location: message` and its `    hint:` line. */
function parseWarnings(stderr: string): { warnings: { code: string; location: string; message: string; hint?: string }[]; count?: number } {
  const lines = stderr.split("\n");
  const warnings = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^warning \[([^\]]+)\] (.*?): (.*)$/.exec(lines[i]!);
    if (!match) continue;
    const hint = /^ {4}hint: (.+)$/.exec(lines[i + 1] ?? "")?.[1];
    warnings.push({ code: match[1]!, location: match[2]!, message: match[3]!, ...(hint ? { hint } : {}) });
  }
  const count = /^(\d+) warning\(s\): decided as each says and generated; --strict refuses them$/m.exec(stderr)?.[1];
  return { warnings, ...(count ? { count: Number(count) } : {}) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("specs a client can still come out of are generated, each decision warned", () => {
  it("has a case for every folder of warned-specs", async () => {
    const { readdirSync } = await import("node:fs");
    expect(CASES.map((c) => c.given).sort()).toEqual(
      readdirSync(DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    );
  });

  it.each(CASES)("$given", async ({ given, want, generated }) => {
    const out = path.join(tempDir("warned-specs"), "out");
    const run = await runCli(["--spec", `${DIR}/${given}/openapi.yaml`, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    const { warnings, count } = parseWarnings(run.stderr);
    expect(
      warnings.map((w) => w.code),
      run.stderr,
    ).toEqual(want.map((w) => w.code));
    expect(count).toBe(want.length);
    want.forEach((w, i) => {
      const printed = warnings[i]!;
      expect(printed.location).toMatch(new RegExp(`^${escape(`${DIR}/${w.at}`)}(:\\d+)? ${escape(w.pointer)}$`));
      expect(printed.hint, `no hint for ${printed.code}`).toBeTruthy();
      // The message says what was decided.
      expect(printed.message).toMatch(/: |named|read as|ignored|sent as|left out|declared/);
    });
    // Warnings come after the progress lines (the last stage is the write), before the summary line.
    const firstWarning = run.stderr.indexOf("warning [");
    expect(run.stderr.indexOf("  write ")).toBeLessThan(firstWarning);
    expect(run.stderr.indexOf("\ngenerated ")).toBeGreaterThan(firstWarning);
    for (const [file, patterns] of Object.entries(generated)) {
      const text = readFileSync(path.join(out, file), "utf8");
      for (const pattern of patterns) {
        if (typeof pattern === "string") expect(text, file).toContain(pattern);
        else expect(text, file).toMatch(pattern);
      }
    }
  });

  it("a client whose spec had required ignored header parameters compiles (they are left out of its types)", async () => {
    const out = path.join(tempDir("warned-ignored-header"), "out");
    const run = await runCli(["-q", "--spec", `${DIR}/ignored-header-parameter/openapi.yaml`, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(out, "client/src/schema.ts"), "utf8")).not.toMatch(/content-type|authorization|accept/i);
    const compiled = tsc(path.join(out, "client"));
    expect(compiled.output).toBe("");
    expect(compiled.status).toBe(0);
  });

  describe("--strict", () => {
    let out: string;
    let before: Record<string, string>;
    beforeAll(async () => {
      out = path.join(tempDir("warned-strict"), "out");
      const good = await runCli(["-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
      expect(good.status).toBe(0);
      before = hashTree(out);
    });

    it("refuses a spec with warnings: each is an error, exit 2, nothing written", async () => {
      const run = await runCli(["--strict", "--spec", `${DIR}/several-problems/openapi.yaml`, "--out", out]);
      expect(run.status).toBe(2);
      expect(run.stderr.match(/^error \[[^\]]+\]/gm)).toEqual([
        "error [parameter-name-conflict]",
        "error [operation-name-collision]",
        "error [unsupported-security-scheme]",
      ]);
      expect(run.stderr).toMatch(/^3 problem\(s\); nothing was written\.$/m);
      expect(run.stderr).toContain("(a warning, refused because of --strict)");
      expect(hashTree(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
    });

    it("accepts a spec without warnings", async () => {
      const run = await runCli(["--strict", "-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toBe("");
    });
  });

  it("lint prints the warnings; with --strict it fails on them (exit 2)", async () => {
    const spec = `${DIR}/missing-operation-id/openapi.yaml`;
    const lenient = await runCli(["lint", "--spec", spec]);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toMatch(/^warning \[missing-operation-id\] /m);
    expect(lenient.stdout).toContain("generates, with 1 warning(s)");
    const strict = await runCli(["lint", "--strict", "--spec", spec]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/^error \[missing-operation-id\] /m);
  });
});
