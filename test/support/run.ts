/** Running the repo's real tools as a user would: the generator's command line, tsc, Redocly. */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { dispatch } from "../../scripts/commands/dispatch.js";
import { REPO_ROOT } from "../../scripts/options.js";

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr. */
  output: string;
}

const result = (status: number, stdout: string, stderr: string): RunResult => ({ status, stdout, stderr, output: stdout + stderr });

export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const child = spawnSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return result(child.status ?? -1, child.stdout ?? "", child.stderr ?? "");
}

const bin = (name: string) => path.join(REPO_ROOT, "node_modules", ".bin", name);

/** The real TypeScript compiler on a project folder (its tsconfig.json) or a given tsconfig. */
export function tsc(project: string, extraFlags: string[] = []): RunResult {
  return run(bin("tsc"), ["--noEmit", "--pretty", "false", ...extraFlags, "-p", project]);
}

export function redocly(args: string[]): RunResult {
  return run(bin("redocly"), args);
}

/** `node --import tsx <script>`: one process (the tsx CLI would add a second one around it). */
export const NODE_TSX = [process.execPath, "--import", "tsx"] as const;

export interface CliOptions {
  /** The environment the command sees (in a process: added to this one's). */
  env?: Record<string, string | undefined>;
  /** Run `scripts/cli.ts` in its own process, as a user does (slower); default: in this process. */
  process?: boolean;
  cwd?: string;
}

/**
 * The generator's command line, `cli.ts [command] [options]`: the one way tests run it. In this
 * process by default (fast, the same dispatch and exit code), or as a real process.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<RunResult> {
  if (!options.process) {
    let stdout = "";
    let stderr = "";
    const status = await dispatch(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: options.env ?? {} });
    return result(status, stdout, stderr);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), path.join(REPO_ROOT, "scripts", "cli.ts"), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve(result(code ?? -1, stdout, stderr)));
  });
}
