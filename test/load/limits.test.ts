/**
 * Bounded work (scripts/load/limits.ts, reach.ts): every hostile spec of test/fixtures/hostile
 * (and a few built here, too large to commit) ends with its expected outcome, each refusal located
 * and naming the limit and the flag that raises it; the flag raises it; the output folder is left
 * as it was. Nothing here asserts on time: the runs end, or vitest's timeout turns a hang into a failure.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { measureSpec } from "../../scripts/bench/spec-limits.js";
import { loadSpec } from "../../scripts/load/load.js";
import { LIMIT_FLAGS, resolveLimits } from "../../scripts/options.js";
import { hashTree, leftovers } from "../support/output.js";
import { runCli } from "../support/run.js";
import { minimalSpec, op, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const DIR = "test/fixtures/hostile";

/** `error [code] location: message` lines of a run's stderr, with their hint. */
function problems(stderr: string): { code: string; location: string; message: string; hint: string }[] {
  const lines = stderr.split("\n");
  return lines.flatMap((line, i) => {
    const match = /^error \[([^\]]+)\] (.*?): (.*)$/.exec(line);
    if (!match) return [];
    return [{ code: match[1]!, location: match[2]!, message: match[3]!, hint: /^ {4}hint: (.+)$/.exec(lines[i + 1] ?? "")?.[1] ?? "" }];
  });
}

/** A chain of schemas, each a property of the one before through a `$ref` (depth ≈ 3 per schema). */
function nestedThroughRefs(count: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) schemas[`S${i}`] = { type: "object", properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } };
  schemas[`S${count}`] = { type: "string" };
  return minimalSpec({
    paths: { "/deep": { get: op("getDeep", { responses: okWith({ $ref: "#/components/schemas/S0" }) }) } },
    components: { schemas },
  });
}

const okWith = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });

