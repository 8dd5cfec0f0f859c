/**
 * `make watch` (scripts/watch.ts) as a user runs it: a child process on a copy of a small spec,
 * edited, broken and fixed while it runs. Waits on its output lines, never on wall time.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startWatch } from "../../scripts/commands/watch.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { hashTree } from "../support/output.js";
import { NODE_TSX } from "../support/run.js";
import { tempDir } from "../support/temp.js";

let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  // Never leave a watcher behind, even when a step failed.
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

/** Collects a child's output lines and lets a test wait for the next line that matches. */
class Lines {
  readonly all: string[] = [];
  private waiters: { from: number; pattern: RegExp; resolve: (line: string) => void }[] = [];
  private buffer = "";
  push(chunk: string): void {
    this.buffer += chunk;
    const parts = this.buffer.split("\n");
    this.buffer = parts.pop()!;
    for (const line of parts) {
      this.all.push(line);
      this.check();
    }
  }
  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      const found = this.all.slice(w.from).find((line) => w.pattern.test(line));
      if (found !== undefined) w.resolve(found);
      return found === undefined;
    });
  }
  /**
   * The next line matching `pattern` printed after line index `from`. The guard only turns a
   * hang into a readable failure (with the output so far); nothing is asserted on time.
   */
  next(pattern: RegExp, from = this.all.length, guardMs = 45_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const guard = setTimeout(
        () => reject(new Error(`no line matching ${pattern} after line ${from}; output:\n${this.all.join("\n")}`)),
        guardMs,
      );
      this.waiters.push({ from, pattern, resolve: (line) => (clearTimeout(guard), resolve(line)) });
      this.check();
    });
  }
}

