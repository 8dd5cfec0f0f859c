/**
 * Finding the browser tests' Chromium, and `make browser` (`browser.ts --install`) when there is
 * none. The machine's own Chromium is left alone: these runs get a PATH of planted programs, and
 * a planted `apt-get` that records what it is asked and "installs" a chromium into that folder.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { NODE_TSX } from "./run.js";
import { findChromium } from "./browser.js";
import { tempDir } from "./temp.js";

const isRoot = process.getuid?.() === 0;

function program(dir: string, name: string, script: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** `browser.ts --install` with only `dir` on PATH (node is started by its full path). */
function install(dir: string, env: Record<string, string> = {}) {
  const [node, ...args] = NODE_TSX;
  const child = spawnSync(node, [...args, path.join(REPO_ROOT, "test", "support", "browser.ts"), "--install"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { HOME: process.env.HOME, PATH: dir, ...env },
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

describe("findChromium", () => {
  it("takes CHROMIUM when it is an executable file", () => {
    expect(findChromium({ CHROMIUM: process.execPath, PATH: "" })).toEqual({ path: process.execPath });
  });

  it("says what is wrong with a CHROMIUM that is not, and does not look elsewhere", () => {
    const dir = tempDir("browser");
    program(dir, "chromium", "exit 0");
    const found = findChromium({ CHROMIUM: path.join(dir, "missing"), PATH: dir });
    expect(found).toEqual({ problem: expect.stringContaining(`CHROMIUM=${path.join(dir, "missing")} is not an executable file`) });
  });

  it("finds chromium (or Chrome) on PATH, not a file that cannot run", () => {
    const dir = tempDir("browser");
    writeFileSync(path.join(dir, "chromium"), "not executable");
    const chrome = program(dir, "google-chrome", "exit 0");
    expect(findChromium({ PATH: `/nonexistent${path.delimiter}${dir}` })).toEqual({ path: chrome });
  });

  it("without one, gives the one command that installs it where apt-get is", () => {
    const dir = tempDir("browser");
    program(dir, "apt-get", "exit 1");
    const sudo = isRoot ? "" : "sudo ";
    expect(findChromium({ PATH: dir })).toEqual({
      problem: expect.stringContaining(
        `run \`${sudo}apt-get update && ${sudo}apt-get install -y chromium\`, or run \`make test CHROMIUM=/path/to/chromium\``,
      ),
    });
  });

  it("without one and without apt-get, says to install one or point CHROMIUM at it", () => {
    const found = findChromium({ PATH: tempDir("browser") });
    expect(found).toEqual({
      problem: expect.stringContaining("install Chromium or Chrome, or run `make test CHROMIUM=/path/to/chromium`"),
    });
  });
});

describe("browser.ts --install (make browser)", () => {
  it("does nothing when a browser is found", () => {
    const dir = tempDir("browser");
    program(dir, "chromium", "exit 0");
    const log = path.join(dir, "apt.log");
    program(dir, "apt-get", `echo "$@" >> ${log}`);
    const run = install(dir);
    expect(run).toEqual({ status: 0, output: "" });
    expect(existsSync(log)).toBe(false);
  });

  it(isRoot ? "as root, installs Debian's chromium with apt-get" : "not as root, prints the sudo command and installs nothing", () => {
    const dir = tempDir("browser");
    const log = path.join(dir, "apt.log");
    program(
      dir,
      "apt-get",
      `echo "$@" >> ${log}\nif [ "$1" = install ]; then printf '#!/bin/sh\\n' > ${dir}/chromium; /bin/chmod +x ${dir}/chromium; fi`,
    );
    const run = install(dir);
    expect(run.status).toBe(0);
    if (isRoot) {
      expect(readFileSync(log, "utf8")).toBe("update -qq\ninstall -y -qq chromium\n");
      expect(run.output).toContain(`browser tests: installed ${path.join(dir, "chromium")}`);
    } else {
      expect(existsSync(log)).toBe(false);
      expect(run.output).toContain("sudo apt-get update && sudo apt-get install -y chromium");
    }
  });

  it("when apt-get fails, says so and lets the other tests run (exit 0)", () => {
    const dir = tempDir("browser");
    program(dir, "apt-get", "echo 'E: Unable to locate package chromium' >&2; exit 100");
    const run = install(dir);
    expect(run.status).toBe(0);
    expect(run.output).toMatch(isRoot ? /installing chromium failed: no Chromium found/ : /no Chromium found/);
  });

  it("leaves a CHROMIUM that is not a browser to the browser tests' error, installing nothing", () => {
    const dir = tempDir("browser");
    const log = path.join(dir, "apt.log");
    program(dir, "apt-get", `echo "$@" >> ${log}`);
    const run = install(dir, { CHROMIUM: "/nonexistent" });
    expect(run.status).toBe(0);
    expect(run.output).toContain("CHROMIUM=/nonexistent is not an executable file");
    expect(existsSync(log)).toBe(false);
  });
});
