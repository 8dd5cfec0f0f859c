/**
 * GitHub's public REST API description (npm `@octokit/openapi`, pinned), fetched on demand:
 * `npm pack` into .tmp/bench-cache/ (gitignored), the tarball's sha512 checked against the
 * pinned integrity, and only `generated/api.github.com.json` (13 MB, ~1,200 operations) kept.
 * Not a dependency of the project: nothing in package.json.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../options.js";

export const GITHUB_PACKAGE = "@octokit/openapi@23.0.2";
export const GITHUB_INTEGRITY = "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==";
const TARBALL = "octokit-openapi-23.0.2.tgz";
const MEMBER = "package/generated/api.github.com.json";
export const CACHE_DIR = path.join(REPO_ROOT, ".tmp", "bench-cache");

function integrityOf(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/** The path of api.github.com.json, fetched and verified on first use. */
export function githubSpec(log: (line: string) => void = () => {}): string {
  const spec = path.join(CACHE_DIR, "api.github.com.json");
  const tarball = path.join(CACHE_DIR, TARBALL);
  if (existsSync(spec) && existsSync(tarball) && integrityOf(tarball) === GITHUB_INTEGRITY) return spec;
  mkdirSync(CACHE_DIR, { recursive: true });
  if (!existsSync(tarball) || integrityOf(tarball) !== GITHUB_INTEGRITY) {
    rmSync(tarball, { force: true });
    log(`fetching ${GITHUB_PACKAGE} (npm pack, ~29 MB) into ${path.relative(REPO_ROOT, CACHE_DIR)}/`);
    execFileSync("npm", ["pack", GITHUB_PACKAGE, "--pack-destination", CACHE_DIR, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const found = integrityOf(tarball);
  if (found !== GITHUB_INTEGRITY) {
    rmSync(tarball, { force: true });
    throw new Error(`${TARBALL}: integrity ${found} is not the pinned ${GITHUB_INTEGRITY}; deleted`);
  }
  // Only the one member, streamed out of the tarball (the package unpacks to 400 MB).
  const partial = `${spec}.partial`;
  writeFileSync(partial, execFileSync("tar", ["-xzOf", tarball, MEMBER], { maxBuffer: 64 * 1024 * 1024 }));
  renameSync(partial, spec);
  return spec;
}

/**
 * What the bench changes in its copy of the spec, when the generator rejects the original
 * (each is reported in the output and the README, and to the lead to fix in the generator).
 */
export const GITHUB_WORKAROUNDS = [
  {
    problem: "identical-paths",
    change: "removed /orgs/{org}/attestations/{subject_digest} and /users/{username}/attestations/{subject_digest} (1 operation each)",
  },
];

/** A copy of the spec with the workarounds above applied; deterministic. */
export function githubBenchCopy(original: string): string {
  const out = path.join(CACHE_DIR, "api.github.com.bench.json");
  const document = JSON.parse(readFileSync(original, "utf8"));
  delete document.paths["/orgs/{org}/attestations/{subject_digest}"];
  delete document.paths["/users/{username}/attestations/{subject_digest}"];
  writeFileSync(`${out}.partial`, JSON.stringify(document, null, 2));
  renameSync(`${out}.partial`, out);
  return out;
}

export function countOperations(specFile: string): number {
  const document = JSON.parse(readFileSync(specFile, "utf8"));
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return Object.values<Record<string, unknown>>(document.paths ?? {}).reduce((n, item) => n + methods.filter((m) => item[m]).length, 0);
}
