/**
 * One planned call, made through the generated client and judged: Prism must report no violation
 * (request or response), the status must be one the operation documents (or the one forced), and
 * the client must do what it documents: resolve with the parsed body on 2xx, reject with an
 * `ApiError` carrying the status and the parsed body otherwise.
 */
import { isDeepStrictEqual } from "node:util";
import type { OperationIr } from "../ir/types.js";
import { isJsonMediaType } from "../ir/serialization.js";
import type { ClientModule } from "./generated-client.js";
import { ambiguousOneOfReason, knownLimitation, MOCK_TIMEOUT_REASON } from "./limitations.js";
import type { OperationPlan, PlannedCall } from "./plan.js";
import { violationsOf, type PrismFinding } from "./prism.js";

export type Verdict = "ok" | "violation" | "skipped";

export interface CallResult {
  kind: PlannedCall["kind"];
  prefer?: number;
  documented?: string;
  /** The status the client received (absent when nothing was received). */
  status?: number;
  verdict: Verdict;
  /** For a violation: Prism's message, or what the client did wrong; for a skip: the reason. */
  message?: string;
  /** Who found it: Prism, or this check of the client's behaviour. */
  source?: "prism" | "client" | "status";
}

export interface CallContext {
  module: ClientModule;
  baseUrl: string;
  /** Client configuration besides `baseUrl` and `fetch`: the credentials. */
  credentials: Record<string, string>;
  /** Time limit of one call. */
  timeoutMs: number;
  /** Values never to print (credentials): blanked out of every message. */
  secrets: readonly string[];
  /** Against Prism's mock (its responses are its own making) rather than a real server. */
  mock: boolean;
}

interface Exchange {
  status: number;
  contentType: string;
  text: string;
  bytes: number;
  finding: PrismFinding | undefined;
}

/** The response body as the client's runtime parses an error body: JSON when it parses, else text. */
function parsedErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether the status is one the operation documents (exactly, by range, or through `default`). */
export function isDocumented(operation: OperationIr, status: number): boolean {
  return operation.responses.some(
    (r) => r.status === String(status) || r.status.toUpperCase() === `${String(status)[0]}XX` || r.status === "default",
  );
}

function blank(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join("[REDACTED]");
  return result;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** A connection closed before any response: Prism (one thread) closes idle keep-alive sockets late while busy. */
function isReset(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  return (
    error instanceof TypeError &&
    (cause?.code === "ECONNRESET" || cause?.code === "UND_ERR_SOCKET" || /other side closed/.test(String(cause?.message)))
  );
}

/**
 * Sends the request, again (up to twice) when the connection was reset before any response: the
 * request was never answered, so sending it again asks nothing twice.
 */
async function sendAgain(request: Request, onSend: () => void): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const spare = attempt < 3 ? request.clone() : undefined;
    onSend();
    try {
      return await fetch(request);
    } catch (error) {
      if (!spare || !isReset(error)) throw error;
      request = spare;
    }
  }
}

/** Some response of the operation has a body with no schema Prism could generate a value from. */
function answersWithoutSchema(operation: OperationIr): boolean {
  return operation.responses.some((r) => r.mediaType !== undefined && r.schemaPointer === undefined);
}

