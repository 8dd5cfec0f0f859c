/** The semver bump a list of changes implies, the next version, and the report for people. */
import type { Bump, SpecChange, SpecDiff } from "./changes.js";

export const BUMP_ORDER: Bump[] = ["none", "patch", "minor", "major"];

export function semverBump(changes: readonly SpecChange[]): Bump {
  return changes.reduce<Bump>((bump, c) => (BUMP_ORDER.indexOf(c.bump) > BUMP_ORDER.indexOf(bump) ? c.bump : bump), "none");
}

/** `1.4.2` + minor → `1.5.0`. Before 1.0.0, a breaking change bumps the minor (semver §4). */
export function nextVersion(version: string, bump: Bump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match || bump === "none") return version;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (bump === "major") return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (bump === "minor") return major === 0 ? `0.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

export function formatDiff(diff: SpecDiff, oldLabel: string, newLabel: string): string {
  const lines = [`Client API changes from ${oldLabel} to ${newLabel}:`];
  if (diff.changes.length === 0) lines.push("  (none)");
  for (const c of diff.changes) lines.push(`  ${(c.breaking ? "BREAKING" : c.bump).padEnd(8)}  ${c.subject}: ${c.message}  [${c.kind}]`);
  const breaking = diff.changes.filter((c) => c.breaking).length;
  lines.push(
    `${breaking} breaking, ${diff.changes.length - breaking} non-breaking; semver: ${diff.bump}` +
      (diff.bump === "none" ? "" : ` (client version ${diff.oldVersion} → ${diff.suggestedVersion})`),
  );
  if (diff.bump !== "none" && diff.newVersion !== diff.oldVersion && compareVersions(diff.newVersion, diff.suggestedVersion) < 0) {
    lines.push(`warning: info.version is ${diff.newVersion} in ${newLabel}; a ${diff.bump} change needs at least ${diff.suggestedVersion}`);
  }
  return `${lines.join("\n")}\n`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
