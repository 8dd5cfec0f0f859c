/**
 * `generate` command line (its entry point is cli.ts). Exit codes: 0 done (or up to date), 1 `--check` found differences,
 * 2 the spec has problems (all listed), 3 usage error, 4 internal error.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generate, IGNORED_OUTPUT, type GenerateResult } from "./generate.js";
import { SpecError, formatIssue } from "./issues.js";
import { resolveOptions, type GeneratorOptions } from "./options.js";
import { relativeDisplay, setNoticeHandler } from "./load-spec.js";
import type { WriteHooks } from "./write-output.js";
import { parseCommandLine } from "./command-line.js";

export const EXIT = { ok: 0, differences: 1, invalidSpec: 2, usage: 3, internal: 4 } as const;

/** Set to 1, it makes a run fail after writing the temporary folder, before the swap (tests). */
export const FAIL_BEFORE_SWAP_ENV = "OPENAPI_TS_PIPELINE_FAIL_BEFORE_SWAP";

export const HELP = `Usage: generate [options]

Generates a typed TypeScript client (and its docs) from an OpenAPI 3.0/3.1 spec
(a Swagger 2.0 spec is converted to OpenAPI 3.0 on the way in, with a notice).

Options:
  -s, --spec <file>          root file of the spec (default: spec/openapi.yaml)
  -o, --out <dir>            output folder (default: generated)
      --check                regenerate in memory and fail if <dir> differs
      --package-name <name>  npm name of the client package
      --package-version <v>  version of the client package (default: info.version)
  -q, --quiet                print nothing but errors
  -h, --help                 show this help

Progress (one line per stage with its time) and notices go to stderr.
The output folder is replaced only when every stage succeeded: a failed run leaves it as it was.

Exit codes:
  0  generated (or, with --check, up to date)
  1  --check: the output differs from what the spec produces
  2  the spec has problems: each is listed with file:line or JSON pointer and a hint
  3  wrong command-line usage (or an invalid codegen.config.json)
  4  internal error (a bug: please report it with the spec)
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** The process's own stdout, stderr and environment (the commands' io outside tests). */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** Write hooks of a real run: keep build output across regenerations, and the test failure switch. */
export function writeHooks(env: Record<string, string | undefined>): WriteHooks {
  return {
    keep: IGNORED_OUTPUT,
    ...(env[FAIL_BEFORE_SWAP_ENV] === "1"
      ? {
          beforeSwap: () => {
            throw new Error(`${FAIL_BEFORE_SWAP_ENV}=1: failing before the swap, as asked`);
          },
        }
      : {}),
  };
}

export function summary(result: Pick<GenerateResult, "ir" | "files">): string {
  return `${result.ir.operations.length} operations, ${result.ir.models.length} models, ${result.files.size} files`;
}

/** Every problem, sorted, each with where it is and a hint; then the count. */
export function formatSpecError(error: SpecError, tail: string): string {
  return `${error.issues.map(formatIssue).join("\n")}\n${error.issues.length} problem(s); ${tail}\n`;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      spec: { type: "string", short: "s" },
      out: { type: "string", short: "o" },
      check: { type: "boolean" },
      "package-name": { type: "string" },
      "package-version": { type: "string" },
      quiet: { type: "boolean", short: "q" },
    },
    HELP,
    io,
    EXIT.usage,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  let options: GeneratorOptions;
  try {
    options = resolveOptions({
      ...(typeof values.spec === "string" && values.spec ? { specPath: values.spec } : {}),
      ...(typeof values.out === "string" && values.out ? { outDir: values.out } : {}),
      check: values.check === true,
      quiet: values.quiet === true,
      ...(typeof values["package-name"] === "string" ? { packageName: values["package-name"] } : {}),
      ...(typeof values["package-version"] === "string" ? { packageVersion: values["package-version"] } : {}),
    });
  } catch (error) {
    // A broken codegen.config.json beside the spec: a configuration problem, not a bug.
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const log = (line: string) => {
    if (!options.quiet) io.stderr(`${line}\n`);
  };
  setNoticeHandler((message) => log(`notice: ${message}`));
  const started = performance.now();
  try {
    const result = await generate(options, (t) => log(`  ${t.stage.padEnd(9)} ${t.ms.toFixed(0).padStart(6)} ms`), writeHooks(io.env));
    const total = (performance.now() - started).toFixed(0);
    if (options.check) {
      if (result.differences.length > 0) {
        io.stderr(
          `${relativeDisplay(options.outDir)} is out of date with ${result.spec.displayPath} (${result.differences.length} file(s)):\n` +
            `${result.differences.map((d) => `  ${d}`).join("\n")}\nRun \`make generate\` and commit the result.\n`,
        );
        return EXIT.differences;
      }
      log(`up to date: ${relativeDisplay(options.outDir)} matches ${result.spec.displayPath} (${summary(result)}, ${total} ms)`);
    } else {
      log(`generated ${relativeDisplay(options.outDir)} from ${result.spec.displayPath} (${summary(result)}, ${total} ms)`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SpecError) {
      io.stderr(formatSpecError(error, options.check ? "nothing was compared." : "nothing was written."));
      return EXIT.invalidSpec;
    }
    io.stderr(`internal error: ${(error as Error).stack ?? String(error)}\nnothing was written.\n`);
    return EXIT.internal;
  }
}

/** True when this module is the program being run (not imported by a test or another script). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