/** Makes one call through the client and judges it. */
export async function runCall(plan: OperationPlan, call: PlannedCall, ctx: CallContext): Promise<CallResult> {
  const { operation } = plan;
  const base = { kind: call.kind, ...(call.prefer !== undefined ? { prefer: call.prefer, documented: call.documented } : {}) };
  let exchange: Exchange | undefined;
  let sent = false;
  const fetchThrough = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    const prefer = [
      ...(call.prefer !== undefined ? [`code=${call.prefer}`] : []),
      // Prism's dynamic generator needs a schema: a media type with only `itemSchema` (a stream) or an
      // example is answered from its example instead.
      ...(answersWithoutSchema(operation) ? ["dynamic=false"] : []),
    ];
    if (prefer.length > 0) headers.set("Prefer", prefer.join(", "));
    // `manual`: a forced 3xx is the response Prism validated, not the page its Location points to.
    const response = await sendAgain(new Request(request, { headers, redirect: "manual" }), () => (sent = true));
    const finding = await violationsOf(response);
    const body = Buffer.from(await response.clone().arrayBuffer());
    exchange = {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text: body.toString("utf8"),
      bytes: body.length,
      finding,
    };
    return response;
  };
  const Api = ctx.module[plan.className] as (new (config: Record<string, unknown>) => Record<string, unknown>) | undefined;
  if (typeof Api !== "function")
    return { ...base, verdict: "violation", source: "client", message: `the package exports no class ${plan.className}` };
  const api = new Api({ ...ctx.credentials, baseUrl: ctx.baseUrl, fetch: fetchThrough, maxRetries: 0, timeoutMs: ctx.timeoutMs });
  const method = api[operation.methodName];
  if (typeof method !== "function")
    return { ...base, verdict: "violation", source: "client", message: `${plan.className} has no method ${operation.methodName}` };

  let resolved = false;
  let data: unknown;
  let error: unknown;
  try {
    data = await (method as (...args: unknown[]) => Promise<unknown>).apply(api, call.args);
    resolved = true;
  } catch (caught) {
    error = caught;
  }
  const seen = exchange as Exchange | undefined;
  const verdict = (verdict: Verdict, source: CallResult["source"], message: string): CallResult => ({
    ...base,
    ...(seen ? { status: seen.status } : {}),
    verdict,
    source,
    message: blank(message, ctx.secrets),
  });
  if (seen === undefined && sent && ctx.mock && (error as Error | undefined)?.name === "ApiTimeoutError")
    return verdict("skipped", "prism", `Prism limitation: ${MOCK_TIMEOUT_REASON} (${ctx.timeoutMs / 1000} s)`);
  if (seen === undefined)
    return sent
      ? verdict("violation", "status", `no response: ${describeError(error)}`)
      : verdict("violation", "client", `nothing was sent: the call threw ${describeError(error)}`);

  if (seen.finding) {
    const limitation = knownLimitation(seen.finding, operation, ctx.mock, plan);
    if (limitation) return verdict("skipped", "prism", `Prism limitation: ${limitation}`);
    const ambiguous = ambiguousOneOfReason(seen.finding, call.ambiguousOneOf);
    if (ambiguous) return verdict("skipped", "prism", `not exercised: ${ambiguous}`);
    return verdict("violation", "prism", seen.finding.violations);
  }
  if (call.prefer !== undefined && seen.status !== call.prefer)
    return verdict("violation", "status", `asked for ${call.prefer} (${call.documented}), received ${seen.status}`);
  if (!isDocumented(operation, seen.status))
    return verdict("violation", "status", `status ${seen.status} is not documented for ${operation.operationId}`);

  const ok = seen.status >= 200 && seen.status < 300;
  if (ok) {
    if (!resolved) return verdict("violation", "client", `the client threw on a ${seen.status}: ${describeError(error)}`);
    const problem = dataProblem(operation, seen, data);
    return problem ? verdict("violation", "client", problem) : verdict("ok", undefined, "");
  }
  if (resolved) return verdict("violation", "client", `the client resolved on a ${seen.status} instead of throwing ApiError`);
  const ApiError = ctx.module.ApiError as (new (...args: never[]) => unknown) | undefined;
  if (typeof ApiError !== "function" || !(error instanceof ApiError))
    return verdict("violation", "client", `expected ApiError for ${seen.status}, got ${describeError(error)}`);
  const apiError = error as { status?: unknown; body?: unknown };
  if (apiError.status !== seen.status)
    return verdict("violation", "client", `ApiError.status is ${String(apiError.status)}, the response's ${seen.status}`);
  if (!isDeepStrictEqual(apiError.body, parsedErrorBody(seen.text)))
    return verdict(
      "violation",
      "client",
      `ApiError.body is not the response's parsed body: ${JSON.stringify(apiError.body)?.slice(0, 200)}`,
    );
  return verdict("ok", undefined, "");
}

/** What is wrong with the data a 2xx call resolved with, if anything. */
function dataProblem(operation: OperationIr, seen: Exchange, data: unknown): string | undefined {
  if (seen.text === "" || seen.status === 204 || operation.httpMethodUpper === "HEAD")
    return data === undefined ? undefined : `resolved with ${JSON.stringify(data)?.slice(0, 100)} for an empty body`;
  // A `*/*` body is JSON when the answer says so (as the client reads it), else its text.
  const parseAs = operation.parseAs !== "any" ? operation.parseAs : isJsonMediaType(seen.contentType) ? "json" : "text";
  switch (parseAs) {
    case "text":
      return data === seen.text ? undefined : "resolved with something else than the body's text";
    case "blob":
      return data instanceof Blob && data.size === seen.bytes ? undefined : "resolved with something else than the body as a Blob";
    case undefined:
    case "json": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(seen.text);
      } catch {
        return `the client expects JSON, the response is ${seen.contentType || "without a content type"}`;
      }
      return isDeepStrictEqual(data, parsed)
        ? undefined
        : `resolved with data that is not the parsed body: ${JSON.stringify(data)?.slice(0, 200)}`;
    }
  }
}
