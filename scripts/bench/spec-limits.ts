/**
 * What real specs need from the limits of `SpecLimits`: each spec's size, files, depth through
 * `$ref`s, longest `$ref` chain and values added by YAML aliases, against the defaults. The
 * defaults were chosen from this table over a corpus of 65 public specs (README "Limits"):
 *
 *   tsx scripts/bench/spec-limits.ts <spec file>...
 *   tsx scripts/bench/spec-limits.ts --corpus <dir with manifest.json and specs/<id>/<root>>
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { LimitedResolver } from "../load/limits.js";
import { relativeDisplay } from "../load/locate.js";
import { checkReach, type Reach } from "../load/reach.js";
import { resolveRoot } from "../load/root-file.js";
import { DEFAULT_LIMITS, LIMIT_FLAGS, resolveLimits, type SpecLimits } from "../options.js";

export type Measured = Reach["measured"];

/** A spec's figure for each limit (measured with the limits given: generous ones measure everything). */
export async function measureSpec(specPath: string, limits: SpecLimits): Promise<Measured> {
  const absolute = path.resolve(specPath);
  const resolver = new LimitedResolver(limits);
  const root = await resolveRoot(resolver, absolute, relativeDisplay(absolute));
  return (await checkReach(root, resolver)).measured;
}

async function main(argv: string[]): Promise<void> {
  let files: { id: string; file: string }[] = argv.map((file) => ({ id: file, file }));
  if (argv[0] === "--corpus") {
    const dir = argv[1]!;
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { id: string; root: string }[];
    files = manifest.map((entry) => ({ id: entry.id, file: path.join(dir, "specs", entry.id, entry.root) }));
  }
  const unbounded = resolveLimits({ maxSpecBytes: 1e12, maxSpecFiles: 1e9, maxDepth: 1e5, maxRefHops: 1e5, maxAliasNodes: 1e12 });
  const keys = Object.keys(LIMIT_FLAGS).filter((key) => key !== "remoteTimeoutMs") as (keyof Measured)[];
  const most = Object.fromEntries(keys.map((key) => [key, { value: -1, id: "" }]));
  console.log(`| spec | ${keys.map((key) => LIMIT_FLAGS[key].flag).join(" | ")} |\n|---|${keys.map(() => "--:").join("|")}|`);
  for (const { id, file } of files) {
    let measured: Measured;
    try {
      measured = await measureSpec(file, unbounded);
    } catch (error) {
      console.log(`| ${id} | ${(error as Error).message.split("\n")[0]} |`);
      continue;
    }
    for (const key of keys) if (measured[key] > most[key]!.value) most[key] = { value: measured[key], id };
    console.log(`| ${id} | ${keys.map((key) => measured[key].toLocaleString("en-US")).join(" | ")} |`);
  }
  console.log(`| **largest** | ${keys.map((key) => `${most[key]!.value.toLocaleString("en-US")} (${most[key]!.id})`).join(" | ")} |`);
  console.log(`| default | ${keys.map((key) => DEFAULT_LIMITS[key].toLocaleString("en-US")).join(" | ")} |`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main(process.argv.slice(2));
