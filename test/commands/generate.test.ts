/** The generator's command line: help, usage errors, quiet mode, progress, exit codes. */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";

describe("generate --help", () => {
  it("exits 0 and documents every option and exit code", async () => {
    const run = await runCli(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    for (const option of ["--spec", "--out", "--check", "--quiet", "--help", "--package-name", "--package-version"])
      expect(run.stdout).toContain(option);
    const codes = run.stdout.slice(run.stdout.indexOf("Exit codes:"));
    for (const code of ["0", "1", "2", "3", "4"]) expect(codes).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, "m"));
  });

  it("-h is the same", async () => {
    expect((await runCli(["-h"])).stdout).toBe((await runCli(["--help"])).stdout);
  });
});

describe("usage errors exit 3", () => {
  it.each([
    { given: ["--bogus"], want: /Unknown option '--bogus'/ },
    { given: ["generate", "spec/openapi.yaml"], want: /positional argument/i },
    { given: ["--spec"], want: /argument missing/i },
  ])("$given", async ({ given, want }) => {
    const run = await runCli(given);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(want);
    // The usage follows the message.
    expect(run.stderr).toContain("Usage: generate");
  });

  it("an unknown command exits 3 and lists the commands", async () => {
    const run = await runCli(["generat"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('unknown command "generat"');
    for (const command of ["generate", "watch", "diff", "compile", "site", "serve"])
      expect(run.stderr).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
  });

  it("an unknown flag exits 3 from a real process too", async () => {
    const run = await runCli(["--no-such-flag"], { process: true });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("Unknown option '--no-such-flag'");
  });
});

describe("progress and quiet", () => {
  it("prints one line per stage and a summary on stderr, nothing on stdout", async () => {
    const out = path.join(tempDir("progress"), "out");
    const run = await runCli(["--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    for (const stage of ["load", "build-ir", "render", "format", "write"])
      expect(run.stderr).toMatch(new RegExp(`^  ${stage} +\\d+ ms$`, "m"));
    expect(run.stderr).toMatch(
      /^generated .* from test\/fixtures\/specs\/minimal-31\/openapi\.yaml \(1 operations, \d+ models, \d+ files, \d+ ms\)$/m,
    );
  });

  it("-q prints nothing at all on success", async () => {
    const out = path.join(tempDir("quiet"), "out");
    const run = await runCli(["-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
    expect(run).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(readdirSync(out)).toContain("client");
  });

  it("-q still prints the problems of a bad spec", async () => {
    const run = await runCli([
      "-q",
      "--spec",
      "test/fixtures/bad-specs/missing-ref-file/openapi.yaml",
      "--out",
      path.join(tempDir("quiet-bad"), "out"),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error [unresolved-ref]");
  });

  it("-q still prints the warnings, and their count (nothing else)", async () => {
    const run = await runCli([
      "-q",
      "--spec",
      "test/fixtures/warned-specs/no-operations/openapi.yaml",
      "--out",
      path.join(tempDir("quiet-warned"), "out"),
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^warning \[no-operations\] test\/fixtures\/warned-specs\/no-operations\/openapi\.yaml:6 #\/paths: /),
      expect.stringMatching(/^ {4}hint: /),
      "1 warning(s): decided as each says and generated; --strict refuses them",
    ]);
  });

  it("--check exits 1 when the output differs, 0 when it matches", async () => {
    const out = path.join(tempDir("check"), "out");
    const spec = "test/fixtures/specs/minimal-31/openapi.yaml";
    expect((await runCli(["-q", "--check", "--spec", spec, "--out", out])).status).toBe(1);
    expect((await runCli(["-q", "--spec", spec, "--out", out])).status).toBe(0);
    expect((await runCli(["-q", "--check", "--spec", spec, "--out", out])).status).toBe(0);
  });
});

describe("valid but unusual specs generate", () => {
  // Circular schemas, no tags, no servers, no security, split files, several tags.
  it.each(["no-tags-composition", "minimal-31", "split-refs", "petstore-multi-tag"])("%s exits 0", async (name) => {
    const out = path.join(tempDir(name), "out");
    const run = await runCli(["-q", "--spec", `test/fixtures/specs/${name}/openapi.yaml`, "--out", out]);
    expect(run, run.stderr).toMatchObject({ status: 0, stdout: "" });
    // -q leaves only the warnings (e.g. a schema named `Error` exported as `ErrorModel`).
    const other = run.stderr.split("\n").filter((line) => line && !/^warning \[|^ {4}hint: |^\d+ warning\(s\): /.test(line));
    expect(other, run.stderr).toEqual([]);
  });
});
