/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
 * the packages (or our own files) the time was spent in.
 *
 *   tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A script URL, short: `prettier/plugins/markdown.mjs`, `scripts/output/layout.ts`, `(node)`. */
export function shortUrl(url: string): string {
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "(node)";
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("/node_modules/");
  return nm >= 0 ? file.slice(nm + "/node_modules/".length) : path.relative(process.cwd(), file) || file;
}

/** Where a script URL belongs: an npm package, one of our files, or node itself. */
export function owner(url: string): string {
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "(node)";
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return path.relative(process.cwd(), file) || file;
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + us);
  }
  const rows = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  return [
    `total sampled: ${(total / 1000).toFixed(0)} ms`,
    "",
    "self time by function:",
    rows(byFunction, top),
    "",
    "self time by package / file:",
    rows(byOwner, 15),
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values, positionals } = parseArgs({ options: { top: { type: "string" } }, allowPositionals: true });
  for (const file of positionals) {
    process.stdout.write(`== ${file}\n${summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(values.top ?? 25))}\n`);
  }
}
