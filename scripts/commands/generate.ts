/**
 * `generate` (the default command, `make generate`): the spec in, the client package and its
 * docs out. Exit codes: 0 done (or up to date), 1 `--check` found differences, 2 the spec has
 * problems (all listed), 3 usage error, 4 internal error.
 */
import { generate, summary, writeHooks } from "../generate.js";
import { relativeDisplay } from "../load/locate.js";
import { resolveOptions } from "../options.js";
import { formatIssue } from "../issues.js";
import { EXIT, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

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

export async function run(argv: string[], io: Io): Promise<number> {
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
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  const check = values.check === true;
  const quiet = values.quiet === true;
  const log = (line: string) => {
    if (!quiet) io.stderr(`${line}\n`);
  };
  const tail = check ? "nothing was compared." : "nothing was written.";
  try {
    const specPath = stringFlag(values, "spec");
    const outDir = stringFlag(values, "out");
    const packageName = stringFlag(values, "package-name");
    const packageVersion = stringFlag(values, "package-version");
    const options = resolveOptions({
      ...(specPath ? { specPath } : {}),
      ...(outDir ? { outDir } : {}),
      check,
      quiet,
      ...(packageName ? { packageName } : {}),
      ...(packageVersion ? { packageVersion } : {}),
    });
    const started = performance.now();
    const result = await generate(options, {
      onStage: (t) => log(`  ${t.stage.padEnd(9)} ${t.ms.toFixed(0).padStart(6)} ms`),
      onNotice: (message) => log(`notice: ${message}`),
      write: writeHooks(io.env),
    });
    const total = (performance.now() - started).toFixed(0);
    // What was decided about the spec (e.g. a model renamed), in the form of an error.
    for (const warning of result.ir.warnings) log(formatIssue(warning));
    if (check && result.differences.length > 0) {
      io.stderr(
        `${relativeDisplay(options.outDir)} is out of date with ${result.spec.displayPath} (${result.differences.length} file(s)):\n` +
          `${result.differences.map((d) => `  ${d}`).join("\n")}\nRun \`make generate\` and commit the result.\n`,
      );
      return EXIT.failed;
    }
    log(
      check
        ? `up to date: ${relativeDisplay(options.outDir)} matches ${result.spec.displayPath} (${summary(result)}, ${total} ms)`
        : `generated ${relativeDisplay(options.outDir)} from ${result.spec.displayPath} (${summary(result)}, ${total} ms)`,
    );
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, tail);
  }
}
