/**
 * The generator under random input (fast-check, seeded, a fixed number of cases): random
 * structurally valid specs (spec-arbitrary.ts) and broken copies of the fixture specs
 * (mutations.ts). For every one, the generator ends, and either writes a client that compiles
 * under strict tsc, or refuses with exit 2 and problems that each have a code and a location,
 * leaving the previous output exactly as it was. Never exit 4 (an internal error), never a stack
 * trace, never a hang.
 *
 * The cases run in one child process (test/fuzz/runner.ts: one start-up for all; a hang or a crash
 * is pinned to the case that was running), and every client generated is compiled by one tsc
 * program. Another seed: FUZZ_SEED=<n>; more cases: FUZZ_VALID=<n> FUZZ_MUTANTS=<n>. A failure
 * prints the case's spec; a spec worth keeping becomes a fixture under test/fixtures/fuzz/.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { REPO_ROOT } from "../../scripts/options.js";
import { hashTree, leftovers } from "../support/output.js";
import { NODE_TSX, runCli, tsc } from "../support/run.js";
import { tempDir } from "../support/temp.js";
import { loadFixtures, mutantArbitrary } from "./mutations.js";
import type { FuzzCase, FuzzOutcome } from "./runner.js";
import { specArbitrary } from "./spec-arbitrary.js";

const SEED = Number(process.env.FUZZ_SEED ?? 18);
// In `make test`: about a minute on this machine (README "Fuzzing"); more for a deeper search.
const VALID = Number(process.env.FUZZ_VALID ?? 8);
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 16);
/** Only turns a hang into a failure that names the case (nothing is asserted on time). */
const HANG_GUARD_MS = 120_000;

interface Case extends FuzzCase {
  /** What the case is: the valid spec's index, or the mutation made. */
  what: string;
  /** The root file's text, printed when the case fails. */
  text: string;
}

interface Run {
  outcomes: Map<string, FuzzOutcome>;
  unhandled: { id: string; unhandled: string }[];
  /** The case that was running when the process hung or died. */
  stuck?: string;
  exit: number | null;
}

/** Runs the cases in one child process; stops it if a case makes no progress within the guard. */
function runAll(casesFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), path.join(REPO_ROOT, "test/fuzz/runner.ts"), casesFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run: Run = { outcomes: new Map(), unhandled: [], exit: null };
    let current: string | undefined;
    let buffer = "";
    let stderr = "";
    let guard = setTimeout(() => child.kill("SIGKILL"), HANG_GUARD_MS);
    child.stdout.on("data", (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        const message = JSON.parse(line);
        if ("start" in message) {
          current = message.start;
          clearTimeout(guard);
          guard = setTimeout(() => child.kill("SIGKILL"), HANG_GUARD_MS);
        } else if ("unhandled" in message) run.unhandled.push(message);
        else {
          run.outcomes.set(message.id, message);
          current = undefined;
        }
      }
    });
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      run.exit = code;
      if (current !== undefined) run.stuck = `${current} (the process ended with ${code}; stderr: ${stderr.slice(-2000)})`;
      resolve(run);
    });
  });
}

const problemLine = /^error \[([a-z0-9-]+)\] (.+?): (.+)$/;

