/**
 * Stage 6: write the files, or compare them (`--check`). Writing goes to a temporary sibling
 * folder that replaces the output only once it is complete, so a failure leaves the old output
 * as it was, and no temporary folder behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { byCodePoint } from "../sort.js";
import { listFiles, type FileMap } from "./file-map.js";

/** Files that differ between `files` and what is in `outDir`: changed, missing, extra. */
export function diffOutput(files: FileMap, outDir: string, ignore: (rel: string) => boolean = () => false): string[] {
  const differences: string[] = [];
  for (const [name, content] of files) {
    const target = path.join(outDir, name);
    if (!existsSync(target)) differences.push(`missing: ${name}`);
    else if (readFileSync(target, "utf8") !== content) differences.push(`changed: ${name}`);
  }
  for (const name of listFiles(outDir)) {
    if (!files.has(name) && !ignore(name)) differences.push(`extra:   ${name}`);
  }
  return differences.sort(byCodePoint);
}

export interface WriteHooks {
  /** Test hook: called after the temporary folder is written, before the swap. */
  beforeSwap?: (tempDir: string) => void;
  /**
   * Paths of the old output that are not generated and survive a regeneration (a build's
   * `dist/`, an install's `node_modules/`, a packed `.tgz`). Called with a file's relative path,
   * and with a folder's relative path plus `/` (a match keeps the whole folder).
   */
  keep?: (rel: string) => boolean;
}

/** Moves what `keep` selects from the old output into the new one (nothing generated is replaced). */
function carryOver(from: string, to: string, keep: (rel: string) => boolean, prefix = ""): void {
  const dir = path.join(from, prefix);
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const target = path.join(to, rel);
    if (entry.isDirectory()) {
      if (!keep(`${rel}/`)) carryOver(from, to, keep, rel);
      // A kept folder the new output also has belongs to the generator: no stale file goes into it.
      else if (!existsSync(target)) {
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(path.join(from, rel), target);
      }
    } else if (keep(rel) && !existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(from, rel), target);
    }
  }
}

export function writeOutput(files: FileMap, outDir: string, hooks: WriteHooks = {}): void {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const temp = path.join(parent, `.${path.basename(target)}.tmp-${process.pid}`);
  const old = path.join(parent, `.${path.basename(target)}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  try {
    for (const [name, content] of files) {
      const file = path.join(temp, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    hooks.beforeSwap?.(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
  const hadTarget = existsSync(target);
  try {
    if (hadTarget) renameSync(target, old);
    renameSync(temp, target);
  } catch (error) {
    // Put the old output back: the swap is all or nothing.
    if (hadTarget && existsSync(old) && !existsSync(target)) renameSync(old, target);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  // Kept files move only after the swap succeeded; a failure here loses nothing generated.
  if (hadTarget && hooks.keep) carryOver(old, target, hooks.keep);
  rmSync(old, { recursive: true, force: true });
}
