/**
 * `lint`: the generator's own checks of a spec, without generating: load it, build the IR, and
 * print its problems and warnings. `make lint` runs it with `--strict` after Redocly's lint, so the
 * team's spec stays free of anything the generator would have to decide on its behalf.
 */
import { buildIr } from "../ir/build.js";
import { formatWarnings, strictError } from "../issues.js";
import { loadSpec } from "../load/load.js";
import { REPO_ROOT, resolveOptions } from "../options.js";
import path from "node:path";
import { EXIT, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

const HELP = `Usage: lint [--spec <file>] [--strict]

Checks a spec as the generator reads it (without writing anything): every problem that stops
generation, and every warning (what generation would decide on the spec's behalf).

Options:
  -s, --spec <file>   root file of the spec (default: spec/openapi.yaml)
      --strict        warnings are errors
  -h, --help          show this help

Exit codes:
  0  the spec generates (warnings, if any, are listed)
  2  the spec has problems (with --strict: or warnings)
  3  wrong command-line usage
  4  internal error
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { spec: { type: "string", short: "s" }, strict: { type: "boolean" } }, HELP, io);
  if ("exit" in parsed) return parsed.exit;
  const specPath = stringFlag(parsed.values, "spec") ?? path.join(REPO_ROOT, "spec", "openapi.yaml");
  try {
    const spec = await loadSpec(specPath, { onNotice: (message) => io.stderr(`notice: ${message}\n`) });
    const ir = buildIr(spec);
    const { acceptWarnings } = resolveOptions({ specPath });
    ir.warnings = ir.warnings.filter((w) => !acceptWarnings.includes(w.code));
    if (parsed.values.strict && ir.warnings.length > 0) throw strictError(ir.warnings);
    io.stderr(formatWarnings(ir.warnings));
    io.stdout(
      `${spec.displayPath}: ${ir.warnings.length ? `generates, with ${ir.warnings.length} warning(s)` : "no problems, no warnings"}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, "nothing was written.");
  }
}
