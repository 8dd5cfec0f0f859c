/** The output of a run as data, and a folder on disk read the same way. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { byCodePoint } from "../sort.js";

/** Path relative to the output folder (`/`-separated) → content. */
export type FileMap = Map<string, string>;

/** Every file under `dir`, as `/`-separated paths relative to it, in code-point order. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(at, entry.name), rel);
      else files.push(rel);
    }
  };
  if (existsSync(dir)) walk(dir, "");
  return files.sort(byCodePoint);
}
