/**
 * The browser of the browser tests: a Chromium found on this machine, driven by playwright-core
 * (which downloads no browser of its own).
 *
 * Which one: `CHROMIUM=<path>` when set, else the first Chromium or Chrome on PATH (Debian's
 * package installs /usr/bin/chromium). `make test` runs this file as a script first
 * (`tsx test/support/browser.ts --install`): when none is found it installs Debian's `chromium`
 * when it can (apt-get, as root), or prints the one command to run. Either way it lets the run go
 * on; a browser test then fails at once, with that command in its message.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

/** Names a Chromium or Chrome goes by on PATH (Debian, Ubuntu and Fedora, Google's packages). */
const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];
/** Where macOS keeps them (not on PATH). */
const APPS = ["/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];

/** Debian's package, as root or through sudo. */
const aptCommand = (sudo = "") => `${sudo}apt-get update && ${sudo}apt-get install -y chromium`;

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` in the folders of PATH. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutableFile(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export type ChromiumLookup = { path: string } | { problem: string };

/** Where the browser is, or why there is none (with what to do about it). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  if (env.CHROMIUM) {
    if (isExecutableFile(env.CHROMIUM)) return { path: env.CHROMIUM };
    return { problem: `CHROMIUM=${env.CHROMIUM} is not an executable file: point it at a Chromium or Chrome binary, or unset it` };
  }
  for (const name of NAMES) {
    const found = onPath(name, env);
    if (found) return { path: found };
  }
  const app = APPS.find(isExecutableFile);
  if (app) return { path: app };
  return { problem: `no Chromium found (looked for ${NAMES.join(", ")} on PATH): ${installAdvice(env)}` };
}

/** The one command that installs it here, or how to point the tests at one. */
function installAdvice(env: NodeJS.ProcessEnv): string {
  const orPoint = "or run `make test CHROMIUM=/path/to/chromium`";
  if (!onPath("apt-get", env)) return `install Chromium or Chrome, ${orPoint}`;
  return `run \`${aptCommand(process.getuid?.() === 0 ? "" : "sudo ")}\`, ${orPoint}`;
}

/** The browser's path; throws the lookup's problem (what to run) when there is none. */
export function chromiumPath(): string {
  const found = findChromium();
  if ("problem" in found) throw new Error(found.problem);
  return found.path;
}

/** A headless Chromium for one test file (close it in afterAll). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // No sandbox: the tests run as root in CI. The rest keep the browser off the network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * `make test`'s step before the tests: when no browser is found, install Debian's `chromium`
 * (apt-get, as root) or print what to run. Never fails the step: the rest of the tests run, and
 * the browser tests fail with the same message.
 */
function install(): void {
  const found = findChromium();
  if ("path" in found) return;
  const canInstall = !process.env.CHROMIUM && process.getuid?.() === 0 && onPath("apt-get", process.env);
  if (!canInstall) {
    console.error(`browser tests: ${found.problem}`);
    return;
  }
  console.error(`browser tests: no Chromium found; installing Debian's chromium (${aptCommand()})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const ok =
    spawnSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env }).status === 0 &&
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
  const after = findChromium();
  if (!ok || "problem" in after)
    console.error(`browser tests: installing chromium failed: ${"problem" in after ? after.problem : "apt-get failed"}`);
  else console.error(`browser tests: installed ${after.path}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === "--install") install();
