/** Shared by the CLI tests: temp folders under .tmp/, running the commands, hashing an output. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/options.js";
import { runCli } from "../../scripts/generate-command.js";

/** `node --import tsx <script>`: one process (the tsx CLI would add a second one around it). */
export const NODE_TSX = [process.execPath, "--import", "tsx"] as const;
export { tempDir, TMP_ROOT as TMP } from "../support/temp.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The generator CLI in this process (fast): the exit code it returns is the process's. */
export async function generateCli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env });
  return { code, stdout, stderr };
}

/** A script as its own process, as a user runs it. */
export function runScript(script: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), path.join(REPO_ROOT, "scripts", script), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every file under `dir` (relative path → sha256), folders included as entries. */
export function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        hashes[`${rel}/`] = "dir";
        walk(full, rel);
      } else hashes[rel] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  if (existsSync(dir)) walk(dir, "");
  return hashes;
}

/** Temporary siblings that writeOutput uses (`.out.tmp-<pid>`, `.out.old-<pid>`). */
export function leftovers(outDir: string): string[] {
  const base = path.basename(outDir);
  return readdirSync(path.dirname(outDir)).filter((name) => name.startsWith(`.${base}.`));
}
