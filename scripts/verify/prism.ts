/**
 * Prism, the contract checker `verify` (and the tests) run the generated client against.
 *
 * - `startPrism(spec)` starts a real `prism mock` process (the CLI from this
 *   repository's node_modules) on a free 127.0.0.1 port, with `--errors`, and
 *   resolves once Prism prints "Prism is listening on <url>". With `upstream`, it
 *   starts `prism proxy` instead: Prism's validating proxy in front of a real server.
 * - `violationsOf(response)` reads what Prism says about one exchange (a problem of its
 *   own, or an `sl-violations` header), and `violationCheckingFetch()` wraps `fetch`
 *   so that any such response throws a `PrismViolationError` instead of being handed
 *   to the code under test.
 *
 * Observed with @stoplight/prism-cli 5.14.2 (prism-http 5.12.0):
 * - invalid request, operation without a 4xx/default response:
 *     422 `application/problem+json`, type `https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY`,
 *     body has a `validation` list (no `sl-violations` header).
 * - invalid request, operation with a `default` (or 422/400) response:
 *     422 (or 400, 415 …) with the spec's own example body (`application/json`)
 *     plus an `sl-violations` header (JSON array of {location, severity, code, message}).
 * - undeclared path: 404 problem `#NO_PATH_MATCHED_ERROR`;
 *   undeclared method: 405 problem `#NO_METHOD_MATCHED_ERROR`.
 * - `Prefer: code=NNN` for a status not in the document (and no `default`):
 *     404 problem `#NOT_FOUND` ("Requested status code NNN is not defined in the document.").
 * - response that breaks its schema: `sl-violations` header; with `--errors`
 *     the status becomes 500, problem `#VIOLATIONS`, with a `validation` list.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Absolute path of the Prism CLI entry point in this repository. */
export const PRISM_CLI: string = path.join(path.dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");

export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  /** PID of the Prism process (also its process-group id: it is spawned detached). */
  pid: number;
  /** Milliseconds from spawn to the "Prism is listening" line. */
  startupMs: number;
  /** Kills the process group and resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
  /** Everything Prism has written to stdout/stderr so far (ANSI codes stripped). */
  logs(): string;
  /** How the process ended (`code 1`, `signal SIGKILL`) if it has, e.g. Prism crashed on a request. */
  exited(): string | undefined;
}

export interface StartPrismOptions {
  /** `-d`: generate responses from the schemas instead of using examples. */
  dynamic?: boolean;
  /** `--seed`: deterministic dynamic generation (only meaningful with `dynamic`). */
  seed?: number;
  /** How long to wait for "Prism is listening". Default 60 000 ms. */
  startTimeoutMs?: number;
  /** Pass `--errors` (default true): violations turn into error responses. */
  errors?: boolean;
  /** Fixed port instead of a free one (no retry if it is taken). */
  port?: number;
  /**
   * `prism proxy` to this server instead of `prism mock`: requests are validated, forwarded to
   * the server, and its responses validated against the spec on the way back.
   */
  upstream?: string;
  /** With `dynamic`: no made-up properties beyond the schema's (smaller, faster responses). */
  noExtraProperties?: boolean;
  /**
   * Log only warnings and errors (`-v warn`): Prism spends a good part of each request printing
   * its info lines. It then prints no "listening" line either, so readiness is found by asking.
   */
  quiet?: boolean;
}

const READY_RE = /Prism is listening on (https?:\/\/\S+)/;
const ANSI_RE = /\u001b\[[0-9;?]*[ -\/]*[@-~]/g;
const MAX_LOG_CHARS = 4_000_000;
const PORT_ATTEMPTS = 5;

/** Servers started by this module that have not been stopped yet. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test forgets stop(): never leave Prism behind.
  process.on("exit", () => {
    for (const child of live) killGroup(child, "SIGKILL");
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal); // whole process group (spawned detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Asks the OS for a free TCP port on 127.0.0.1 (listen on 0, read it, close). */
export function getFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") {
        srv.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      const { port } = addr;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** Prism did not start: its output says why (a spec it cannot load, a port taken). */
export class PrismStartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = "PrismStartError";
  }
}

