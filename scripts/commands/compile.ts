/**
 * `compile` (`make build`): the generated client package compiled by tsc into dist/ (ESM + CJS,
 * .d.ts, source maps), with the docs copied in, ready for `npm pack`.
 */
import path from "node:path";
import { CompileError, compileClient } from "../client/compile.js";
import { EXIT, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

const HELP = `Usage: compile [options]

Compiles <dir>/client (made by \`generate\`) with tsc into <dir>/client/dist/esm and
dist/cjs (JavaScript, .d.ts and source maps), and copies <dir>/docs into the package.

Options:
  -o, --out <dir>   the generator's output folder (default: generated)
  -h, --help        show this help

Exit codes:
  0  compiled
  1  tsc reported errors (printed), or there is no generated package in <dir>
  3  wrong command-line usage
  4  internal error
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { out: { type: "string", short: "o" } }, HELP, io);
  if ("exit" in parsed) return parsed.exit;
  const out = stringFlag(parsed.values, "out") ?? "generated";
  try {
    const printed = compileClient(path.resolve(out));
    if (printed) io.stderr(printed);
    io.stderr(`built ${path.join(out, "client", "dist")} (esm + cjs)\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CompileError) {
      io.stderr(`${error.message}\n`);
      return EXIT.failed;
    }
    return reportError(error, io, "nothing was built.");
  }
}
