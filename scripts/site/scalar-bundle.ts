/**
 * Scalar's API reference (`@scalar/api-reference`, MIT), served from the site itself: only its
 * self-contained browser bundle (`dist/browser/standalone.js`, 4.9 MB) is used. As a dependency
 * the package would pull ~300 MB (and declares Node >= 22) for that one file, so it is fetched
 * instead: `npm pack` of the pinned version into node_modules/.cache/, the tarball checked against
 * the pinned integrity (the registry's sha512), and the one file kept. Fetched once; offline after.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";

export const SCALAR_PACKAGE = "@scalar/api-reference@1.76.0";
export const SCALAR_INTEGRITY = "sha512-pjqwnzmA9YK3ZX+IZSICMsywm4qI6HLSngR2py9H6TvFApHHuJjkTAd+gFJfnqJDzJuro8k7ji6JCtJ2U+Byng==";
const TARBALL = "scalar-api-reference-1.76.0.tgz";
const MEMBER = "package/dist/browser/standalone.js";
export const SCALAR_CACHE_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "openapi-ts-pipeline", "scalar-api-reference-1.76.0");

/** Why the bundle is not there: no registry and no cached copy, or a tarball that is not the pinned one. */
export class ScalarBundleError extends Error {
  override readonly name = "ScalarBundleError";
}

const integrityOf = (bytes: Buffer) => `sha512-${createHash("sha512").update(bytes).digest("base64")}`;

/** The bundle carries no notice of its own (and the package has no LICENSE file): the site's copy starts with this. */
export const SCALAR_NOTICE = `/*! ${SCALAR_PACKAGE} | MIT License | https://github.com/scalar/scalar */\n`;

/** The path of Scalar's standalone bundle, fetched and verified on first use. */
export function scalarBundle(log: (line: string) => void = () => {}): string {
  const bundle = path.join(SCALAR_CACHE_DIR, "standalone.js");
  const stamp = path.join(SCALAR_CACHE_DIR, "integrity");
  if (existsSync(bundle) && existsSync(stamp) && readFileSync(stamp, "utf8") === SCALAR_INTEGRITY) return bundle;
  mkdirSync(SCALAR_CACHE_DIR, { recursive: true });
  const work = mkdtempSync(path.join(SCALAR_CACHE_DIR, "fetch-"));
  try {
    log(`fetching ${SCALAR_PACKAGE} (npm pack, ~13 MB) for the API reference`);
    try {
      execFileSync("npm", ["pack", SCALAR_PACKAGE, "--pack-destination", work, "--silent"], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
      throw new ScalarBundleError(`could not fetch ${SCALAR_PACKAGE} with npm pack (the API reference needs it once): ${stderr || (error as Error).message}`);
    }
    const tarball = path.join(work, TARBALL);
    const found = integrityOf(readFileSync(tarball));
    if (found !== SCALAR_INTEGRITY) throw new ScalarBundleError(`${TARBALL}: integrity ${found} is not the pinned ${SCALAR_INTEGRITY}`);
    const partial = `${bundle}.partial`;
    writeFileSync(partial, execFileSync("tar", ["-xzOf", tarball, MEMBER], { maxBuffer: 64 * 1024 * 1024 }));
    renameSync(partial, bundle);
    writeFileSync(stamp, SCALAR_INTEGRITY);
    return bundle;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
