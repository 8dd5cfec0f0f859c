/** `site` (`make site`): the static docs site of a spec. */
import path from "node:path";
import { buildSite, normalizeBase, SiteError } from "../site/build.js";
import { formatWarnings } from "../issues.js";
import { ScalarBundleError } from "../site/scalar-bundle.js";
import { EXIT, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

const HELP = `Usage: site [options]

Builds the docs site of a spec: a static folder that any static host serves as it is, offline.
The markdown docs (as \`generate\` writes them) as a VitePress site with local search, and the
API reference with a try-it console (Scalar); llms.txt and llms-full.txt at the root.

Options:
  -s, --spec <file>          the spec's root file (default: spec/openapi.yaml)
  -o, --out <dir>            the site folder, replaced when the build succeeds (default: site)
      --base <path>          the URL path the site is served under (default: /; GitHub Pages: /<repo>/)
      --package-name <name>  npm name of the client in the examples (default: codegen.config.json, or from the title)
  -q, --quiet                print nothing on success
  -h, --help                 show this help

Exit codes:
  0  built
  1  the site could not be built (e.g. Scalar's bundle could not be fetched on first use)
  2  the spec has problems (listed)
  3  wrong command-line usage
  4  internal error
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      spec: { type: "string", short: "s" },
      out: { type: "string", short: "o" },
      base: { type: "string" },
      "package-name": { type: "string" },
      quiet: { type: "boolean", short: "q" },
    },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  const spec = stringFlag(values, "spec") ?? "spec/openapi.yaml";
  const out = stringFlag(values, "out") ?? "site";
  const base = stringFlag(values, "base");
  const npmName = stringFlag(values, "package-name");
  const log = values.quiet ? () => {} : (line: string) => io.stderr(`${line}\n`);
  try {
    normalizeBase(base);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const started = performance.now();
    const { pages, warnings } = await buildSite({
      specPath: path.resolve(spec),
      outDir: path.resolve(out),
      ...(base !== undefined ? { base } : {}),
      ...(npmName ? { packageName: npmName } : {}),
      log,
    });
    io.stderr(formatWarnings(warnings));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`built ${out}/ from ${spec} (${pages} pages and the API reference, ${seconds} s): serve it with \`make serve\``);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SiteError || error instanceof ScalarBundleError) {
      io.stderr(`error: ${error.message}\nthe site was not built.\n`);
      return EXIT.failed;
    }
    return reportError(error, io, "the site was not built.");
  }
}
