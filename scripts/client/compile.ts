/**
 * Compiles a generated client package with the real tsc into dist/esm and dist/cjs (JS, .d.ts,
 * source maps) and copies the generated docs into it, ready for `npm pack`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";

/** Why a package could not be compiled: what tsc said, or what is missing. */
export class CompileError extends Error {
  override readonly name = "CompileError";
}

/** Compiles `<outDir>/client`; returns what tsc printed (nothing when all is well). */
export function compileClient(outDir: string): string {
  const clientDir = path.join(outDir, "client");
  if (!existsSync(path.join(clientDir, "package.json")))
    throw new CompileError(`${clientDir} has no package.json: run \`make generate\` first`);
  rmSync(path.join(clientDir, "dist"), { recursive: true, force: true });
  const tsc = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
  let printed = "";
  for (const project of ["tsconfig.json", "tsconfig.cjs.json"]) {
    const result = spawnSync(tsc, ["-p", project, "--pretty", "false"], { cwd: clientDir, encoding: "utf8" });
    printed += `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (result.status !== 0) throw new CompileError(`tsc -p ${project} failed in ${clientDir}:\n${printed.trimEnd()}`);
  }
  // dist/cjs holds CommonJS in a "type": "module" package: mark the folder.
  writeFileSync(path.join(clientDir, "dist", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  const docs = path.join(outDir, "docs");
  rmSync(path.join(clientDir, "docs"), { recursive: true, force: true });
  if (existsSync(docs)) cpSync(docs, path.join(clientDir, "docs"), { recursive: true });
  return printed;
}
