/**
 * The generated client as users get it: built and packed from a copy of `generated/` (tests never
 * write into it), and installed from the tarball into a project outside the repo, so that nothing
 * resolves from the repo's node_modules.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileClient } from "../../scripts/client/compile.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { run } from "./run.js";
import { tempDir } from "./temp.js";

export interface PackedClient {
  /** The `.tgz` `npm pack` wrote. */
  tarball: string;
  /** The paths inside it, sorted. */
  files: string[];
}

function ok(what: string, result: ReturnType<typeof run>): void {
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.output}`);
}

/** `make pack` on a copy of generated/. */
export function packClient(): PackedClient {
  const work = tempDir("pack");
  cpSync(path.join(REPO_ROOT, "generated"), path.join(work, "generated"), { recursive: true });
  compileClient(path.join(work, "generated"));
  const packed = run("npm", ["pack", "--json", "--pack-destination", work, "--loglevel=error"], {
    cwd: path.join(work, "generated", "client"),
  });
  ok("npm pack", packed);
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(work, info[0]!.filename), files: info[0]!.files.map((f) => f.path).sort() };
}

/** A new project in the system's temp folder with the tarball installed (remove it when done). */
export function installClient(tarball: string, prefix = "client-consumer-"): string {
  const consumer = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  ok(
    "npm install of the tarball",
    run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: consumer }),
  );
  return consumer;
}
