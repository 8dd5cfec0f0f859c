/**
 * Every broken spec of test/fixtures/bad-specs is rejected cleanly: exit 2, each problem listed
 * once, sorted, with its code, its location (file:line and/or JSON pointer) and a hint, and the
 * output folder left byte-for-byte as it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { hashTree, leftovers } from "../support/output.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const DIR = "test/fixtures/bad-specs";

interface Case {
  /** Spec path under test/fixtures/bad-specs (a folder means `<folder>/openapi.yaml`). */
  given: string;
  /** Every problem, in the printed order: code, `file[:line]` relative to bad-specs/, JSON pointer. */
  want: { code: string; at: string; pointer?: string }[];
}

const spec = (name: string) => (/\.(ya?ml|json)$/.test(name) || name === "." ? name : `${name}/openapi.yaml`);

const CASES: Case[] = [
  { given: "invalid-yaml", want: [{ code: "invalid-yaml", at: "invalid-yaml/openapi.yaml:8" }] },
  { given: "duplicate-keys", want: [{ code: "duplicate-key", at: "duplicate-keys/openapi.yaml:13" }] },
  { given: "json-syntax-error/openapi.json", want: [{ code: "invalid-json", at: "json-syntax-error/openapi.json:7" }] },
  { given: "empty-file", want: [{ code: "spec-empty", at: "empty-file/openapi.yaml:1" }] },
  { given: "does-not-exist.yaml", want: [{ code: "spec-not-found", at: "does-not-exist.yaml" }] },
  { given: ".", want: [{ code: "spec-not-a-file", at: "." }] },
  { given: "root-is-list", want: [{ code: "not-an-openapi-document", at: "root-is-list/openapi.yaml:1", pointer: "#" }] },
  { given: "scalar-root", want: [{ code: "not-an-openapi-document", at: "scalar-root/openapi.yaml:1", pointer: "#" }] },
  { given: "openapi-4", want: [{ code: "unsupported-openapi-version", at: "openapi-4/openapi.yaml:2", pointer: "#/openapi" }] },
  { given: "openapi-2.5", want: [{ code: "unsupported-openapi-version", at: "openapi-2.5/openapi.yaml:2", pointer: "#/openapi" }] },
  {
    given: "openapi-version-number",
    want: [{ code: "unsupported-openapi-version", at: "openapi-version-number/openapi.yaml:2", pointer: "#/openapi" }],
  },
  { given: "no-version-field", want: [{ code: "unsupported-openapi-version", at: "no-version-field/openapi.yaml:2", pointer: "#" }] },
  {
    given: "invalid-structure",
    want: [
      { code: "invalid-structure", at: "invalid-structure/openapi.yaml:3", pointer: "#/info" },
      { code: "invalid-structure", at: "invalid-structure/openapi.yaml:10", pointer: "#/paths/~1pets/get/parameters/0" },
    ],
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
  },
  {
    given: "missing-ref-file",
    want: [
      {
        code: "unresolved-ref",
        at: "missing-ref-file/openapi.yaml:16",
        pointer: "#/paths/~1pets/get/responses/200/content/application~1json/schema",
      },
    ],
  },
  {
    given: "split-broken-ref",
    want: [
      { code: "unresolved-ref", at: "split-broken-ref/paths/pets.yaml:9", pointer: "#/get/responses/200/content/application~1json/schema" },
    ],
  },
  { given: "circular-ref", want: [{ code: "circular-ref", at: "circular-ref/openapi.yaml:20", pointer: "#/components/schemas/A" }] },
  {
    given: "missing-operation-id",
    want: [{ code: "missing-operation-id", at: "missing-operation-id/openapi.yaml:8", pointer: "#/paths/~1pets/get/operationId" }],
  },
  {
    given: "duplicate-operation-id",
    want: [
      { code: "duplicate-operation-id", at: "duplicate-operation-id/openapi.yaml:15", pointer: "#/paths/~1pets~1{id}/get/operationId" },
    ],
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
  },
  {
    given: "invalid-operation-id",
    want: [{ code: "invalid-operation-id", at: "invalid-operation-id/openapi.yaml:9", pointer: "#/paths/~1things/get/operationId" }],
  },
  {
    given: "reserved-operation-id",
    want: [{ code: "reserved-operation-name", at: "reserved-operation-id/openapi.yaml:9", pointer: "#/paths/~1things/post/operationId" }],
  },
  {
    given: "reserved-schema-paths",
    want: [{ code: "reserved-model-name", at: "reserved-schema-paths/openapi.yaml:19", pointer: "#/components/schemas/paths" }],
  },
  {
    given: "reserved-schema-apierror",
    want: [{ code: "reserved-model-name", at: "reserved-schema-apierror/openapi.yaml:21", pointer: "#/components/schemas/ApiError" }],
  },
  {
    given: "reserved-tag-class",
    want: [{ code: "reserved-class-name", at: "reserved-tag-class/openapi.yaml:10", pointer: "#/paths/~1pets/get/tags" }],
  },
  {
    given: "tag-class-collision",
    want: [{ code: "tag-name-collision", at: "tag-class-collision/openapi.yaml:20", pointer: "#/paths/~1users/get/tags" }],
  },
  {
    given: "model-name-collision",
    want: [{ code: "model-name-collision", at: "model-name-collision/openapi.yaml:24", pointer: "#/components/schemas/user-profile" }],
  },
  {
    given: "exported-name-collision",
    want: [{ code: "exported-name-collision", at: "exported-name-collision/openapi.yaml:8", pointer: "#/paths/~1pets/get" }],
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
  },
  {
    given: "path-parameter-not-in-path",
    want: [
      { code: "unused-path-parameter", at: "path-parameter-not-in-path/openapi.yaml:11", pointer: "#/paths/~1pets/get/parameters/0/name" },
    ],
  },
  {
    given: "parameter-request-option",
    want: [
      { code: "parameter-name-conflict", at: "parameter-request-option/openapi.yaml:11", pointer: "#/paths/~1events/get/parameters/0" },
    ],
  },
  {
    given: "parameter-camel-collision",
    want: [
      { code: "parameter-name-collision", at: "parameter-camel-collision/openapi.yaml:15", pointer: "#/paths/~1pets/get/parameters/1" },
    ],
  },
  {
    given: "unsupported-media-type",
    want: [
      { code: "unsupported-media-type", at: "unsupported-media-type/openapi.yaml:12", pointer: "#/paths/~1pets/post/requestBody/content" },
    ],
  },
  {
    given: "undefined-security-scheme",
    want: [
      { code: "undefined-security-scheme", at: "undefined-security-scheme/openapi.yaml:11", pointer: "#/paths/~1pets/get/security/0" },
    ],
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
  },
  { given: "no-operations", want: [{ code: "no-operations", at: "no-operations/openapi.yaml:6", pointer: "#/paths" }] },
  {
    given: "swagger2-broken-ref",
    want: [{ code: "unresolved-ref", at: "swagger2-broken-ref/openapi.yaml:16", pointer: "#/paths/~1pets/get/responses/200/schema" }],
  },
  {
    given: "swagger2-reserved-name",
    want: [{ code: "reserved-model-name", at: "swagger2-reserved-name/openapi.yaml:18", pointer: "#/components/schemas/ApiError" }],
  },
  {
    given: "several-problems",
    want: [
      { code: "parameter-name-conflict", at: "several-problems/openapi.yaml:12", pointer: "#/paths/~1a/get/parameters/0" },
      { code: "operation-name-collision", at: "several-problems/openapi.yaml:20", pointer: "#/paths/~1a/post/operationId" },
      { code: "unsupported-security-scheme", at: "several-problems/openapi.yaml:26", pointer: "#/components/securitySchemes/Digest" },
    ],
  },
];

