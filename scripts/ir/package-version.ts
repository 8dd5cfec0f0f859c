/**
 * The client package's version from `info.version`, which OpenAPI lets be any string (§4.8.2)
 * while npm needs semver (semver.org 2.0.0). A valid version is kept; `1`, `1.2`, `v1.2.3` are
 * padded (`1.0.0`, `1.2.0`, `1.2.3`); anything else becomes the pre-release `0.0.0-<version>`,
 * with every run of characters semver does not allow turned into a `.` (`2024-01-15` →
 * `0.0.0-2024-01-15`, `beta 2` → `0.0.0-beta.2`). Each change is a warning.
 */
import type { SpecIssue } from "../issues.js";

/** The regular expression semver.org gives for a valid version. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Pre-release identifiers from any text: runs of other characters become `.`, numbers lose leading zeros. */
function identifiers(text: string): string {
  return text
    .split(/[^0-9A-Za-z-]+/)
    .filter(Boolean)
    .map((id) => (/^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, "") : id))
    .join(".");
}

export function packageVersion(infoVersion: string, issues: SpecIssue[]): string {
  if (isSemver(infoVersion)) return infoVersion;
  const short = /^\s*[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(infoVersion);
  const rest = identifiers(infoVersion);
  const version = short ? `${Number(short[1])}.${Number(short[2] ?? 0)}.${Number(short[3] ?? 0)}` : rest ? `0.0.0-${rest}` : "0.0.0";
  issues.push({
    code: "package-version-not-semver",
    severity: "warning",
    pointer: "#/info/version",
    message: `info.version ${JSON.stringify(infoVersion)} is not a semantic version (npm needs one): the client package is version ${version}`,
    hint: "write info.version as MAJOR.MINOR.PATCH, or set packageVersion in codegen.config.json (or --package-version)",
  });
  return version;
}
