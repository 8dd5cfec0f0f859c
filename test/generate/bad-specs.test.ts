/**
 * Every spec of test/fixtures/bad-specs leaves no correct client, and is refused cleanly: exit 2,
 * each problem listed once, sorted, with its code, its location (file:line and/or JSON pointer)
 * and a hint, and the output folder left byte-for-byte as it was. (What a client can still come
 * out of is decided and warned: test/fixtures/warned-specs, warned-specs.test.ts.)
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
  { given: "no-version-field", want: [{ code: "unsupported-openapi-version", at: "no-version-field/openapi.yaml:2", pointer: "#" }] },
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

  it("covers every kind of input that leaves no correct client", () => {
    expect(new Set(CASES.flatMap((c) => c.want.map((w) => w.code))).size).toBeGreaterThanOrEqual(9);
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
    const run = await runCli(["--spec", `${DIR}/missing-ref-file/openapi.yaml`, "--out", out], { process: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [unresolved-ref] test/fixtures/bad-specs/missing-ref-file/openapi.yaml:16");
    expect(run.stderr).toMatch(/^ {4}hint: /m);
    expect(hashTree(out)).toEqual(before);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
