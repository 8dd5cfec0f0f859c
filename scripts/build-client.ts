/**
 * `make build`: compile the generated client package with the real tsc into dist/esm and
 * dist/cjs (JS, .d.ts, source maps) and copy the generated docs into it, ready for `npm pack`.
 * Usage: tsx scripts/build-client.ts [--out generated]
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./options.js";

export function buildClient(outDir: string): void {
  const clientDir = path.join(outDir, "client");
  if (!existsSync(path.join(clientDir, "package.json"))) throw new Error(`${clientDir} has no package.json: run \`make generate\` first`);
  rmSync(path.join(clientDir, "dist"), { recursive: true, force: true });
  const tsc = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
  for (const project of ["tsconfig.json", "tsconfig.cjs.json"]) {
    const result = spawnSync(tsc, ["-p", project], { cwd: clientDir, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`tsc -p ${project} failed in ${clientDir}`);
  }
  // dist/cjs holds CommonJS in a "type": "module" package: mark the folder.
  writeFileSync(path.join(clientDir, "dist", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  const docs = path.join(outDir, "docs");
  rmSync(path.join(clientDir, "docs"), { recursive: true, force: true });
  if (existsSync(docs)) cpSync(docs, path.join(clientDir, "docs"), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string", default: "generated" } } });
  try {
    buildClient(path.resolve(values.out!));
    process.stderr.write(`built ${path.join(values.out!, "client", "dist")} (esm + cjs)\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
