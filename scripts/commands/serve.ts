/** `serve` (`make serve`): preview the built site on 127.0.0.1 until Ctrl-C. */
import { existsSync } from "node:fs";
import path from "node:path";
import { normalizeBase, SiteError } from "../site/build.js";
import { serveSite } from "../site/serve.js";
import { EXIT, numberFlag, parseCommandLine, reportError, stringFlag, type Io } from "./command-line.js";

const HELP = `Usage: serve [options]

Serves the built site (GET and HEAD only, nothing outside the folder) on 127.0.0.1 until Ctrl-C.

Options:
      --dir <dir>    the site folder (default: site)
  -p, --port <n>     the port (default: 8080; 0 picks a free one)
      --base <path>  the URL path the site was built for (\`site --base\`; default: /)
  -h, --help         show this help

Exit codes:
  0  stopped with Ctrl-C
  1  the folder has no index.html (run \`make site\` first)
  3  wrong command-line usage
  4  internal error (e.g. the port is taken)
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { dir: { type: "string" }, port: { type: "string", short: "p" }, base: { type: "string" } },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const dir = stringFlag(parsed.values, "dir") ?? "site";
  try {
    const port = numberFlag(parsed.values, "port", 8080);
    if (!existsSync(path.join(dir, "index.html"))) {
      io.stderr(`${dir}/index.html not found: run \`make site\` first\n`);
      return EXIT.failed;
    }
    const { server, url } = await serveSite(dir, port, "127.0.0.1", normalizeBase(stringFlag(parsed.values, "base")));
    io.stderr(`serving ${dir}/ on ${url}/ (Ctrl-C to stop)\n`);
    return await new Promise((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        server.close(() => resolve(EXIT.ok));
        server.closeAllConnections();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  } catch (error) {
    if (error instanceof SiteError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    return reportError(error, io, "nothing is served.");
  }
}
