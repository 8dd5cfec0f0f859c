/** The diff command (`make diff`): files or a git ref in, a report and an exit code out. */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/options.js";
import { runCli } from "../support/run.js";
import { tempDir, TMP_ROOT as TMP } from "../support/temp.js";

const pair = (name: string) => ["--old", `test/fixtures/spec-diff/${name}/old.yaml`, "--new", `test/fixtures/spec-diff/${name}/new.yaml`];

const diff = (args: string[]) => runCli(["diff", ...args]);

describe("diff with --old and --new", () => {
  it("reports the changes and the bump, and exits 0 without --fail-on-breaking", async () => {
    const run = await diff(pair("parameter-removed"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('BREAKING  PetsApi.listPets: query parameter "limit" removed  [parameter-removed]');
    expect(run.stdout).toContain("semver: major (client version 1.0.0 → 2.0.0)");
  });

  it.each([
    { given: "parameter-removed", want: 1 },
    { given: "optional-parameter-added", want: 0 },
    { given: "docs-only", want: 0 },
    { given: "no-change", want: 0 },
  ])("--fail-on-breaking: $given exits $want", async ({ given, want }) => {
    expect((await diff([...pair(given), "--fail-on-breaking"])).status).toBe(want);
  });

  it("--json prints the changes as JSON", async () => {
    const run = await diff([...pair("request-enum-value-added"), "--json"]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ bump: "minor", oldVersion: "1.0.0", suggestedVersion: "1.1.0" });
    expect(json.changes).toEqual([
      {
        kind: "enum-value-added",
        breaking: false,
        bump: "minor",
        subject: "PetsApi.listPets",
        message: 'query parameter status: enum value "adopted" added',
        pointer: "#/paths/~1pets/get",
      },
    ]);
  });

  it("exits 2 with the problems when a spec is invalid", async () => {
    const run = await diff([
      "--old",
      "test/fixtures/spec-diff/no-change/old.yaml",
      "--new",
      "test/fixtures/bad-specs/missing-ref-file/openapi.yaml",
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [unresolved-ref]");
    expect(run.stderr).toMatch(/^ {4}hint: /m);
  });

  it("prints the new spec's warnings on stderr; --strict makes them errors", async () => {
    const args = [
      "--old",
      "test/fixtures/spec-diff/no-change/old.yaml",
      "--new",
      "test/fixtures/warned-specs/missing-operation-id/openapi.yaml",
    ];
    const run = await diff(args);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning \[missing-operation-id\] test\/fixtures\/warned-specs\/missing-operation-id\/openapi\.yaml:8 /m);
    expect(run.stderr).toMatch(/^1 warning\(s\)/m);
    const strict = await diff([...args, "--strict"]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("error [missing-operation-id]");
  });

  it.each([
    { given: [], want: /either --base/ },
    { given: ["--base", "HEAD", "--old", "a.yaml"], want: /either --base/ },
    { given: ["--frobnicate"], want: /Unknown option/ },
  ])("usage error $given exits 3", async ({ given, want }) => {
    const run = await diff(given);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(want);
  });

  it("--help exits 0 and lists the exit codes", async () => {
    const run = await diff(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:[\s\S]*1 {2}--fail-on-breaking/);
  });
});

describe("diff --base <git ref>", () => {
  it("reads the (split) spec at the ref with git and compares it with the working copy", async () => {
    const repo = tempDir("diff-git");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.test", "-c", "commit.gpgsign=false", ...args], {
        cwd: repo,
        stdio: "pipe",
      });
    git("init", "-q", "-b", "main");
    cpSync(path.join(REPO_ROOT, "test/fixtures/specs/split-refs"), path.join(repo, "spec"), { recursive: true });
    git("add", "-A");
    git("commit", "-q", "-m", "spec v1");
    // In the working copy, the summary path (a file of its own) is no longer referenced.
    const root = path.join(repo, "spec", "openapi.yaml");
    const summaryPath = "  /orders/{orderId}/summary:\n    $ref: './paths/order-summary.yaml'\n";
    const text = readFileSync(root, "utf8");
    expect(text).toContain(summaryPath);
    writeFileSync(root, text.replace(summaryPath, ""));

    const same = await diff(["--base", "HEAD", "--spec", root]);
    // Only the new side's warnings (its schema `Error` is exported as `ErrorModel`).
    expect(same.stderr.split("\n").filter((line) => line && !/^warning \[|^ {4}hint: |^\d+ warning\(s\): /.test(line))).toEqual([]);
    expect(same.stdout).toMatch(/^Client API changes from .*spec\/openapi\.yaml@HEAD to /);
    expect(same.stdout).toContain("OrdersApi.getOrderSummary: method removed (GET /orders/{orderId}/summary)  [operation-removed]");
    expect((await diff(["--base", "HEAD", "--spec", root, "--fail-on-breaking"])).status).toBe(1);

    // The temporary checkout is cleaned up.
    expect(readdirSync(TMP).filter((n) => n.startsWith("diff-base-"))).toEqual([]);

    // An unknown ref is a usage error.
    const unknown = await diff(["--base", "no-such-ref", "--spec", root]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain("no-such-ref");
    rmSync(path.join(repo, ".git"), { recursive: true, force: true });
  });

  it("compares the repository's own spec with HEAD as `make diff` does (a real process)", async () => {
    const run = await runCli(["diff", "--base", "HEAD"], { process: true });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Client API changes from spec\/openapi\.yaml@HEAD to spec\/openapi\.yaml:/);
    expect(run.stdout).toMatch(/semver: (none|patch|minor|major)/);
  });
});
