/**
 * GitHub's public REST API description (npm `@octokit/openapi`, pinned), fetched on demand by
 * npm-spec.ts: `npm pack` into .tmp/spec-cache/ (gitignored), the tarball's sha512 checked
 * against the pinned integrity, and only `generated/api.github.com.json` (13 MB, ~1,200
 * operations) extracted. Used unmodified. Not a dependency of the project: nothing in package.json.
 */
import { readFileSync } from "node:fs";
import { npmSpec, type NpmSpec } from "./npm-spec.js";

export const GITHUB: NpmSpec = {
  package: "@octokit/openapi",
  version: "23.0.2",
  integrity: "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==",
  root: "package/generated/api.github.com.json",
};

export const GITHUB_PACKAGE = `${GITHUB.package}@${GITHUB.version}`;

/** The path of api.github.com.json, fetched and verified on first use. */
export function githubSpec(log: (line: string) => void = () => {}): string {
  return npmSpec(GITHUB, log);
}

export function countOperations(specFile: string): number {
  const document = JSON.parse(readFileSync(specFile, "utf8").replace(/^\uFEFF/, ""));
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return Object.values<Record<string, unknown>>(document.paths ?? {}).reduce((n, item) => n + methods.filter((m) => item[m]).length, 0);
}
