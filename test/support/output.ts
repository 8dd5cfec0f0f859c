/** Looking at an output folder: a hash of every file and folder, and leftovers of an atomic write. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { byCodePoint } from "../../scripts/sort.js";

/** Every file under `dir` (relative path → sha256), folders included as entries. */
export function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name))) {
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