describe("fuzz: random and broken specs", () => {
  const cases: Case[] = [];
  let run: Run;
  let previous: Record<string, string>;
  let compiled: ReturnType<typeof tsc> | undefined;
  const byId = (id: string) => cases.find((c) => c.id === id)!;
  const show = (c: Case, outcome?: FuzzOutcome) =>
    `${c.id} (seed ${SEED}): ${c.what}\n--- exit ${outcome?.status}, stderr:\n${outcome?.stderr.slice(0, 3000)}\n--- ${c.spec}:\n${c.text.slice(0, 4000)}`;

  beforeAll(async () => {
    const dir = tempDir("fuzz");
    // The output of an earlier run, which every refused case must leave exactly as it was.
    const good = path.join(dir, "previous");
    const made = await runCli(["-q", "--spec", "test/fixtures/specs/minimal-31/openapi.yaml", "--out", good]);
    expect(made.status, made.stderr).toBe(0);
    previous = hashTree(good);

    const valid = fc.sample(specArbitrary(), { seed: SEED, numRuns: VALID });
    valid.forEach((spec, i) => {
      const folder = path.join(dir, `valid-${i}`);
      const file = path.join(folder, "spec", i % 3 === 2 ? "openapi.json" : "openapi.yaml");
      const text = file.endsWith(".json") ? JSON.stringify(spec, null, 2) : stringify(spec, { aliasDuplicateObjects: false, lineWidth: 0 });
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      cases.push({ id: `valid-${i}`, spec: file, out: path.join(folder, "out"), what: `random spec #${i}`, text });
    });
    const mutants = fc.sample(mutantArbitrary(loadFixtures()), { seed: SEED, numRuns: MUTANTS });
    mutants.forEach((mutant, i) => {
      const folder = path.join(dir, `mutant-${i}`);
      for (const [rel, text] of Object.entries(mutant.files)) {
        mkdirSync(path.dirname(path.join(folder, "spec", rel)), { recursive: true });
        writeFileSync(path.join(folder, "spec", rel), text);
      }
      const spec = path.join(folder, "spec", mutant.root);
      cases.push({ id: `mutant-${i}`, spec, out: path.join(folder, "out"), what: mutant.what, text: mutant.files[mutant.root]! });
    });
    for (const c of cases) cpSync(good, c.out, { recursive: true });

    const casesFile = path.join(dir, "cases.json");
    writeFileSync(casesFile, JSON.stringify(cases.map(({ id, spec, out }) => ({ id, spec, out }))));
    run = await runAll(casesFile);
    // What each case was and how it ended, for a look after the run (test-artifacts/ is not committed).
    mkdirSync(path.join(REPO_ROOT, "test-artifacts"), { recursive: true });
    writeFileSync(
      path.join(REPO_ROOT, "test-artifacts", "fuzz.json"),
      `${JSON.stringify(
        cases.map((c) => ({
          id: c.id,
          what: c.what,
          status: run.outcomes.get(c.id)?.status,
          ms: run.outcomes.get(c.id)?.ms,
          problems: run.outcomes
            .get(c.id)
            ?.stderr.split("\n")
            .filter((l) => /^error \[/.test(l))
            .slice(0, 3),
        })),
        null,
        1,
      )}\n`,
    );

    // One tsc program over every client generated (each its own package folder, the client's own options).
    const generated = cases.filter((c) => run.outcomes.get(c.id)?.status === 0);
    if (generated.length > 0) {
      const clientOptions = JSON.parse(readFileSync(path.join(generated[0]!.out, "client/tsconfig.json"), "utf8")).compilerOptions;
      const {
        rootDir: _rootDir,
        outDir: _outDir,
        declaration: _declaration,
        sourceMap: _sourceMap,
        inlineSources: _inline,
        ...options
      } = clientOptions;
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { ...options, noEmit: true },
          include: generated.map((c) => `${path.relative(dir, c.out)}/client/src`),
        }),
      );
      compiled = tsc(dir);
    }
    // A hang guard for the whole batch (cases run one after another on a shared machine), not a speed check.
  }, 900_000);

  it("runs every case to its end: no hang, no crash of the process, no unhandled rejection", () => {
    expect(run.stuck, run.stuck && show(byId(run.stuck.split(" ")[0]!))).toBeUndefined();
    expect(run.exit).toBe(0);
    expect(run.outcomes.size).toBe(cases.length);
    expect(run.unhandled.map((u) => `${u.id}: ${u.unhandled}`)).toEqual([]);
  });

  it("ends every case with exit 0 (generated) or 2 (refused): never 4, never a stack trace", () => {
    for (const c of cases) {
      const outcome = run.outcomes.get(c.id)!;
      expect([0, 2], show(c, outcome)).toContain(outcome.status);
      expect(outcome.stderr, show(c, outcome)).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
    }
  });

  it("refuses with problems that each have a code and a location, and leaves the previous output as it was", () => {
    for (const c of cases) {
      const outcome = run.outcomes.get(c.id)!;
      if (outcome.status !== 2) continue;
      const lines = outcome.stderr.split("\n");
      const problems = lines.filter((line) => /^(error|warning) \[/.test(line));
      expect(problems.length, show(c, outcome)).toBeGreaterThan(0);
      for (const line of problems.filter((l) => l.startsWith("error"))) {
        const [, , location] = problemLine.exec(line) ?? [];
        // A location: file[:line[:col]] and/or a JSON pointer.
        expect(location, `${line}\n${show(c, outcome)}`).toMatch(/\S/);
      }
      expect(outcome.stderr, show(c, outcome)).toMatch(/^\d+ problem\(s\); nothing was written\.$/m);
      expect(hashTree(c.out), show(c, outcome)).toEqual(previous);
      expect(leftovers(c.out), show(c, outcome)).toEqual([]);
    }
  });

  it("compiles every client generated under strict tsc (one program for all of them)", () => {
    const generated = cases.filter((c) => run.outcomes.get(c.id)?.status === 0);
    for (const c of generated) {
      expect(Object.keys(hashTree(c.out)), c.id).toContain("client/src/schema.ts");
      expect(leftovers(c.out), c.id).toEqual([]);
    }
    if (!compiled) return;
    // Errors by client, each with the spec it came from.
    const failing = cases.filter((c) => compiled!.output.includes(`${path.basename(path.dirname(c.out))}/out/client/`));
    expect(
      failing.map(
        (c) =>
          `${show(c)}\n--- tsc:\n${compiled!.output
            .split("\n")
            .filter((l) => l.includes(`${c.id}/out/`))
            .slice(0, 20)
            .join("\n")}`,
      ),
    ).toEqual([]);
    expect(compiled.status, compiled.output.slice(0, 3000)).toBe(0);
  });

  it("is not vacuous: random specs generate, broken ones are refused or warned, in good numbers", () => {
    const count = (prefix: string, status: number) =>
      cases.filter((c) => c.id.startsWith(prefix) && run.outcomes.get(c.id)?.status === status).length;
    // Most random specs are valid and generate; most broken copies are refused or generated with
    // a warning that says what was decided (some mutations are harmless).
    const noticed = cases.filter((c) => {
      const outcome = run.outcomes.get(c.id);
      return c.id.startsWith("mutant-") && (outcome?.status === 2 || (outcome?.status === 0 && /^warning \[/m.test(outcome.stderr)));
    }).length;
    expect(count("valid-", 0)).toBeGreaterThanOrEqual(VALID / 3);
    expect(noticed).toBeGreaterThanOrEqual(MUTANTS / 3);
    expect(count("mutant-", 2)).toBeGreaterThan(0);
    // The tsc step checks what it is given: an empty program would pass.
    expect(compiled).toBeDefined();
  });
});
