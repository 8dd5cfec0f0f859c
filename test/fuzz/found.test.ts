/**
 * What the fuzz suite found, kept: each spec of test/fixtures/fuzz has the outcome its README gives
 * (refused with its code at its location, or generated into a client that compiles under strict tsc).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tsc } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const DIR = "test/fixtures/fuzz";

const REFUSED: { given: string; want: [code: string, at: string][] }[] = [
  { given: "undeclared-non-ascii-path-parameter", want: [["undeclared-path-parameter", "openapi.yaml:9 #/paths/~1items~1{名前}/get"]] },
  { given: "empty-parameter-name", want: [["empty-parameter-name", "openapi.yaml:12 #/paths/~1search/get/parameters/0/name"]] },
];

/** Generated with a warning: the name is numbered (`hasOwnProperty2`). */
const WARNED: { given: string; want: [code: string, at: string, renamed: string][] }[] = [
  {
    given: "inherited-option-name",
    want: [["parameter-name-conflict", "openapi.yaml:13 #/paths/~1pets/get/parameters/0", "hasOwnProperty2"]],
  },
  {
    given: "inherited-config-name",
    want: [["config-name-conflict", "openapi.yaml:20 #/components/securitySchemes/toString", "toString2"]],
  },
];

/** Generated with a warning: the cycle is cut at one `$ref` (a union member's), read as `unknown`. */
const CUT: { given: string; want: [code: string, at: string][] }[] = [
  { given: "type-cycle-union", want: [["type-cycle", "openapi.yaml:25 #/components/schemas/Value/oneOf/1"]] },
  {
    given: "type-cycle-polymorphism",
    want: [
      ["type-cycle", "openapi.yaml:28 #/components/schemas/Pet/oneOf/0"],
      ["type-cycle", "openapi.yaml:29 #/components/schemas/Pet/oneOf/1"],
    ],
  },
];

const GENERATED = ["required-cookie", "non-ascii-path-parameter", ...WARNED.map((w) => w.given), ...CUT.map((c) => c.given)];

describe("specs the fuzz suite found", () => {
  it.each(REFUSED)("$given is refused, located", async ({ given, want }) => {
    const run = await runCli(["--spec", `${DIR}/${given}/openapi.yaml`, "--out", path.join(tempDir("found"), "out")]);
    expect(run.status, run.stderr).toBe(2);
    const printed = [...run.stderr.matchAll(/^error \[([^\]]+)\] (.+?): /gm)].map((m) => [m[1], m[2]!.replace(`${DIR}/${given}/`, "")]);
    expect(printed).toEqual(want);
  });

  it.each(WARNED)("$given is generated with a warning, the name numbered", async ({ given, want }) => {
    const run = await runCli(["--spec", `${DIR}/${given}/openapi.yaml`, "--out", path.join(tempDir("found"), "out")]);
    expect(run.status, run.stderr).toBe(0);
    const printed = [...run.stderr.matchAll(/^warning \[([^\]]+)\] (.+?): .*named `([^`]+)`$/gm)].map((m) => [
      m[1],
      m[2]!.replace(`${DIR}/${given}/`, ""),
      m[3],
    ]);
    expect(printed).toEqual(want);
  });

  it.each(CUT)("$given is generated with its type cycle cut, warned", async ({ given, want }) => {
    const run = await runCli(["--spec", `${DIR}/${given}/openapi.yaml`, "--out", path.join(tempDir("found"), "out")]);
    expect(run.status, run.stderr).toBe(0);
    const printed = [...run.stderr.matchAll(/^warning \[([^\]]+)\] (.+?): .*read as any value/gm)].map((m) => [
      m[1],
      m[2]!.replace(`${DIR}/${given}/`, ""),
    ]);
    expect(printed).toEqual(want);
  });

  it("the others generate clients that compile under strict tsc", async () => {
    const dir = tempDir("found");
    for (const given of GENERATED) {
      const run = await runCli(["-q", "--spec", `${DIR}/${given}/openapi.yaml`, "--out", path.join(dir, given)]);
      expect(run.status, run.stderr).toBe(0);
    }
    const options = JSON.parse(readFileSync(path.join(dir, GENERATED[0]!, "client/tsconfig.json"), "utf8")).compilerOptions;
    const { rootDir: _rootDir, outDir: _outDir, ...rest } = options;
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { ...rest, noEmit: true }, include: GENERATED.map((given) => `${given}/client/src`) }),
    );
    const compiled = tsc(dir);
    expect(compiled.output).toBe("");
    expect(compiled.status).toBe(0);
    // The required cookie is sent by the runtime and typed in `params`.
    expect(readFileSync(path.join(dir, "required-cookie/client/src/fn.ts"), "utf8")).toContain("cookie: { session }");
  });
});
