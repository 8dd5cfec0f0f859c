/**
 * `verify`: every operation of a spec called through its generated client, against Prism's mock
 * of the spec or, with a server, through Prism's validating proxy in front of that server.
 *
 * 1. load the spec and build its IR (a refused spec stops here: the pipeline's `SpecError`), and
 *    start Prism on the bundled document;
 * 2. meanwhile generate the client into a temporary folder and import it (generated-client.ts);
 * 3. plan the calls of every operation (plan.ts) and make them, a bounded number at a time,
 *    each judged on Prism's findings and on what the client did (calls.ts);
 * 4. stop Prism, remove the folder, and hand back the report (report.ts prints it).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIr } from "../ir/build.js";
import type { ApiIr } from "../ir/types.js";
import { loadSpec } from "../load/load.js";
import { REPO_ROOT } from "../options.js";
import { runCall, type CallResult } from "./calls.js";
import { generateClient, writeBundledSpec } from "./generated-client.js";
import { Planner, type OperationPlan, type Skip } from "./plan.js";
import { PrismStartError, startPrism, type PrismServer } from "./prism.js";
import { DEPTH_CUT_REASON, PRISM_NODE_BUDGET, prismCopy, type DepthCut } from "./prism-copy.js";

/** Methods that change nothing on a server (RFC 9110 §9.2.1): the only ones sent to a real server unless `unsafe`. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

export interface VerifyOptions {
  specPath: string;
  /** A running server, checked through `prism proxy`; absent: Prism's mock of the spec. */
  server?: string;
  /** With a server: also send POST, PUT, PATCH and DELETE. */
  unsafe: boolean;
  /** Calls in flight at once. */
  concurrency: number;
  /** Prism's `--seed` for its generated responses (mock). */
  seed: number;
  /** Time limit of one call, and of Prism's start. */
  callTimeoutMs: number;
  startTimeoutMs: number;
  /** Where the credentials of a real server come from (see `credentialVariables`). */
  env: Record<string, string | undefined>;
}

export const VERIFY_DEFAULTS = { concurrency: 8, seed: 1, callTimeoutMs: 120_000, startTimeoutMs: 600_000 } as const;

export interface Progress {
  done: number;
  total: number;
  violations: number;
}

export interface VerifyHooks {
  /** A stage began or ended (`generating the client`, `Prism is listening (12.3 s)`). */
  onStage?: (line: string) => void;
  onNotice?: (message: string) => void;
  /** After each call. */
  onProgress?: (progress: Progress) => void;
}

export interface OperationReport {
  operationId: string;
  className: string;
  methodName: string;
  method: string;
  path: string;
  calls: CallResult[];
  skipped: Skip[];
}

/** A client option that holds a credential, and the environment variable it is read from with a server. */
export interface CredentialVariable {
  option: string;
  variable: string;
  /** Whether the variable is set (its value is never printed). */
  set: boolean;
}

export interface VerifyReport {
  spec: string;
  mode: "mock" | "proxy";
  server?: string;
  operations: OperationReport[];
  credentials: CredentialVariable[];
  counts: { operations: number; calls: number; violations: number; skipped: number };
  /** Milliseconds: Prism's start, and the calls. */
  timings: { prismStartMs: number; callsMs: number; totalMs: number };
}

/** The spec cannot be verified: the generator refuses it, or Prism cannot load it. */
export class SpecRefusedError extends Error {
  override readonly name = "SpecRefusedError";
}