export async function startPrism(specPath: string, opts: StartPrismOptions = {}): Promise<PrismServer> {
  if (opts.port !== undefined) return startOnPort(specPath, opts.port, opts);
  let lastError: unknown;
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await getFreePort();
    try {
      return await startOnPort(specPath, port, opts);
    } catch (err) {
      lastError = err;
      if (err instanceof PrismStartError && err.addressInUse) continue; // port race: try another
      throw err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** The Prism command line (without host and port) for these options. */
export function prismArgs(specPath: string, opts: StartPrismOptions): string[] {
  const args = opts.upstream === undefined ? ["mock", path.resolve(specPath)] : ["proxy", path.resolve(specPath), opts.upstream];
  if (opts.errors !== false) args.push("--errors");
  if (opts.upstream === undefined && opts.dynamic) {
    args.push("--dynamic");
    if (opts.noExtraProperties) args.push("--json-schema-faker-fillProperties=false");
  }
  if (opts.seed !== undefined) args.push("--seed", String(opts.seed));
  if (opts.quiet) args.push("--verboseLevel", "warn");
  return args;
}

function startOnPort(specPath: string, port: number, opts: StartPrismOptions): Promise<PrismServer> {
  const host = "127.0.0.1";
  const args = [PRISM_CLI, ...prismArgs(specPath, opts), "--host", host, "--port", String(port)];
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const startedAt = Date.now();

  const child = spawn(process.execPath, args, {
    detached: true, // own process group: stop() kills the whole group
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  installExitHook();
  live.add(child);

  let output = "";
  let exited = false;
  let exitInfo = "";
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      exitInfo = signal ? `signal ${signal}` : `code ${String(code)}`;
      live.delete(child);
      // Anything else left in the group (there should be nothing) goes too.
      killGroup(child, "SIGKILL");
      resolve();
    });
    // spawn failure (e.g. ENOENT) emits "error" and maybe no "exit"
    child.once("error", (err) => {
      output += `\n[harness] spawn error: ${err.message}\n`;
      if (child.pid === undefined) {
        exited = true;
        exitInfo = "spawn error";
        live.delete(child);
        resolve();
      }
    });
  });

  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopPromise ??= (async () => {
      if (exited) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      try {
        await exitPromise;
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopPromise;
  };

  const listening = (url: string, pid: number): PrismServer => ({
    url,
    port,
    pid,
    startupMs: Date.now() - startedAt,
    stop,
    logs: () => output,
    exited: () => (exited ? exitInfo : undefined),
  });

  return new Promise<PrismServer>((resolve, reject) => {
    let settled = false;
    const fail = (message: string, addressInUse = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new PrismStartError(`${message}\n--- Prism output ---\n${output.trim()}\n---`, addressInUse)));
    };
    const onData = (chunk: string): void => {
      if (output.length < MAX_LOG_CHARS) output += chunk.replace(ANSI_RE, "");
      if (settled) return;
      const m = READY_RE.exec(output);
      if (m && child.pid !== undefined) {
        settled = true;
        clearTimeout(timer);
        const url = (m[1] ?? `http://${host}:${port}`).replace(/\/+$/, "");
        resolve(listening(url, child.pid));
      } else if (/EADDRINUSE/.test(output)) {
        fail(`Prism could not bind ${host}:${port} (EADDRINUSE)`, true);
      }
    };
    child.stdout?.setEncoding("utf8").on("data", onData);
    child.stderr?.setEncoding("utf8").on("data", onData);
    if (opts.quiet) {
      // Any HTTP answer means Prism listens (it answers an unknown path with its own 404 problem).
      const url = `http://${host}:${port}`;
      const poll = (): void => {
        if (settled) return;
        fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) })
          .then(async (response) => {
            await response.arrayBuffer();
            if (settled || child.pid === undefined) return;
            settled = true;
            clearTimeout(timer);
            resolve(listening(url, child.pid));
          })
          .catch(() => setTimeout(poll, 200));
      };
      setTimeout(poll, 200);
    }
    const timer = setTimeout(() => fail(`Prism was not listening within ${timeoutMs} ms (spec ${specPath})`), timeoutMs);
    void exitPromise.then(() => {
      fail(`Prism exited (${exitInfo}) before listening (spec ${specPath})`, /EADDRINUSE/.test(output));
    });
  });
}

// ---------------------------------------------------------------------------
// Violation-checking fetch
// ---------------------------------------------------------------------------

export const PRISM_ERROR_TYPE_PREFIX = "https://stoplight.io/prism/errors#";

export interface PrismViolationDetails {
  method: string;
  url: string;
  status: number;
  /** Human-readable violations (one per line). */
  violations: string;
  /** Problem `type` when Prism answered with its own problem+json, e.g. `...#UNPROCESSABLE_ENTITY`. */
  problemType?: string;
  /** Raw `sl-violations` header, if any. */
  slViolationsHeader?: string;
  /** Parsed problem body, if any. */
  problem?: unknown;
}

export class PrismViolationError extends Error {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly violations: string;
  readonly problemType: string | undefined;
  readonly slViolationsHeader: string | undefined;
  readonly problem: unknown;

  constructor(d: PrismViolationDetails) {
    const source = d.problemType ? ` [${d.problemType.replace(/^.*#/, "#")}]` : " [sl-violations]";
    super(`Prism reported a violation for ${d.method} ${d.url} -> ${d.status}${source}:\n${d.violations}`);
    this.name = "PrismViolationError";
    this.method = d.method;
    this.url = d.url;
    this.status = d.status;
    this.violations = d.violations;
    this.problemType = d.problemType;
    this.slViolationsHeader = d.slViolationsHeader;
    this.problem = d.problem;
  }
}

