/**
 * `verify` (`make verify SPEC=<file> [SERVER=<url>]`): every operation of the spec called through
 * its generated client, against Prism's mock of the spec, or through Prism's validating proxy in
 * front of a running server. Exit codes: 0 no violation, 1 violations, 2 the spec is refused,
 * 3 usage, 4 internal error.
 */
import path from "node:path";
import { REPO_ROOT } from "../options.js";
import { formatHeader, formatTable, progressLine, reportJson, summaryLine } from "../verify/report.js";
import { SpecRefusedError, VERIFY_DEFAULTS, verifySpec, type Progress } from "../verify/verify.js";
import { EXIT, numberFlag, parseCommandLine, processIo, reportError, stringFlag, UsageError, type Io } from "./command-line.js";

export const HELP = `Usage: verify [--spec <file>] [--server <url>] [options]

Contract-tests the spec's generated client. The client is generated into a temporary folder, Prism
is started on the spec, and every operation is called through the client: once with its required
arguments, once with every optional argument too (values made from the schemas: formats, enums,
patterns, bounds, required properties, the write view of bodies), then once per documented status,
forced with \`Prefer: code=NNN\`. A call passes when Prism reports no violation of the request or
the response, the status is documented, and the client behaves as documented: the parsed body on
2xx, an ApiError with the status and the parsed body otherwise.

With --server, the same calls (without forced statuses) go through Prism's validating proxy to
that server, and every response that breaks the spec is reported (an undocumented status, a body
or header that does not match its schema). Only GET, HEAD and OPTIONS are sent unless --unsafe.

Options:
  -s, --spec <file>        the spec's root file (default: spec/openapi.yaml)
      --server <url>       a running server to check (its base URL, as the client's baseUrl)
      --unsafe             with --server: also send POST, PUT, PATCH and DELETE
      --json               print the report as JSON on stdout (no table)
      --problems           print only the rows that are not ok (violations and skips)
      --concurrency <n>    calls in flight at once (default ${VERIFY_DEFAULTS.concurrency})
      --seed <n>           seed of Prism's generated responses (default ${VERIFY_DEFAULTS.seed})
  -q, --quiet              no progress line
  -h, --help               show this help

Credentials (with --server) come from the environment, one variable per option of the client's
configuration: VERIFY_ and the option's name in capitals: VERIFY_API_KEY (apiKey),
VERIFY_USERNAME and VERIFY_PASSWORD (HTTP basic), VERIFY_ACCESS_TOKEN (bearer, OAuth2, OpenID
Connect); with several API-key schemes, one per scheme (VERIFY_<SCHEME_NAME>). The report says
which are set; their values are never printed. Against the mock, placeholders are sent.

Operations that cannot be exercised (TRACE, informational statuses, unsafe methods without
--unsafe, a known limitation of Prism) are listed as skipped, with the reason.

Output: the table on stdout, progress on stderr, and the last line
  verify: N operations, N calls, N violations, N skipped

Exit codes:
  0  every call passed (skips are not failures)
  1  at least one violation
  2  the spec is refused (by the generator: its problems are listed; or Prism cannot load it)
  3  wrong command-line usage
  4  internal error
`;

/** Progress on a terminal: one line rewritten in place, at most every 100 ms; elsewhere a line per tenth. */
function progressPrinter(io: Io): (progress: Progress) => void {
  const tty = io === processIo && process.stderr.isTTY === true;
  let last = 0;
  let lastTenth = -1;
  return (progress) => {
    const finished = progress.done === progress.total;
    if (tty) {
      const now = Date.now();
      if (!finished && now - last < 100) return;
      last = now;
      io.stderr(`\r${progressLine(progress)}${finished ? "\n" : ""}`);
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.stderr(`${progressLine(progress)}\n`);
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      spec: { type: "string", short: "s" },
      server: { type: "string" },
      unsafe: { type: "boolean" },
      json: { type: "boolean" },
      problems: { type: "boolean" },
      concurrency: { type: "string" },
      seed: { type: "string" },
      quiet: { type: "boolean", short: "q" },
    },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  const quiet = values.quiet === true;
  const tail = "nothing was verified.";
  try {
    const server = stringFlag(values, "server");
    if (server !== undefined && !/^https?:\/\/[^/]/.test(server)) throw new UsageError(`--server must be an http(s) URL, not "${server}"`);
    if (values.unsafe && server === undefined) throw new UsageError("--unsafe only applies with --server (the mock changes nothing)");
    const specPath = stringFlag(values, "spec") ?? path.join(REPO_ROOT, "spec", "openapi.yaml");
    const report = await verifySpec(
      {
        specPath,
        ...(server !== undefined ? { server: server.replace(/\/+$/, "") } : {}),
        unsafe: values.unsafe === true,
        concurrency: numberFlag(values, "concurrency", VERIFY_DEFAULTS.concurrency, 1),
        seed: numberFlag(values, "seed", VERIFY_DEFAULTS.seed, 0),
        callTimeoutMs: VERIFY_DEFAULTS.callTimeoutMs,
        startTimeoutMs: VERIFY_DEFAULTS.startTimeoutMs,
        env: io.env,
      },
      {
        onStage: (line) => quiet || io.stderr(`${line}\n`),
        onNotice: (message) => quiet || io.stderr(`notice: ${message}\n`),
        ...(quiet ? {} : { onProgress: progressPrinter(io) }),
      },
    );
    if (values.json) io.stdout(reportJson(report));
    else io.stdout(`${formatHeader(report)}${formatTable(report, { problemsOnly: values.problems === true })}\n${summaryLine(report)}\n`);
    return report.counts.violations > 0 ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof SpecRefusedError) {
      io.stderr(`${error.message}\n${tail}\n`);
      return EXIT.invalidSpec;
    }
    return reportError(error, io, tail);
  }
}
