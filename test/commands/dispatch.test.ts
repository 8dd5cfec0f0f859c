/** The front door (`cli.ts [command]`): every command answers --help and a usage error the same way. */
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run.js";

const COMMANDS = ["generate", "watch", "diff", "compile", "site", "serve"];

describe("every command", () => {
  it.each(COMMANDS)("%s --help exits 0 with its usage, options and exit codes", async (name) => {
    const run = await runCli([name, "--help"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^Usage: ${name}\\b`));
    expect(run.stdout).toContain("-h, --help");
    expect(run.stdout).toMatch(/Exit codes:\n(\s+\d\s+\S.*\n)+/);
  });

  it.each(COMMANDS)("%s with an unknown flag exits 3 and shows its usage", async (name) => {
    const run = await runCli([name, "--no-such-flag"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("Unknown option '--no-such-flag'");
    expect(run.stderr).toContain(`Usage: ${name}`);
  });

  it("help lists them all", async () => {
    const run = await runCli(["help"]);
    expect(run.status).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
  });

  it("compile of a folder with no generated package exits 1 with what to do", async () => {
    const run = await runCli(["compile", "--out", "test/fixtures/specs"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("run `make generate` first");
  });

  it("serve of a folder with no site exits 1 with what to do", async () => {
    const run = await runCli(["serve", "--dir", "test/fixtures", "--port", "0"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("run `make site` first");
  });

  it("a bad number is a usage error", async () => {
    const run = await runCli(["serve", "--port", "eighty"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('--port must be a number of at least 0, not "eighty"');
  });
});
