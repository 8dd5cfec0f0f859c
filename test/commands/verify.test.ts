/**
 * `verify` against Prism's mock: the project's spec and every fixture spec Prism can serve pass with 0 violations
 * (and no skip: any skip added later is a reviewed Prism limitation, see scripts/verify/limitations.ts);
 * a spec whose constraint no value can meet is reported with Prism's message and exit 1; a refused
 * spec exits 2; --help, --json and usage errors.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import type { VerifyReport } from "../../scripts/verify/verify.js";
import { FIXTURES, FIXTURES_DIR } from "../support/golden.js";
import { runCli } from "../support/run.js";
import { minimalSpec, op, writeSpec } from "../support/spec.js";

const SUMMARY = /^verify: (\d+) operations, (\d+) calls, (\d+) violations, (\d+) skipped$/;

const SPECS: [string, string][] = [
  ["spec/openapi.yaml", path.join(REPO_ROOT, "spec", "openapi.yaml")],
  // Not parameter-styles: a comma in a path value crashes Prism 5.14.2 (test/fixtures/specs/README.md),
  // and every later call then finds no server; that fixture is proven against a node:http server instead.
  ...FIXTURES.filter((f) => f !== "parameter-styles").map((f): [string, string] => [
    `fixture ${f}`,
    path.join(FIXTURES_DIR, f, "openapi.yaml"),
  ]),
  ["Swagger 2.0 tiledb-credentials", path.join(REPO_ROOT, "test", "fixtures", "swagger2", "tiledb-credentials", "swagger.yaml")],
];

describe.concurrent("verify against Prism's mock: 0 violations", () => {
  it.each(SPECS)("%s", async (_name, spec) => {
    const run = await runCli(["verify", "--spec", spec, "--json", "-q"]);
    expect(run.status, run.output).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    const calls = report.operations.flatMap((o) => o.calls);
    expect(
      calls.filter((c) => c.verdict !== "ok"),
      run.stdout,
    ).toEqual([]);
    expect(report.operations.flatMap((o) => o.skipped)).toEqual([]);
    // Every operation is called, and every documented status is forced once.
    for (const o of report.operations) {
      expect(o.calls.filter((c) => c.kind === "required")).toHaveLength(1);
      const forced = o.calls.filter((c) => c.kind === "status");
      expect(forced.length).toBeGreaterThan(0);
      for (const c of forced) expect(c.status).toBe(c.prefer);
    }
    expect(report.counts.calls).toBe(calls.length);
  });
});

describe("verify's report", () => {
  it("prints a table of every call and the summary line last; progress goes to stderr", async () => {
    const run = await runCli(["verify", "--spec", path.join(REPO_ROOT, "spec", "openapi.yaml")]);
    expect(run.status, run.output).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("verify: 5 operations, 23 calls, 0 violations, 0 skipped");
    expect(run.stdout).toMatch(/^operation\s+call\s+status\s+result$/m);
    expect(run.stdout).toMatch(/^OrganizationApi\.getCredential\s+required arguments\s+200\s+ok$/m);
    expect(run.stdout).toMatch(/^\s+code=500 \(default\)\s+500\s+ok$/m);
    expect(run.stdout).toMatch(/^\s+every optional argument\s+200\s+ok$/m);
    expect(run.stderr).toMatch(/^verify: 23\/23 calls, 0 violations$/m);
    expect(run.stderr).toContain("Prism is listening on http://127.0.0.1:");
  });

  it("reports what Prism finds, with its message, and exits 1", async () => {
    // No string can match the pattern (an upper-case letter is required, none allowed).
    const spec = writeSpec(
      minimalSpec({
        paths: {
          "/codes": {
            get: op("listCodes", {
              parameters: [{ name: "code", in: "query", required: true, schema: { type: "string", pattern: "^(?=.*[A-Z])[a-z]{4}$" } }],
            }),
          },
          "/fine": { get: op("getFine") },
        },
      }),
    );
    const run = await runCli(["verify", "--spec", spec, "--problems"]);
    expect(run.status, run.output).toBe(1);
    expect(run.stdout).toMatch(/^DefaultApi\.listCodes\s+required arguments\s+422\s+violation$/m);
    expect(run.stdout).toMatch(/prism: .*query.code.*must match pattern/);
    expect(run.stdout).not.toContain("getFine"); // --problems: ok rows are left out
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(SUMMARY);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("verify: 2 operations, 4 calls, 2 violations, 0 skipped");
  });

  it("lists what cannot be exercised as skipped, with the reason", async () => {
    const spec = writeSpec(
      minimalSpec({
        paths: {
          "/echo": {
            trace: op("traceEcho"),
            get: op("getEcho", { responses: { "101": { description: "switching" }, "200": { description: "ok" } } }),
          },
        },
      }),
    );
    const run = await runCli(["verify", "--spec", spec, "--json", "-q"]);
    expect(run.status, run.output).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    const byName = Object.fromEntries(report.operations.map((o) => [o.methodName, o]));
    expect(byName.traceEcho!.skipped).toEqual([{ what: "operation", reason: expect.stringContaining("TRACE") }]);
    expect(byName.getEcho!.skipped).toEqual([{ what: "101", reason: expect.stringContaining("informational") }]);
    expect(report.counts).toMatchObject({ operations: 2, skipped: 2, violations: 0 });
  });
});

describe("verify: what OpenAPI ignores and what Prism's generator misreads", () => {
  it("a Content-Type header parameter is not sent (OpenAPI ignores it); a `jsonPath` property's type errors are skipped, a `path` one's pass", async () => {
    const columns = (name: string) => ({
      type: "array",
      items: { type: "object", required: ["name", name], properties: { name: { type: "string" }, [name]: { type: "string" } } },
    });
    const json = (schema: object) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
    const spec = writeSpec(
      minimalSpec({
        paths: {
          "/objects": {
            put: op("putObject", {
              parameters: [{ name: "Content-Type", in: "header", required: true, schema: { type: "string" } }],
              requestBody: {
                required: true,
                content: { "application/json": { schema: { type: "object", properties: { size: { type: "integer" } } } } },
              },
            }),
          },
          "/json-path-columns": { get: op("listJsonPathColumns", { responses: json(columns("jsonPath")) }) },
          "/path-columns": { get: op("listPathColumns", { responses: json(columns("path")) }) },
        },
      }),
    );
    const run = await runCli(["verify", "--spec", spec, "--json", "-q"]);
    expect(run.status, run.output).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    const byName = Object.fromEntries(report.operations.map((o) => [o.methodName, o]));
    for (const c of [...byName.putObject!.calls, ...byName.listPathColumns!.calls]) expect(c.verdict, JSON.stringify(c)).toBe("ok");
    expect(byName.listJsonPathColumns!.calls.length).toBeGreaterThan(0);
    for (const c of byName.listJsonPathColumns!.calls) {
      expect(c.verdict).toBe("skipped");
      expect(c.message).toMatch(/reads a property named `jsonPath`/);
    }
  });
});

describe("verify: refused specs and usage", () => {
  it("a spec the generator refuses exits 2 with its problems, before starting Prism", async () => {
    const run = await runCli([
      "verify",
      "--spec",
      path.join(REPO_ROOT, "test", "fixtures", "bad-specs", "missing-operation-id", "openapi.yaml"),
    ]);
    expect(run.status, run.output).toBe(2);
    expect(run.stderr).toMatch(/error \[/);
    expect(run.stderr).toContain("nothing was verified.");
    expect(run.stderr).not.toContain("Prism");
  });

  it("--help documents every option, the credential variables and the exit codes", async () => {
    const run = await runCli(["verify", "--help"]);
    expect(run.status).toBe(0);
    for (const option of ["--spec", "--server", "--unsafe", "--json", "--problems", "--concurrency", "--seed", "--quiet"])
      expect(run.stdout).toContain(option);
    for (const variable of ["VERIFY_API_KEY", "VERIFY_USERNAME", "VERIFY_PASSWORD", "VERIFY_ACCESS_TOKEN"])
      expect(run.stdout).toContain(variable);
    const codes = run.stdout.slice(run.stdout.indexOf("Exit codes:"));
    for (const code of ["0", "1", "2", "3", "4"]) expect(codes).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, "m"));
  });

  it.each([
    { given: ["verify", "--unsafe"], want: /--unsafe only applies with --server/ },
    { given: ["verify", "--server", "localhost:8080"], want: /--server must be an http\(s\) URL/ },
    { given: ["verify", "--concurrency", "0"], want: /--concurrency must be a number of at least 1/ },
    { given: ["verify", "--bogus"], want: /Unknown option '--bogus'/ },
  ])("$given exits 3", async ({ given, want }) => {
    const run = await runCli(given);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(want);
  });
});