describe("hostile specs end with their expected outcome", () => {
  let out: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    // A good output first: every refused run below must leave it exactly as it is.
    out = path.join(tempDir("hostile"), "out");
    const good = await runCli(["-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out]);
    expect(good.status, good.stderr).toBe(0);
    before = hashTree(out);
  });

  interface Case {
    given: string;
    flags?: string[];
    /** The code, where (file:line, pointer) and the flag named in the hint. */
    want: { code: string; at: RegExp; flag?: string }[];
  }
  const CASES: Case[] = [
    {
      given: "billion-laughs/openapi.yaml",
      want: [{ code: "yaml-alias-expansion", at: /^billion-laughs\/openapi\.yaml:16:1 #\/x-i$/, flag: "--max-alias-nodes" }],
    },
    {
      given: "recursive-alias/openapi.yaml",
      want: [{ code: "recursive-yaml-alias", at: /^recursive-alias\/openapi\.yaml:19:\d+ #\/paths\/~1nodes\/get\/.*\/properties\/child$/ }],
    },
    {
      given: "deep-nesting/openapi.json",
      want: [{ code: "spec-too-deep", at: /^deep-nesting\/openapi\.json:1:\d+$/, flag: "--max-depth" }],
    },
    {
      given: "ref-chain/openapi.yaml",
      want: [
        {
          code: "ref-chain-too-long",
          at: /^ref-chain\/openapi\.yaml:17:\d+ #\/paths\/~1chain\/get\/.*\/schema\/\$ref$/,
          flag: "--max-ref-hops",
        },
      ],
    },
    {
      given: "remote-ref/openapi.yaml",
      want: [
        {
          code: "remote-ref",
          at: /^remote-ref\/openapi\.yaml:17:\d+ #\/paths\/~1pets\/get\/.*\/schema\/\$ref$/,
          flag: "--allow-remote-refs",
        },
      ],
    },
    {
      given: "file-url-ref/openapi.yaml",
      want: [
        { code: "unsupported-ref-scheme", at: /^file-url-ref\/openapi\.yaml:17:\d+ #\/paths\/~1pets\/get\/.*\$ref$/ },
        { code: "unsupported-ref-scheme", at: /^file-url-ref\/openapi\.yaml:24:\d+ #\/paths\/~1pets\/post\/.*\$ref$/ },
      ],
    },
    {
      given: "device-ref/openapi.yaml",
      want: [{ code: "spec-not-a-regular-file", at: /^device-ref\/openapi\.yaml:17:\d+ #\/paths\/.*\$ref$/ }],
    },
    {
      given: "split-many-files/openapi.yaml",
      flags: ["--max-spec-files", "3"],
      want: [
        { code: "spec-too-many-files", at: /^split-many-files\/openapi\.yaml:13:\d+ #\/paths\/~1c\/\$ref$/, flag: "--max-spec-files" },
      ],
    },
    {
      given: "split-many-files/openapi.yaml",
      flags: ["--max-spec-bytes", "1000"],
      want: [{ code: "spec-too-large", at: /^split-many-files\/openapi\.yaml:13:\d+ #\/paths\/~1c\/\$ref$/, flag: "--max-spec-bytes" }],
    },
  ];

  it.each(CASES.map((c) => ({ ...c, name: [c.given, ...(c.flags ?? [])].join(" ") })))("$name", async ({ given, flags = [], want }) => {
    const run = await runCli(["--spec", `${DIR}/${given}`, "--out", out, ...flags]);
    expect(run.status, run.stderr).toBe(2);
    const printed = problems(run.stderr);
    expect(
      printed.map((p) => p.code),
      run.stderr,
    ).toEqual(want.map((w) => w.code));
    want.forEach((w, i) => {
      expect(printed[i]!.location.replace(`${DIR}/`, "")).toMatch(w.at);
      expect(printed[i]!.hint).not.toBe("");
      if (w.flag) expect(printed[i]!.hint).toContain(w.flag);
    });
    expect(hashTree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("split-many-files generates with the default limits", async () => {
    const run = await runCli(["-q", "--spec", `${DIR}/split-many-files/openapi.yaml`, "--out", path.join(tempDir("split"), "out")]);
    expect(run.status, run.stderr).toBe(0);
  });

  it("a $ref outside the spec's folder is read, with a located warning", async () => {
    const spec = await loadSpec(`${DIR}/outside-folder/spec/openapi.yaml`);
    expect(spec.warnings).toEqual([
      expect.objectContaining({
        code: "ref-outside-spec-folder",
        severity: "warning",
        file: `${DIR}/outside-folder/spec/openapi.yaml`,
        line: 17,
        pointer: "#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
        message: expect.stringContaining(`${DIR}/outside-folder/shared/pet.yaml`),
        hint: expect.any(String),
      }),
    ]);
    expect(spec.document.paths["/pets"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/pet",
    });
    // Files inside the folder are not warned about.
    expect((await loadSpec("test/fixtures/specs/split-refs/openapi.yaml")).warnings).toEqual([]);
  });

  it("5,000 chained $refs are refused at once (our cycle check was cubic in the chain's length)", async () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i + 1}` };
    schemas.S5000 = { type: "string" };
    const file = writeSpec(JSON.stringify(minimalSpec({ paths: {}, components: { schemas } })), "openapi.json");
    const run = await runCli(["--spec", file, "--out", out]);
    expect(run.status, run.stderr).toBe(2);
    expect(problems(run.stderr).map((p) => [p.code, p.location.replace(/^.*openapi\.json:\d+:\d+ /, "")])).toEqual([
      ["ref-chain-too-long", "#/components/schemas/S0/$ref"],
    ]);
    // Raised far enough, the chain is measured in one pass too: it ends as too deep to walk, or deeper than the limit.
    const raised = await runCli(["--spec", file, "--out", out, "--max-ref-hops", "100000"]);
    expect(raised.status, raised.stderr).toBe(2);
    expect(problems(raised.stderr).map((p) => p.code)).toEqual(["spec-too-deep"]);
  });

  it("schemas nested 600 deep through $refs are refused as too deep, with where", async () => {
    const file = writeSpec(JSON.stringify(nestedThroughRefs(600)), "openapi.json");
    const run = await runCli(["--spec", file, "--out", out]);
    expect(run.status, run.stderr).toBe(2);
    const [problem, ...rest] = problems(run.stderr);
    expect(rest).toEqual([]);
    expect(problem!.code).toBe("spec-too-deep");
    expect(problem!.location).toMatch(/openapi\.json:1:\d+ #\/components\/schemas\/S\d+/);
    expect(problem!.hint).toContain("--max-depth (now 512)");
    // Raised beyond what the walks' call stacks hold, it is still the spec's problem, never a crash.
    const raised = await runCli(["--spec", file, "--out", out, "--max-depth", "1000000"]);
    expect(raised.status, raised.stderr).toBe(2);
    expect(problems(raised.stderr).map((p) => p.code)).toEqual(["spec-too-deep"]);
    expect(hashTree(out)).toEqual(before);
  });

  it("a spec as deep as the default limit generates (no stage runs out of stack below it)", async () => {
    // 160 schemas: depth ~490 of 512, three times the deepest real-world spec we measured (Stripe, 150).
    const file = writeSpec(JSON.stringify(nestedThroughRefs(160)), "openapi.json");
    const run = await runCli(["-q", "--spec", file, "--out", path.join(tempDir("deep"), "out")]);
    expect(run.status, run.stderr).toBe(0);
  });

  it("the spec path itself may not be a device", async () => {
    const run = await runCli(["--spec", "/dev/zero", "--out", out]);
    expect(run.status, run.stderr).toBe(2);
    expect(problems(run.stderr).map((p) => [p.code, p.location])).toEqual([["spec-not-a-regular-file", "/dev/zero"]]);
  });

  it("a root file over --max-spec-bytes is refused before it is read", async () => {
    const run = await runCli(["--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", out, "--max-spec-bytes", "10"]);
    expect(run.status, run.stderr).toBe(2);
    const [problem] = problems(run.stderr);
    expect(problem!.code).toBe("spec-too-large");
    expect(problem!.hint).toContain("--max-spec-bytes (now 10)");
  });

  it("YAML aliases within the limit are fine, and --max-alias-nodes lowers it", async () => {
    const text = [
      "openapi: 3.1.0",
      "info: {title: Aliases, version: 1.0.0}",
      "x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]",
      "x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "x-c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "paths: {}",
    ].join("\n");
    const file = writeSpec(text);
    expect((await loadSpec(file)).document["x-c"][8][8]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(loadSpec(file, { limits: resolveLimits({ maxAliasNodes: 100 }) })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: "yaml-alias-expansion", line: 5, pointer: "#/x-c" })],
    });
  });

  it("a 5 MB description and a 50,000-value enum generate", async () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `value_${i}`);
    const spec = minimalSpec({
      info: { title: "Big", version: "1.0.0", description: "All work and no play. ".repeat(240_000) },
      paths: { "/values": { get: op("getValue", { responses: okWith({ type: "string", enum: values }) }) } },
    });
    const file = writeSpec(JSON.stringify(spec), "openapi.json");
    const target = path.join(tempDir("big"), "out");
    const run = await runCli(["-q", "--spec", file, "--out", target]);
    expect(run.status, run.stderr).toBe(0);
    expect(Object.keys(hashTree(target))).toContain("client/src/schema.ts");
  });

  it("every limit has a flag in every command that reads a spec, shown in its help", async () => {
    for (const command of ["generate", "watch", "diff"]) {
      const help = await runCli([command, "--help"]);
      for (const limit of Object.values(LIMIT_FLAGS)) expect(help.stdout, command).toContain(`--${limit.flag} <n>`);
      expect(help.stdout, command).toContain("--allow-remote-refs");
    }
    const wrong = await runCli(["--spec", `${DIR}/ref-chain/openapi.yaml`, "--out", out, "--max-ref-hops", "lots"]);
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toContain('--max-ref-hops must be a number of at least 1, not "lots"');
    // Raised, the chain of 40 passes that check.
    const raised = await runCli([
      "-q",
      "--spec",
      `${DIR}/ref-chain/openapi.yaml`,
      "--out",
      path.join(tempDir("chain"), "out"),
      "--max-ref-hops",
      "64",
    ]);
    expect(raised.status, raised.stderr).toBe(0);
  });
});

describe("the default limits pass every real-world spec we measured", () => {
  // Measured on the 65 specs of the research corpus (see README "Limits"): the largest file is
  // GitHub's REST API (13,001,822 bytes), the deepest Stripe (150 levels through $refs), the
  // longest $ref chain 1, the most values added by YAML aliases 80 (Rebilly), the most files 5.
  it("each default is at least twice the largest figure", () => {
    const defaults = resolveLimits();
    expect(defaults.maxSpecBytes).toBeGreaterThanOrEqual(2 * 13_001_822);
    expect(defaults.maxDepth).toBeGreaterThanOrEqual(2 * 150);
    expect(defaults.maxRefHops).toBeGreaterThanOrEqual(2 * 1);
    expect(defaults.maxAliasNodes).toBeGreaterThanOrEqual(2 * 80);
    // A 2,000-file split spec is known to exist (issue 12).
    expect(defaults.maxSpecFiles).toBeGreaterThanOrEqual(2 * 2000);
    expect(defaults.allowRemoteRefs).toBe(false);
  });

  it("this repository's spec and fixtures measure far within them", async () => {
    const unbounded = resolveLimits({ maxSpecBytes: 1e12, maxSpecFiles: 1e9, maxDepth: 1e5, maxRefHops: 1e5, maxAliasNodes: 1e12 });
    const defaults = resolveLimits();
    for (const file of [
      "spec/openapi.yaml",
      "test/fixtures/specs/split-refs/openapi.yaml",
      "test/fixtures/specs/no-tags-composition/openapi.yaml",
    ]) {
      const measured = await measureSpec(file, unbounded);
      for (const [limit, value] of Object.entries(measured))
        expect(value, `${file} ${limit}`).toBeLessThanOrEqual(defaults[limit as keyof typeof measured] / 2);
      expect(measured.maxDepth, file).toBeGreaterThan(5);
    }
    expect((await measureSpec("test/fixtures/specs/split-refs/openapi.yaml", unbounded)).maxSpecFiles).toBe(8);
  });
});