/** `error [code] location: message` and its `    hint:` line. */
interface Printed {
  code: string;
  location: string;
  hint?: string;
}

function parseProblems(stderr: string): { problems: Printed[]; count?: number } {
  const lines = stderr.split("\n");
  const problems: Printed[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^error \[([^\]]+)\] (.*?): /.exec(lines[i]!);
    if (!match) continue;
    const hint = /^ {4}hint: (.+)$/.exec(lines[i + 1] ?? "")?.[1];
    problems.push({ code: match[1]!, location: match[2]!, ...(hint ? { hint } : {}) });
  }
  const count = /^(\d+) problem\(s\); nothing was written\.$/m.exec(stderr)?.[1];
  return { problems, ...(count ? { count: Number(count) } : {}) };
}

describe("bad specs are rejected cleanly", () => {
  let out: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    // A good output first: every bad run below must leave it exactly as it is.
    out = path.join(tempDir("bad-specs"), "out");
    const good = await runCli(["-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
    expect(good.status).toBe(0);
    before = hashTree(out);
    expect(Object.keys(before).length).toBeGreaterThan(3);
  });

  it("has at least 15 kinds of broken input", () => {
    expect(new Set(CASES.flatMap((c) => c.want.map((w) => w.code))).size).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)("$given", async ({ given, want }) => {
    const specPath = given === "." ? DIR : `${DIR}/${spec(given)}`;
    const run = await runCli(["--spec", specPath, "--out", out]);

    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    const { problems, count } = parseProblems(run.stderr);
    // Every problem once, in the wanted (sorted) order, and the count says so.
    expect(
      problems.map((p) => p.code),
      run.stderr,
    ).toEqual(want.map((w) => w.code));
    expect(count).toBe(want.length);
    expect(new Set(problems.map((p) => `${p.code} ${p.location}`)).size).toBe(problems.length);
    want.forEach((w, i) => {
      const printed = problems[i]!;
      const location = w.at === "." ? DIR : `${DIR}/${w.at}`;
      // file:line (optionally :column), then the JSON pointer where there is one.
      expect(printed.location, run.stderr).toMatch(new RegExp(`^${escape(location)}(:\\d+)?${w.pointer ? ` ${escape(w.pointer)}` : ""}$`));
      expect(printed.hint, `no hint for ${printed.code}`).toBeTruthy();
    });
    // Nothing was written: the output folder is byte-for-byte the same, and no temporary folder is left.
    expect(hashTree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("gives exit code 2 to the shell too (a real process)", async () => {
    const run = await runCli(["--spec", `${DIR}/duplicate-operation-id/openapi.yaml`, "--out", out], { process: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [duplicate-operation-id] test/fixtures/bad-specs/duplicate-operation-id/openapi.yaml:15");
    expect(run.stderr).toMatch(/^ {4}hint: /m);
    expect(hashTree(out)).toEqual(before);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
