/**
 * `generate` command line. Exit codes: 0 done (or up to date), 1 `--check` found differences,
 * 2 the spec has problems (all listed), 3 usage error, 4 internal error.
 */
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { SpecError, formatIssue } from "./issues.js";
import { resolveOptions } from "./options.js";
import { relativeDisplay } from "./load-spec.js";

export const EXIT = { ok: 0, differences: 1, invalidSpec: 2, usage: 3, internal: 4 } as const;

const HELP = `Usage: generate [options]

Generates a typed TypeScript client (and its docs) from an OpenAPI 3.0/3.1 spec.

Options:
  -s, --spec <file>          root file of the spec (default: spec/openapi.yaml)
  -o, --out <dir>            output folder (default: generated)
      --check                regenerate in memory and fail if <dir> differs
      --package-name <name>  npm name of the client package
      --package-version <v>  version of the client package (default: info.version)
  -q, --quiet                print nothing but errors
  -h, --help                 show this help

Exit codes:
  0  generated (or, with --check, up to date)
  1  --check: the output differs from what the spec produces
  2  the spec has problems: each is listed with file:line or JSON pointer and a hint
  3  wrong command-line usage
  4  internal error (a bug: please report it with the spec)
`;

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        spec: { type: "string", short: "s" },
        out: { type: "string", short: "o" },
        check: { type: "boolean" },
        "package-name": { type: "string" },
        "package-version": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const options = resolveOptions({
    ...(typeof values.spec === "string" && values.spec ? { specPath: values.spec } : {}),
    ...(typeof values.out === "string" && values.out ? { outDir: values.out } : {}),
    check: values.check === true,
    quiet: values.quiet === true,
    ...(typeof values["package-name"] === "string" ? { packageName: values["package-name"] } : {}),
    ...(typeof values["package-version"] === "string" ? { packageVersion: values["package-version"] } : {}),
  });
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const started = performance.now();
  try {
    const result = await generate(options, (t) => log(`  ${t.stage.padEnd(9)} ${t.ms.toFixed(0).padStart(6)} ms`));
    const total = (performance.now() - started).toFixed(0);
    const summary = `${result.ir.operations.length} operations, ${result.ir.models.length} models, ${result.files.size} files`;
    if (options.check) {
      if (result.differences.length > 0) {
        process.stderr.write(
          `${relativeDisplay(options.outDir)} is out of date with ${result.spec.displayPath} (${result.differences.length} file(s)):\n` +
            `${result.differences.map((d) => `  ${d}`).join("\n")}\nRun \`make generate\` and commit the result.\n`,
        );
        return EXIT.differences;
      }
      log(`up to date: ${relativeDisplay(options.outDir)} matches ${result.spec.displayPath} (${summary}, ${total} ms)`);
    } else {
      log(`generated ${relativeDisplay(options.outDir)} from ${result.spec.displayPath} (${summary}, ${total} ms)`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SpecError) {
      process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n${error.issues.length} problem(s); nothing was written.\n`);
      return EXIT.invalidSpec;
    }
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\nnothing was written.\n`);
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv.slice(2));
