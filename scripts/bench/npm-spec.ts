/**
 * Public OpenAPI documents published on npm, fetched on demand for the benchmarks and the
 * real-world corpus test: `npm pack <package>@<version>` into a cache under .tmp/ (gitignored),
 * the tarball's sha512 checked against the pinned integrity (the registry's `dist.integrity`),
 * and only the members the spec needs extracted. Nothing here is a dependency of the project.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";

export const SPEC_CACHE_DIR = path.join(REPO_ROOT, ".tmp", "spec-cache");

export interface NpmSpec {
  package: string;
  version: string;
  /** `sha512-<base64>`, as the registry gives it. */
  integrity: string;
  /** The spec's root file inside the tarball (`package/...`). */
  root: string;
  /** Other members its `$ref`s reach (files, or folders ending in `/`), for split specs. */
  members?: string[];
}

function integrityOf(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/** `@octokit/openapi@23.0.2` → `octokit-openapi-23.0.2.tgz`, as npm pack names it. */
function tarballName(spec: Pick<NpmSpec, "package" | "version">): string {
  return `${spec.package.replace(/^@/, "").replace(/\//g, "-")}-${spec.version}.tgz`;
}

/** The tarball, fetched once and checked against its pinned integrity (a mismatch is deleted and thrown). */
export function npmTarball(
  spec: Pick<NpmSpec, "package" | "version" | "integrity">,
  log: (line: string) => void = () => {},
  cacheDir = SPEC_CACHE_DIR,
): string {
  const tarball = path.join(cacheDir, tarballName(spec));
  if (existsSync(tarball) && integrityOf(tarball) === spec.integrity) return tarball;
  mkdirSync(cacheDir, { recursive: true });
  rmSync(tarball, { force: true });
  log(`fetching ${spec.package}@${spec.version} (npm pack) into ${path.relative(REPO_ROOT, cacheDir)}/`);
  execFileSync("npm", ["pack", `${spec.package}@${spec.version}`, "--pack-destination", cacheDir, "--silent"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const found = integrityOf(tarball);
  if (found !== spec.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${tarballName(spec)}: integrity ${found} is not the pinned ${spec.integrity}; deleted`);
  }
  return tarball;
}

/**
 * The path of the spec's root file, extracted (with its other members) under
 * `<cache>/<package>-<version>/` on first use. A marker file records that the extraction finished.
 */
export function npmSpec(spec: NpmSpec, log: (line: string) => void = () => {}, cacheDir = SPEC_CACHE_DIR): string {
  const dir = path.join(cacheDir, tarballName(spec).replace(/\.tgz$/, ""));
  const members = [spec.root, ...(spec.members ?? [])];
  const marker = path.join(dir, `.extracted-${createHash("sha256").update(members.join("\n")).digest("hex").slice(0, 16)}`);
  const root = path.join(dir, ...spec.root.split("/"));
  if (existsSync(marker) && existsSync(root)) return root;
  const tarball = npmTarball(spec, log, cacheDir);
  mkdirSync(dir, { recursive: true });
  // Only what the spec needs: some packages unpack to hundreds of MB.
  execFileSync("tar", ["-xzf", tarball, "-C", dir, ...members], { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(marker, "");
  return root;
}
