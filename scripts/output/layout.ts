/**
 * Stage 5: canonical layout. Templates print their final layout themselves; this stage only
 * makes whitespace canonical, so template details never show in the output and the bytes are
 * stable: LF line ends, no trailing spaces, no runs of blank lines, one final newline.
 *
 * Why not prettier: it was most of the pipeline's time on large specs (markdown above all, ~10x
 * the cost of TypeScript per byte; see the README's Performance section). A test checks that the
 * generated TypeScript parses and compiles, and that the layout rules hold.
 */
import { byCodePoint } from "../sort.js";
import type { FileMap } from "./file-map.js";

const byName = ([a]: [string, string], [b]: [string, string]) => byCodePoint(a, b);

/** LF line ends (a scan for CR first: most files have none, and outputs reach megabytes). */
const lf = (text: string) => (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);

export function canonicalLayout(text: string): string {
  return `${lf(text)
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+/, "")
    .trimEnd()}\n`;
}

/** TypeScript: also no blank line just inside a block, and an empty block as `{}`. */
export function canonicalTsLayout(text: string): string {
  return canonicalLayout(text)
    .replace(/\{\n\n+/g, "{\n")
    .replace(/\n\n+(\s*[}\]])/g, "\n$1")
    .replace(/\{\n\s*\}/g, "{}");
}

/** Every file in canonical layout (skipped ones only get LF line ends), sorted by name. */
export function formatFiles(files: FileMap, skip: (name: string) => boolean = () => false): FileMap {
  const out: FileMap = new Map();
  for (const [name, content] of files) {
    out.set(name, skip(name) ? lf(content) : name.endsWith(".ts") ? canonicalTsLayout(content) : canonicalLayout(content));
  }
  return new Map([...out].sort(byName));
}
