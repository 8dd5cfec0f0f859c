/** Running the repo's real tools (tsc, the generator CLI, Redocly) as child processes. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/options.js";

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  output: string;
}

export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = result.stdout ?? "";
  const stderr = result.stderr ?? "";
  return { status: result.status ?? -1, stdout, stderr, output: stdout + stderr };
}

const bin = (name: string) => path.join(REPO_ROOT, "node_modules", ".bin", name);

/** The real TypeScript compiler on a project folder (its tsconfig.json) or a given tsconfig. */
export function tsc(project: string): RunResult {
  return run(bin("tsc"), ["--noEmit", "--pretty", "false", "-p", project]);
}

/** The generator's command line, as `make generate` runs it. */
export function generatorCli(args: string[], env: Record<string, string> = {}): RunResult {
  return run(bin("tsx"), [path.join(REPO_ROOT, "scripts", "cli.ts"), ...args], { env });
}

export function redocly(args: string[]): RunResult {
  return run(bin("redocly"), args);
}
