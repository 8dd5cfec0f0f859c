/** `site` (`make site`): the static docs site, from the generated docs and the spec. */
import path from "node:path";
import { buildSite, SiteError } from "../site/build.js";
import { EXIT, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

const HELP = `Usage: site [options]

Builds a static docs site that any static host can serve as it is, offline: one HTML page per
generated markdown page, and the API reference of the spec.

Options:
      --docs <dir>   the generated markdown docs (default: generated/docs)
  -s, --spec <file>  the spec's root file (default: spec/openapi.yaml)
  -o, --out <dir>    the site folder, replaced (default: site)
  -h, --help         show this help

Exit codes:
  0  built
  1  the docs folder has no README.md (run \`make generate\` first), or the reference failed
  3  wrong command-line usage
  4  internal error
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { docs: { type: "string" }, spec: { type: "string", short: "s" }, out: { type: "string", short: "o" } },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  const docs = stringFlag(values, "docs") ?? "generated/docs";
  const spec = stringFlag(values, "spec") ?? "spec/openapi.yaml";
  const out = stringFlag(values, "out") ?? "site";
  try {
    const { pages } = buildSite({ docsDir: path.resolve(docs), specPath: path.resolve(spec), outDir: path.resolve(out) });
    io.stderr(`built ${out}/ (${pages} pages): serve it with \`make serve\`\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SiteError) {
      io.stderr(`${error.message}\n`);
      return EXIT.failed;
    }
    return reportError(error, io, "the site was not built.");
  }
}