/** `apiKey` → `VERIFY_API_KEY`: the variable each credential option is read from with a server. */
export function credentialVariables(ir: ApiIr, env: Record<string, string | undefined>): CredentialVariable[] {
  return ir.configFields.map((field) => {
    const variable = `VERIFY_${field.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
    return { option: field.name, variable, set: Boolean(env[variable]) };
  });
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function emptyReport(spec: string, options: VerifyOptions, totalMs: number): VerifyReport {
  return {
    spec,
    mode: options.server ? "proxy" : "mock",
    ...(options.server ? { server: options.server } : {}),
    operations: [],
    credentials: [],
    counts: { operations: 0, calls: 0, violations: 0, skipped: 0 },
    timings: { prismStartMs: 0, callsMs: 0, totalMs },
  };
}

/** What Prism's copy leaves unchecked (prism-copy.ts): a skip of each operation it cuts. */
function addDepthCuts(plans: readonly OperationPlan[], cuts: readonly DepthCut[]): void {
  const depthOf = new Map(cuts.map((cut) => [`${cut.method} ${cut.path}`, cut.depth]));
  for (const plan of plans) {
    const depth = depthOf.get(`${plan.operation.httpMethodUpper} ${plan.operation.path}`);
    if (depth !== undefined) plan.skipped.push({ what: `schema references deeper than ${depth}`, reason: DEPTH_CUT_REASON });
  }
}

export async function verifySpec(options: VerifyOptions, hooks: VerifyHooks = {}): Promise<VerifyReport> {
  const started = performance.now();
  const stage = (line: string) => hooks.onStage?.(line);
  mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(REPO_ROOT, ".tmp", "verify-"));
  let prism: PrismServer | undefined;
  let prismStart: Promise<PrismServer> | undefined;
  try {
    const spec = await loadSpec(options.specPath, hooks.onNotice ? { onNotice: hooks.onNotice } : {});
    // A spec the generator refuses is refused before Prism is started (it takes long on a big spec).
    const ir = buildIr(spec);
    // Nothing to call (e.g. only webhooks and components): Prism refuses such a document, so it is not started.
    if (ir.apis.every((api) => api.operations.length === 0)) {
      stage("the spec has no operations: nothing to call");
      return emptyReport(spec.displayPath, options, performance.now() - started);
    }
    // Prism loads the same bundled document while the client is generated (it takes the longer),
    // or, when its loader would make too much of the document's references, a copy cut to fit.
    const copy = prismCopy(spec.document);
    if (copy.cuts.length > 0)
      stage(
        `Prism's loader would unfold the spec's $refs past ${PRISM_NODE_BUDGET.toLocaleString("en-US")} nodes: it gets a copy ` +
          `that follows the schema references of ${copy.cuts.length} operations only so deep (each reported as skipped)`,
      );
    const bundled = writeBundledSpec(copy.document, dir);
    const prismStarted = performance.now();
    stage(options.server ? `starting Prism's validating proxy to ${options.server}` : "starting Prism's mock of the spec");
    prismStart = startPrism(bundled, {
      // `--errors` (the default): a request that breaks the spec is answered by Prism and never
      // reaches a real server; a response that breaks it becomes Prism's 500 problem.
      ...(options.server ? { upstream: options.server } : { dynamic: true, seed: options.seed, noExtraProperties: true }),
      startTimeoutMs: options.startTimeoutMs,
      quiet: true,
    });
    prismStart.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    stage("generating the client");
    const client = await generateClient(options.specPath, path.join(dir, "out"));
    try {
      prism = await prismStart;
    } catch (error) {
      if (error instanceof PrismStartError && !error.addressInUse && /exited/.test(error.message))
        throw new SpecRefusedError(`Prism cannot load the spec:\n${error.message}`);
      throw error;
    }
    const prismStartMs = performance.now() - prismStarted;
    stage(`Prism is listening on ${prism.url} (${(prismStartMs / 1000).toFixed(1)} s)`);

    const credentials = credentialVariables(client.ir, options.env);
    const config: Record<string, string> = {};
    const secrets: string[] = [];
    for (const c of credentials) {
      const value = options.server ? options.env[c.variable] : `verify-${c.option}`;
      if (value) config[c.option] = value;
      if (value && options.server) secrets.push(value);
    }
    const planner = new Planner(client.document);
    const plans = planner.plan(client.ir, {
      statuses: !options.server,
      allowMethod: (method) => !options.server || options.unsafe || SAFE_METHODS.has(method),
      unsafeReason: "not a safe method: sent to a real server only with --unsafe",
    });
    addDepthCuts(plans, copy.cuts);
    const work: { plan: OperationPlan; index: number }[] = plans.flatMap((plan) => plan.calls.map((_, index) => ({ plan, index })));
    const results = new Map<OperationPlan, CallResult[]>(plans.map((p) => [p, []]));
    const progress: Progress = { done: 0, total: work.length, violations: 0 };
    hooks.onProgress?.({ ...progress });
    const callsStarted = performance.now();
    const ctx = {
      module: client.module,
      baseUrl: prism.url,
      credentials: config,
      timeoutMs: options.callTimeoutMs,
      secrets,
      mock: !options.server,
    };
    const running = prism;
    await inPool(work, options.concurrency, async ({ plan, index }) => {
      // Once Prism is gone, every further call would only say so.
      if (running.exited()) return;
      const result = await runCall(plan, plan.calls[index]!, ctx);
      results.get(plan)![index] = result;
      progress.done++;
      if (result.verdict === "violation") progress.violations++;
      hooks.onProgress?.({ ...progress });
    });
    const callsMs = performance.now() - callsStarted;
    const exit = running.exited();
    if (exit)
      throw new Error(
        `Prism exited (${exit}) during the calls; the end of its output:\n${running.logs().trim().split("\n").slice(-25).join("\n")}`,
      );

    const operations: OperationReport[] = plans
      .map((plan) => ({
        operationId: plan.operation.operationId,
        className: plan.className,
        methodName: plan.operation.methodName,
        method: plan.operation.httpMethodUpper,
        path: plan.operation.path,
        calls: results.get(plan)!,
        skipped: plan.skipped,
      }))
      .sort((a, b) => (a.className === b.className ? (a.methodName < b.methodName ? -1 : 1) : a.className < b.className ? -1 : 1));
    const allCalls = operations.flatMap((o) => o.calls);
    return {
      spec: spec.displayPath,
      mode: options.server ? "proxy" : "mock",
      ...(options.server ? { server: options.server } : {}),
      operations,
      credentials,
      counts: {
        operations: operations.length,
        calls: allCalls.length,
        violations: allCalls.filter((c) => c.verdict === "violation").length,
        skipped: allCalls.filter((c) => c.verdict === "skipped").length + operations.reduce((n, o) => n + o.skipped.length, 0),
      },
      timings: { prismStartMs, callsMs, totalMs: performance.now() - started },
    };
  } finally {
    if (prism) await prism.stop();
    else if (prismStart) await prismStart.then((p) => p.stop()).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
