/**
 * Errors thrown by generated clients. Every kind of failure has its own class:
 * - `ApiError`: the server answered with a non-2xx status (after any retries);
 * - `ApiConnectionError`: no answer (connection refused or reset, DNS, TLS: fetch's network error);
 * - `ApiTimeoutError` (an `ApiConnectionError`): an attempt took longer than `timeoutMs`;
 * - `InvalidRequestError`: an argument that cannot be sent, caught before any request;
 * - `UnexpectedResponseError`: a 2xx whose body cannot be read as the spec says (an HTML page
 *   from a proxy, truncated JSON);
 * - `HookError`: an `onRequest`/`onResponse`/`onError` hook of the client threw.
 * A call cancelled with its `AbortSignal` rejects with the signal's reason, not with these.
 *
 * None of them carries the request, its headers or its body: the API key, the password and
 * the request body's writeOnly fields cannot end up in a message, `String(error)`,
 * `JSON.stringify(error)` or a log line, even when a server echoes them back.
 */
import { scrubDeep, scrubText } from "./redact.js";

export interface OperationMeta {
  operationId: string;
  /** HTTP method in upper case. */
  method: string;
  /** The path template as in the spec, e.g. `/v2/credentials/{namespace}`. */
  path: string;
  /** Security requirement alternatives; each lists schemes sent together. `[]`: no auth. */
  security: readonly (readonly string[])[];
  /** How a 2xx body is read; `any`: by the answer's Content-Type; `stream`: handed over unread (streaming.ts). */
  parseAs?: "json" | "text" | "blob" | "any" | "stream";
  /** The spec's description of each non-2xx response, by status (`502`, `4XX`, `default`). */
  responses?: Readonly<Record<string, string>>;
}

/**
 * What every error of a call has: the operation that failed, named in its message as
 * `getThing (GET /things/{id}) <what happened>[ [request id …]]` (the path template, never the
 * filled-in URL, whose query may hold a key), and a JSON form of its own fields (never the
 * response headers, the request or the cause).
 */
class OperationError extends Error {
  declare readonly method: string;
  /** The path template, never the filled-in URL (which may carry secrets in its query). */
  declare readonly path: string;
  declare readonly operationId: string;

  constructor(
    meta: OperationMeta,
    what: string,
    cause?: unknown,
    secrets: readonly string[] = [],
    requestId?: string,
  ) {
    super(
      `${meta.operationId} (${meta.method} ${meta.path}) ${what}${requestId ? ` [request id ${requestId}]` : ""}`,
      cause === undefined ? undefined : { cause: scrubError(cause, secrets) },
    );
    this.method = meta.method;
    this.path = meta.path;
    this.operationId = meta.operationId;
  }

  toJSON(): Record<string, unknown> {
    const { headers: _headers, statusText: _statusText, ...fields } = this as Record<string, unknown>;
    return { ...fields, message: this.message };
  }
}

/**
 * The error body of each operation, by operationId: the generated `operations.ts` adds one entry
 * per operation, so that `ApiError.is(error, "getThing")` narrows `error.body` to its type.
 */
export interface ErrorBodies {}

/**
 * A response with a non-2xx status. `body` is the parsed body, typed by the operation's error
 * responses in the spec (`undefined` when the response had none).
 */
export class ApiError<TBody = unknown> extends OperationError {
  override readonly name = "ApiError";
  declare readonly status: number;
  /** The reason phrase the server sent (often empty over HTTP/2). */
  declare readonly statusText: string;
  /**
   * What the spec calls this response: the description of its status code (e.g. "Bad Gateway"
   * for a declared 502), else of its range (`5XX`), else of `default`.
   */
  declare readonly statusDescription: string | undefined;
  /** The response headers (e.g. `retry-after`), with any echoed secret blanked out. */
  declare readonly headers: Headers;
  declare readonly body: TBody;
  /** From the body's `request_id`/`requestId`, else the `x-request-id`/`request-id` header. */
  declare readonly requestId: string | undefined;

  /**
   * @param secrets - values to blank out of what the server sent back (an echoed API key,
   *   password or writeOnly field), so that they cannot leak through this error.
   */
  constructor(meta: OperationMeta, response: Response, body: TBody, secrets: readonly string[] = []) {
    const { status } = response;
    const safeBody = scrubDeep(body, secrets) as TBody;
    const requestId = requestIdOf(safeBody, response.headers, secrets);
    const statusText = scrubText(response.statusText, secrets);
    const responses = meta.responses ?? {};
    // The spec's words for the status code or its range, else the server's reason phrase.
    const declared = responses[status] ?? responses[`${String(status)[0]}XX`];
    super(meta, `failed with status ${status}`, undefined, secrets, requestId);
    this.status = status;
    this.statusText = statusText;
    this.statusDescription = declared ?? responses.default;
    this.headers = scrubHeaders(response.headers, secrets);
    this.body = safeBody;
    this.requestId = requestId;
  }

