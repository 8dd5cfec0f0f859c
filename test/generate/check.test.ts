/** `--check` (what `make check` runs): clean when up to date, and names every drifted file. */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const GENERATED = path.join(REPO_ROOT, "generated");

function copyOfGenerated(): string {
  const dir = path.join(tempDir("check"), "generated");
  cpSync(GENERATED, dir, { recursive: true });
  return dir;
}

describe("generator --check", () => {
  it("passes on the committed generated/ folder", async () => {
    const result = await runCli(["--check", "--out", GENERATED], { process: true });
    expect(result.stderr).toMatch(/up to date/);
    expect(result.status).toBe(0);
  });

  it("fails with exit 1 and names changed, missing and extra files", async () => {
    const out = copyOfGenerated();
    const models = path.join(out, "client", "src", "models.ts");
    writeFileSync(models, `${readFileSync(models, "utf8")}// hand edit\n`);
    rmSync(path.join(out, "client", "src", "client.ts"));
    writeFileSync(path.join(out, "client", "src", "stray.ts"), "export {};\n");
    const result = await runCli(["--check", "--out", out], { process: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("changed: client/src/models.ts");
    expect(result.stderr).toContain("missing: client/src/client.ts");
    expect(result.stderr).toContain("extra:   client/src/stray.ts");
    expect(result.stderr).toContain("make generate");
  });

  it("writes nothing in check mode", async () => {
    const out = copyOfGenerated();
    const models = path.join(out, "client", "src", "models.ts");
    writeFileSync(models, "// drift\n");
    await runCli(["--check", "--out", out], { process: true });
    expect(readFileSync(models, "utf8")).toBe("// drift\n");
  });
});
