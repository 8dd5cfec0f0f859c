/**
 * Temporary folders of one test file, under .tmp/ (gitignored, and inside the repo so that
 * node_modules resolves from them). test/support/setup.ts removes them after the file's tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/options.js";

export const TMP_ROOT = path.join(REPO_ROOT, ".tmp");

const made: string[] = [];

export function tempDir(prefix: string): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  const dir = mkdtempSync(path.join(TMP_ROOT, `${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