/** One entry of Prism's `validation` list or `sl-violations` header. */
export interface PrismViolation {
  /** Where, dotted: `request.body.name`, `response.headers.x-rate`. */
  location: string;
  severity: string;
  code?: string;
  message: string;
}

function violationItems(list: unknown): PrismViolation[] {
  if (!Array.isArray(list)) return [];
  return list.map((v: ViolationLike) => ({
    location: Array.isArray(v.location) ? v.location.join(".") : String(v.location ?? "?"),
    severity: typeof v.severity === "string" ? v.severity : "?",
    ...(v.code !== undefined ? { code: String(v.code) } : {}),
    message: String(v.message ?? JSON.stringify(v)),
  }));
}

interface ViolationLike {
  location?: unknown;
  severity?: unknown;
  code?: unknown;
  message?: unknown;
}

function formatViolations(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list
    .map((v: ViolationLike) => {
      const loc = Array.isArray(v.location) ? v.location.join(".") : String(v.location ?? "?");
      const sev = typeof v.severity === "string" ? v.severity : "?";
      return `- ${sev} at ${loc}: ${String(v.message ?? JSON.stringify(v))}${v.code !== undefined ? ` (${String(v.code)})` : ""}`;
    })
    .join("\n");
}

function requestMethod(input: RequestInfo | URL, init?: RequestInit): string {
  if (init?.method) return init.method.toUpperCase();
  if (typeof input === "object" && "method" in input && typeof input.method === "string") {
    return input.method.toUpperCase();
  }
  return "GET";
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** What Prism says about one exchange, when it flags it. */
export interface PrismFinding {
  /** Human-readable violations (one per line). */
  violations: string;
  /** Each violation Prism listed (none when it only sent a problem without a list, e.g. #NOT_FOUND). */
  items: PrismViolation[];
  /** Problem `type` when Prism answered with its own problem+json, e.g. `...#UNPROCESSABLE_ENTITY`. */
  problemType?: string;
  /** Raw `sl-violations` header, if any. */
  slViolationsHeader?: string;
  /** Parsed problem body, if any. */
  problem?: unknown;
}

/**
 * Whether Prism flagged this response (an `sl-violations` header, or a Prism-generated
 * `application/problem+json` whose `type` is under `stoplight.io/prism/errors`), and what it
 * said. Reads a clone: the response's own body is left unread.
 */
export async function violationsOf(response: Response): Promise<PrismFinding | undefined> {
  const header = response.headers.get("sl-violations") ?? undefined;
  const contentType = response.headers.get("content-type") ?? "";
  let problem: unknown;
  let problemType: string | undefined;
  if (/application\/problem\+json/i.test(contentType)) {
    try {
      problem = await response.clone().json();
      const t = (problem as { type?: unknown } | null)?.type;
      if (typeof t === "string" && t.includes("stoplight.io/prism/errors")) problemType = t;
    } catch {
      /* not JSON: not a Prism problem */
    }
  }
  if (header === undefined && problemType === undefined) return undefined;

  const lines: string[] = [];
  let items: PrismViolation[] = [];
  if (problemType !== undefined) {
    const p = problem as { title?: unknown; detail?: unknown; validation?: unknown };
    const v = formatViolations(p.validation);
    // The title and detail only say "invalid, and --errors is set" when a list follows.
    if (v) lines.push(v);
    else lines.push(`${String(p.title ?? "")}: ${String(p.detail ?? "")}`.trim());
    items = violationItems(p.validation);
  }
  if (header !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(header);
    } catch {
      parsed = undefined;
    }
    const v = formatViolations(parsed) ?? header;
    // with --errors the header repeats the problem's validation list; don't print it twice
    if (!lines.includes(v)) {
      lines.push(v);
      items = [...items, ...violationItems(parsed)];
    }
  }
  return {
    violations: lines.join("\n"),
    items,
    ...(problemType !== undefined ? { problemType, problem } : {}),
    ...(header !== undefined ? { slViolationsHeader: header } : {}),
  };
}

/**
 * Wraps `fetch`: if Prism flags the exchange (see `violationsOf`), throws `PrismViolationError`;
 * otherwise returns the response untouched (its body is not consumed).
 */
export function violationCheckingFetch(baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = requestMethod(input, init);
    const response = await baseFetch(input, init);
    const finding = await violationsOf(response);
    if (finding === undefined) return response;
    // The original body will never be read: release the connection.
    await response.body?.cancel().catch(() => {});
    throw new PrismViolationError({
      method,
      url: response.url || requestUrl(input),
      status: response.status,
      ...finding,
    });
  };
  return wrapped as typeof fetch;
}