  /**
   * Is `error` an `ApiError` of this operation (`ApiError.is(error, "getThing")`: `body` is then
   * typed as that operation's error body), or with this status (`ApiError.is(error, 404)`)?
   */
  static is<K extends keyof ErrorBodies>(error: unknown, operationId: K): error is ApiError<ErrorBodies[K]>;
  static is(error: unknown, status?: number): error is ApiError;
  static is(error: unknown, which?: string | number): boolean {
    return (
      error instanceof ApiError &&
      (which === undefined || error.status === which || error.operationId === which)
    );
  }
}

/**
 * No response: the connection could not be made or broke (refused, reset, DNS, TLS): fetch
 * rejected with a network error. `cause` is that error, with any secret blanked out.
 */
export class ApiConnectionError extends OperationError {
  override readonly name: string = "ApiConnectionError";

  /** @param what - what happened, when it is not "failed: no response" (the network's words are in `cause`). */
  constructor(
    meta: OperationMeta,
    cause: unknown,
    secrets: readonly string[] = [],
    what = "failed: no response",
  ) {
    super(meta, what, cause, secrets);
  }
}

/** One attempt took longer than its `timeoutMs` (sending, waiting and reading the response). */
export class ApiTimeoutError extends ApiConnectionError {
  override readonly name: string = "ApiTimeoutError";
  declare readonly timeoutMs: number;

  constructor(meta: OperationMeta, timeoutMs: number) {
    super(meta, undefined, [], `timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A 2xx response whose body cannot be read as the spec says: not JSON where JSON is promised (an
 * HTML page from a proxy, truncated JSON). Not retried: the server did process the request.
 * `bodyStart` is the first 200 characters of the body, with any secret of the call blanked out.
 */
export class UnexpectedResponseError extends OperationError {
  override readonly name = "UnexpectedResponseError";
  declare readonly status: number;
  /** The `Content-Type` the server sent (`""` when none). */
  declare readonly contentType: string;
  declare readonly requestId: string | undefined;
  declare readonly bodyStart: string;

  constructor(
    meta: OperationMeta,
    response: Response,
    text: string,
    cause: unknown,
    secrets: readonly string[] = [],
  ) {
    const contentType = response.headers.get("content-type") ?? "";
    const bodyStart = scrubText(text.slice(0, 200), secrets);
    const requestId = requestIdOf(undefined, response.headers, secrets);
    super(meta, `failed: status ${response.status} with a body that is not JSON`, cause, secrets, requestId);
    this.status = response.status;
    this.contentType = contentType;
    this.requestId = requestId;
    this.bodyStart = bodyStart;
  }
}

/**
 * A hook of the client (`onRequest`, `onResponse`, `onError`) threw or rejected: the call fails
 * with this error (never retried); `cause` is what the hook threw, with any secret blanked out.
 */
export class HookError extends OperationError {
  override readonly name = "HookError";
  declare readonly hook: string;

  constructor(hook: string, meta: OperationMeta, cause: unknown, secrets: readonly string[] = []) {
    super(meta, `failed: the ${hook} hook threw: ${scrubText(describe(cause), secrets)}`, cause, secrets);
    this.hook = hook;
  }
}

/** A request argument that cannot be sent (caught before any request is made). */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
}

/**
 * The error with every secret blanked out of its message and stack (and its causes'). Errors we
 * did not make (a header the platform refuses, a `fetch` that fails) may quote what they got.
 */
export function scrubError<T>(error: T, secrets: readonly string[], depth = 0): T {
  if (error instanceof Error && secrets.length && depth < 6) {
    for (const key of ["message", "stack"] as const)
      try {
        if (typeof error[key] === "string") error[key] = scrubText(error[key], secrets);
      } catch {
        // A frozen error (or a read-only message): leave it; its text was not ours to begin with.
      }
    scrubError(error.cause, secrets, depth + 1);
  }
  return error;
}

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:80`: the error and what it wraps. */
export function describe(cause: unknown): string {
  if (cause === undefined) return "";
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? cause.cause.message : undefined;
  return inner && inner !== cause.message ? `${cause.message}: ${inner}` : cause.message;
}

/** The same headers, or a copy with secrets blanked out of the values when any is there. */
function scrubHeaders(headers: Headers, secrets: readonly string[]): Headers {
  let copy: Headers | undefined;
  headers.forEach((value, name) => {
    const safe = scrubText(value, secrets);
    if (safe === value) return;
    copy ??= new Headers(headers);
    copy.set(name, safe);
  });
  return copy ?? headers;
}

/** The request id (the body's `request_id`/`requestId`, else the response's header), with any secret blanked out. */
function requestIdOf(body: unknown, headers: Headers, secrets: readonly string[]): string | undefined {
  const fields = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const id = [
    fields.request_id,
    fields.requestId,
    headers.get("x-request-id"),
    headers.get("request-id"),
  ].find((value) => typeof value === "string" && value !== "") as string | undefined;
  return id && scrubText(id, secrets);
}
