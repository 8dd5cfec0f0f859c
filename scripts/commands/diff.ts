/**
 * `make diff BASE=<git ref>`: what the working spec changes in the client's API since <ref>,
 * each change marked breaking or not, and the semver bump it implies.
 *
 * Exit codes: 0 compared (breaking changes only fail with --fail-on-breaking), 1 breaking changes
 * and --fail-on-breaking, 2 one of the specs has problems, 3 usage (or an unknown git ref),
 * 4 internal error.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSpecs, formatDiff, type SpecSide } from "../diff/diff.js";
import { buildIr } from "../ir/build.js";
import { formatWarnings, SpecError, strictError } from "../issues.js";
import { loadSpec } from "../load/load.js";
import { relativeDisplay } from "../load/locate.js";
import { REPO_ROOT, resolveLimits, type SpecLimits } from "../options.js";
import {
  EXIT,
  formatSpecError,
  LIMIT_FLAG_SPECS,
  LIMITS_HELP,
  limitsFrom,
  parseCommandLine,
  reportError,
  stringFlag,
  UsageError,
  type Io,
} from "./command-line.js";

const HELP = `Usage: diff --base <git ref> [--spec <file>] [options]
       diff --old <file> --new <file> [options]

Compares two versions of the spec and reports each change to the generated client's API as
breaking or not, and the semver bump it implies for the client package. The new spec's
warnings (what generation decides on its behalf) go to stderr.

Options:
  -b, --base <ref>          compare the spec as it is at this git ref with the working copy
  -s, --spec <file>         the spec's root file (default: spec/openapi.yaml); with --base, its
                            folder is read from the ref (split specs included)
      --old <file>          the old spec (instead of --base)
      --new <file>          the new spec (default with --base: the working --spec)
      --fail-on-breaking    exit 1 if any change is breaking
      --json                print the changes as JSON on stdout
      --strict              the new spec's warnings are errors (exit 2)
  -h, --help                show this help

${LIMITS_HELP}

Exit codes:
  0  compared (with --fail-on-breaking: nothing breaking)
  1  --fail-on-breaking: at least one breaking change
  2  one of the specs has problems (listed)
  3  wrong command-line usage, or the git ref or file is not there
  4  internal error
`;

function git(args: string[], cwd: string, encoding: "utf8" | "buffer" = "utf8"): string | Buffer {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: encoding === "utf8" ? "utf8" : undefined,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer | string }).stderr ?? "").trim();
    throw new UsageError(`git ${args.join(" ")} failed${stderr ? `: ${stderr.split("\n")[0]}` : ""}`);
  }
}

/**
 * Writes the spec's folder as it is at `ref` into `into` (every file, so that the $refs of a split
 * spec resolve) and returns the root file's path there.
 */
export function checkoutSpecAt(ref: string, specPath: string, into: string): string {
  const absolute = path.resolve(specPath);
  const cwd = path.dirname(absolute);
  const top = String(git(["rev-parse", "--show-toplevel"], cwd)).trim();
  const rel = path.relative(top, absolute).split(path.sep).join("/");
  const dir = path.posix.dirname(rel);
  git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], top);
  const listed = String(git(["ls-tree", "-r", "--name-only", ref, "--", dir === "." ? rel : dir], top))
    .split("\n")
    .filter(Boolean);
  if (!listed.includes(rel)) throw new UsageError(`${rel} does not exist at ${ref}`);
  for (const file of listed) {
    const target = path.join(into, ...file.split("/"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, git(["show", `${ref}:${file}`], top, "buffer"));
  }
  return path.join(into, ...rel.split("/"));
}

async function side(file: string, onNotice: (message: string) => void, limits: SpecLimits): Promise<SpecSide & { displayPath: string }> {
  const spec = await loadSpec(file, { onNotice, limits });
  return { ir: buildIr(spec), document: spec.document, displayPath: spec.displayPath };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      base: { type: "string", short: "b" },
      spec: { type: "string", short: "s" },
      old: { type: "string" },
      new: { type: "string" },
      "fail-on-breaking": { type: "boolean" },
      json: { type: "boolean" },
      strict: { type: "boolean" },
      ...LIMIT_FLAG_SPECS,
    },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  const base = stringFlag(values, "base");
  const oldFile = stringFlag(values, "old");
  if (!base === !oldFile) {
    io.stderr(`give either --base <git ref> or --old <file> (with --new <file>)\n\n${HELP}`);
    return EXIT.usage;
  }
  const specPath = stringFlag(values, "spec") ?? path.join(REPO_ROOT, "spec", "openapi.yaml");
  const newFile = stringFlag(values, "new") ?? specPath;
  const onNotice = (message: string) => io.stderr(`notice: ${message}\n`);

  let temp: string | undefined;
  try {
    const limits = resolveLimits(limitsFrom(values));
    let oldPath = oldFile;
    let oldLabel = oldFile ? relativeDisplay(path.resolve(oldFile)) : "";
    if (base) {
      mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
      temp = mkdtempSync(path.join(REPO_ROOT, ".tmp", "diff-base-"));
      oldPath = checkoutSpecAt(base, specPath, temp);
      oldLabel = `${relativeDisplay(path.resolve(specPath))}@${base}`;
    }
    let oldSide: Awaited<ReturnType<typeof side>>;
    try {
      oldSide = await side(oldPath!, onNotice, limits);
    } catch (error) {
      if (error instanceof SpecError) {
        io.stderr(`the old spec (${oldLabel}) has problems:\n${formatSpecError(error, "nothing was compared.")}`);
        return EXIT.invalidSpec;
      }
      throw error;
    }
    const newSide = await side(newFile, onNotice, limits);
    if (values.strict && newSide.ir.warnings.length > 0) throw strictError(newSide.ir.warnings);
    io.stderr(formatWarnings(newSide.ir.warnings));
    const diff = diffSpecs(oldSide, newSide);
    if (values.json) io.stdout(`${JSON.stringify({ old: oldLabel, new: newSide.displayPath, ...diff }, null, 2)}\n`);
    else io.stdout(formatDiff(diff, oldLabel, newSide.displayPath));
    return values["fail-on-breaking"] && diff.changes.some((c) => c.breaking) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    return reportError(error, io, "nothing was compared.");
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