describe("watch", () => {
  it("regenerates on a change, keeps the last good output on an error, and keeps running", async () => {
    const dir = tempDir("watch");
    const specDir = path.join(dir, "spec");
    const spec = path.join(specDir, "openapi.yaml");
    const out = path.join(dir, "out");
    const templates = path.join(dir, "templates");
    mkdirSync(specDir);
    cpSync(path.join(REPO_ROOT, "test/fixtures/specs/minimal-31/openapi.yaml"), spec);
    // A copy of the templates: the test must not react to (or depend on) edits of the real ones.
    cpSync(path.join(REPO_ROOT, "templates"), templates, { recursive: true });
    const original = readFileSync(spec, "utf8");

    child = spawn(
      NODE_TSX[0],
      [...NODE_TSX.slice(1), "scripts/cli.ts", "watch", "--spec", spec, "--out", out, "--templates", templates, "--debounce", "100"],
      {
        cwd: REPO_ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    const lines = new Lines();
    const watcher = child;
    watcher.stdout.on("data", (d) => lines.push(String(d)));
    watcher.stderr.on("data", (d) => lines.push(String(d)));
    const exited = new Promise<number | null>((resolve) => watcher.on("exit", (code) => resolve(code)));
    try {
      expect(await lines.next(/^watching /, 0)).toContain("(debounce 100 ms");
      await lines.next(/^generated /, 0);
      const first = hashTree(out);
      expect(Object.keys(first)).toContain("client/src/apis/DefaultApi.ts");

      // 1. An edit: the output changes, and the watcher says what changed and how long it took.
      let from = lines.all.length;
      writeFileSync(spec, original.replace("summary: Ping", "summary: Ping the server"));
      const regenerated = await lines.next(/^regenerated /, from);
      expect(regenerated).toMatch(/ in \d+ ms \(1 operations, 0 models, \d+ files; \d+ file\(s\) changed\)$/);
      expect(lines.all.slice(from).find((l) => l.startsWith("changed: "))).toContain("openapi.yaml");
      const second = hashTree(out);
      expect(second).not.toEqual(first);
      expect(readFileSync(path.join(out, "client/src/apis/DefaultApi.ts"), "utf8")).toContain("Ping the server");

      // 2. A broken spec: the problem is shown, the output stays as it was, the watcher keeps running.
      from = lines.all.length;
      writeFileSync(spec, `${original}\npaths: [\n`);
      const error = await lines.next(/^error: /, from);
      expect(error).toContain("kept the last good output");
      // The details go to stderr, the summary to stdout: two pipes, so either may arrive first.
      await lines.next(/^error \[(invalid-yaml|duplicate-key)\] .*openapi\.yaml:\d+/, from);
      await lines.next(/^ {4}hint: /, from);
      expect(hashTree(out)).toEqual(second);
      expect(watcher.exitCode).toBeNull();

      // 3. Fixed again: regenerated from the fixed spec.
      from = lines.all.length;
      writeFileSync(spec, original);
      await lines.next(/^regenerated /, from);
      expect(hashTree(out)).toEqual(first);

      // 3b. Something to decide (no operationId): generated, the warning printed, its count in the summary.
      from = lines.all.length;
      writeFileSync(spec, original.replace("      operationId: ping\n", ""));
      expect(await lines.next(/^regenerated /, from)).toMatch(/; 1 warning\(s\)\)$/);
      await lines.next(/^warning \[missing-operation-id\] .*openapi\.yaml:\d+ #\/paths\/~1ping\/get: .*`getPing`/, from);
      expect(readFileSync(path.join(out, "client/src/apis/DefaultApi.ts"), "utf8")).toContain("  getPing(\n");

      // 4. A template change regenerates too.
      from = lines.all.length;
      const template = path.join(
        templates,
        "client",
        readdirSync(path.join(templates, "client")).find((f) => f.endsWith(".hbs"))!,
      );
      writeFileSync(template, `${readFileSync(template, "utf8")}\n`);
      const changed = await lines.next(/^changed: /, from);
      expect(changed).toContain(path.basename(template));
      await lines.next(/^(regenerated|error:) /, from);
      expect(watcher.exitCode).toBeNull();
    } finally {
      watcher.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(lines.all).toContain("stopped watching");
    // Several regenerations in a row: generous on a loaded 2-core machine (each wait has its own guard).
  }, 240_000);
});

describe("watch under hostile saves", () => {
  it("a hostile save never kills the watcher nor touches the output, and a good save after it regenerates", async () => {
    const dir = tempDir("watch-hostile");
    const specDir = path.join(dir, "spec");
    const spec = path.join(specDir, "openapi.yaml");
    const config = path.join(specDir, "codegen.config.json");
    const shared = path.join(dir, "shared", "pet.yaml");
    const out = path.join(dir, "out");
    mkdirSync(specDir);
    mkdirSync(path.dirname(shared));
    cpSync(path.join(REPO_ROOT, "test/fixtures/specs/minimal-31/openapi.yaml"), spec);
    const original = readFileSync(spec, "utf8");
    const hostile = (name: string) => readFileSync(path.join(REPO_ROOT, "test/fixtures/hostile", name), "utf8");

    child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), "scripts/cli.ts", "watch", "--spec", spec, "--out", out, "--debounce", "100"], {
      cwd: REPO_ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const lines = new Lines();
    const watcher = child;
    watcher.stdout.on("data", (d) => lines.push(String(d)));
    watcher.stderr.on("data", (d) => lines.push(String(d)));
    const exited = new Promise<number | null>((resolve) => watcher.on("exit", (code) => resolve(code)));
    try {
      await lines.next(/^generated /, 0);
      const good = hashTree(out);

      /** Saves `write()`, waits for the run it causes, and checks that it failed cleanly. */
      const refused = async (what: string, write: () => void, code: RegExp) => {
        const from = lines.all.length;
        write();
        const summary = await lines.next(/^error: /, from);
        expect(summary, what).toMatch(/kept the last good output/);
        await lines.next(code, from);
        expect(hashTree(out), what).toEqual(good);
        expect(watcher.exitCode, what).toBeNull();
      };
      await refused("billion laughs", () => writeFileSync(spec, hostile("billion-laughs/openapi.yaml")), /^error \[yaml-alias-expansion\]/);
      await refused(
        "recursive alias",
        () => writeFileSync(spec, hostile("recursive-alias/openapi.yaml")),
        /^error \[recursive-yaml-alias\]/,
      );
      await refused("binary garbage", () => writeFileSync(spec, Buffer.from([0, 255, 1, 254, 10, 0x3a, 0x7b, 0, 0x5b])), /^error \[/);
      await refused(
        "a $ref to /dev/zero",
        () => writeFileSync(spec, hostile("device-ref/openapi.yaml")),
        /^error \[spec-not-a-regular-file\]/,
      );
      await refused("a remote $ref", () => writeFileSync(spec, hostile("remote-ref/openapi.yaml")), /^error \[remote-ref\]/);
      await refused("5,000 chained $refs", () => writeFileSync(spec, chain(5000)), /^error \[ref-chain-too-long\]/);
      await refused("the spec deleted", () => rmSync(spec), /^error \[spec-not-found\]/);
      // Half a file may still parse (what is missing is then decided and warned about) or not:
      // either way the run ends and the watcher goes on.
      const half = lines.all.length;
      writeFileSync(spec, original.slice(0, original.length / 2));
      await lines.next(/^(error: |regenerated )/, half);
      expect(watcher.exitCode).toBeNull();
      writeFileSync(spec, original);
      await lines.next(/^regenerated /);
      // A half-written codegen.config.json is the user's to fix, like the spec: not an internal error.
      const from = lines.all.length;
      writeFileSync(config, '{"packageName": ');
      // Two lines come, on stderr (the parse error, naming the file) and on stdout (the summary);
      // the pipes do not keep their order, so each is awaited by its own text.
      expect(await lines.next(/^error: .*codegen\.config\.json/, from)).toMatch(/JSON|parse|Unexpected|end/i);
      await lines.next(/^error: the settings cannot be used; kept the last good output/, from);
      expect(hashTree(out)).toEqual(good);
      rmSync(config);
      await lines.next(/^regenerated /, from);

      // A split file outside the spec's folder is watched (its folder alone, not the tree above it).
      writeFileSync(shared, "type: object\nproperties:\n  id:\n    type: string\n");
      writeFileSync(
        spec,
        `${original.slice(0, original.indexOf("              schema:"))}              schema:\n                $ref: ../shared/pet.yaml\n`,
      );
      await lines.next(/^regenerated /);
      const withShared = lines.all.length;
      writeFileSync(shared, "type: object\nproperties:\n  name:\n    type: string\n");
      await lines.next(/^regenerated /, withShared);

      writeFileSync(spec, original);
      await lines.next(/^regenerated /);
      expect(hashTree(out)).toEqual(good);
      expect(lines.all.filter((line) => /internal error|^\s+at /.test(line))).toEqual([]);
      expect(watcher.exitCode).toBeNull();
    } finally {
      watcher.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 300_000);
});

describe("watch, a save made while a run is going", () => {
  it("a file outside the spec's folder, saved while the run that first reads it is going, is regenerated from", async () => {
    const dir = tempDir("watch-during-run");
    const spec = path.join(dir, "spec", "openapi.yaml");
    const shared = path.join(dir, "shared", "pet.yaml");
    mkdirSync(path.dirname(spec));
    mkdirSync(path.dirname(shared));
    cpSync(path.join(REPO_ROOT, "test/fixtures/specs/minimal-31/openapi.yaml"), spec);
    const original = readFileSync(spec, "utf8");
    writeFileSync(shared, "type: object\nproperties:\n  id:\n    type: string\n");
    const lines = new Lines();
    let saveDuringRun = false;
    // In process, so that the save lands at a known point: after the run began, before the
    // shared folder is watched (it is watched once a run has read the spec that refers to it).
    const watcher = startWatch(
      { specPath: spec, outDir: path.join(dir, "out"), debounceMs: 50 },
      {
        env: {},
        stderr: (text) => lines.push(text),
        stdout: (text) => {
          if (saveDuringRun && text.startsWith("changed: ")) {
            saveDuringRun = false;
            writeFileSync(shared, "type: object\nproperties:\n  nickname:\n    type: string\n");
          }
          lines.push(text);
        },
      },
    );
    try {
      await lines.next(/^generated /, 0);
      const from = lines.all.length;
      saveDuringRun = true;
      writeFileSync(
        spec,
        `${original.slice(0, original.indexOf("              schema:"))}              schema:\n                $ref: ../shared/pet.yaml\n`,
      );
      await lines.next(/^regenerated /, from);
      // Heard although its folder was not watched when it was saved: the run after it says so.
      const afterFirst = lines.all.length;
      expect(await lines.next(/^changed: /, afterFirst)).toContain("pet.yaml");
      await lines.next(/^regenerated /, afterFirst);
    } finally {
      watcher.close();
    }
  }, 120_000);
});

/** A spec with `count` $refs in a row (components S0 → S1 → ... → a string). */
function chain(count: number): string {
  const schemas = Array.from({ length: count }, (_, i) => `    S${i}:\n      $ref: "#/components/schemas/S${i + 1}"`).join("\n");
  return `openapi: 3.1.0\ninfo:\n  title: Chain\n  version: 1.0.0\npaths: {}\ncomponents:\n  schemas:\n${schemas}\n    S${count}:\n      type: string\n`;
}
