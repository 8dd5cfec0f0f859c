/**
 * The request path every generated method goes through: headers and auth from the
 * configuration, per-call options, retries with backoff, a time limit per attempt, cancellation,
 * redacted logging, hooks, and turning failures into typed errors. The HTTP work itself is
 * openapi-fetch's, typed by the spec's `paths`; each attempt re-runs the generated `call`, so
 * openapi-fetch builds a fresh request (and body) every time and nothing is cloned up front.
 */
import { authFor, type AuthParts, type Credentials, type SecuritySchemes } from "./auth.js";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  HookError,
  scrubError,
  UnexpectedResponseError,
  type OperationMeta,
} from "./errors.js";
import { runHook, type HookRequest, type Hooks } from "./hooks.js";
import { createHttpClient, type HttpClient } from "./http.js";
import { emit, type LogEvent, type Logger } from "./logger.js";
import type { PaginationMeta } from "./paginate.js";
import type { PageStyle } from "./pagination.js";
import { cookieHeader, headerValues, pathString, queryString, type ParamEncodings } from "./params.js";
import { canSendPending, PendingRequest } from "./pending-request.js";
import { readHeaders, type ApiPromise, type HeaderKind } from "./response.js";
import {
  isSecretHeaderName,
  redactFields,
  redactHeaders,
  redactUrl,
  scrubDeep,
  scrubText,
  secretForms,
  secretValuesOf,
} from "./redact.js";
import {
  checkOption,
  IDEMPOTENT_METHODS,
  RETRY_DEFAULTS,
  RETRY_STATUSES,
  retryDelay,
  sleep,
  type RetryPolicy,
} from "./retry.js";

export interface CoreConfig extends Credentials, Hooks {
  /** Root URL of the API; defaults to the spec's first server. */
  baseUrl?: string;
  /**
   * A fetch implementation (defaults to the global fetch): for proxies, tests, instrumentation.
   * It must honour `request.signal` (timeouts and cancellation abort through it). A `TypeError`
   * it throws is a network error (retried, then `ApiConnectionError`); any other error it throws
   * reaches the caller unchanged.
   */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * How many times a failed request is tried again (default 2): after a connection error, a
   * timeout, or a 408, 429, 500, 502, 503 or 504. POST and PATCH only with an idempotency key.
   * 0 turns retrying off.
   */
  maxRetries?: number;
  /** Time limit of each attempt in ms, up to the end of the response body (default 60 000). `Infinity`: none. */
  timeoutMs?: number;
  /** Wait before the first retry in ms (default 500), doubled for each next one, less up to 25% jitter. */
  minRetryDelayMs?: number;
  /** Longest backoff wait in ms (default 8 000). */
  maxRetryDelayMs?: number;
  /** Longest wait a `Retry-After`/`retry-after-ms` response header is obeyed for, in ms (default 60 000). */
  maxRetryAfterMs?: number;
  /** The header that carries a call's `idempotencyKey` (default `Idempotency-Key`). */
  idempotencyHeader?: string;
  /** Receives a redacted summary of every request, response, retry and failure. */
  logger?: Logger;
}

/** The defaults of every option above that has one. */
export const CLIENT_DEFAULTS = Object.freeze({ ...RETRY_DEFAULTS, idempotencyHeader: "Idempotency-Key" });

/** Options every generated method accepts in its last argument. */
export interface RequestOptions {
  /** Cancels the call: the request in flight and any wait before a retry. */
  signal?: AbortSignal;
  /** Extra headers for this call (they win over configured ones). */
  headers?: Record<string, string>;
  /** Retries for this call (default: the client's `maxRetries`). */
  maxRetries?: number;
  /** Time limit of each attempt of this call in ms (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /**
   * Sent as the `Idempotency-Key` header: the server can recognise a repeated request, so a POST
   * or PATCH with a key is retried like a GET. Use one fresh key per logical operation.
   */
  idempotencyKey?: string;
}

export interface CallMeta extends OperationMeta {
  /** How a body other than JSON is sent (a serializer of body.ts, imported only where used). */
  bodySerializer?: (body: any) => unknown;
  /** Content-Type to send, when the encoding does not set it itself. */
  contentType?: string;
  /** Accept to send: the media types the client reads (a server that offers several picks one of these). */
  accept?: string;
  /** Names of the request body's `writeOnly` fields (from the spec): redacted from logs and errors. */
  secretFields?: readonly string[];
  /** For paginated listings: where a page keeps its items and page count, or its next offset, cursor or URL. */
  pagination?: PaginationMeta | PageStyle;
  /** The parameters not serialized the default way of their location (see params.ts). */
  params?: ParamEncodings;
  /** The response headers the spec declares for success, and how each is parsed (`withResponse()`). */
  responseHeaders?: Readonly<Record<string, HeaderKind>>;
}

/** What the core adds to openapi-fetch's per-request options. */
export interface CallInit {
  headers: Record<string, string>;
  signal?: AbortSignal;
  fetch?: (input: Request) => Promise<Response>;
  parseAs?: "json" | "text" | "blob" | "stream";
  bodySerializer?: (body: any) => any;
  querySerializer?: (query: any) => string;
  pathSerializer?: (url: string, values: Record<string, unknown>) => string;
  /** What openapi-fetch builds each attempt into (see `PendingRequest`). */
  Request?: typeof PendingRequest;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type Call = (init: CallInit) => Promise<FetchResult>;

/** Parameters serialized the default way of their location (every operation without a table). */
const plainQuery = (query: Record<string, unknown>): string => queryString(query);
const plainPath = (url: string, values: Record<string, unknown>): string => pathString(url, values);
/** One call as it runs: what redaction, hooks and `withResponse()` need. */
interface CallState {
  meta: CallMeta;
  /** The request body as given (read only for redaction). */
  body: unknown;
  init?: CallInit;
  /** The 2xx response the call resolved with. */
  response?: Response;
  /** Values of credential headers an `onRequest` hook set. */
  hookSecrets?: string[];
}

/** The operation as hooks name it. */
function where(meta: OperationMeta): { operationId: string; method: string; path: string } {
  return { operationId: meta.operationId, method: meta.method, path: meta.path };
}

/** setTimeout's longest delay; a longer time limit is no time limit. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A failure of the network rather than of the program: the `TypeError` fetch rejects with on a
 * network error (Fetch standard §4.1 "main fetch"; undici's "fetch failed", "terminated"), or a
 * system/undici error code (`ECONNRESET`, `UND_ERR_SOCKET`) as other fetch implementations give.
 */
function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code);
}

function resolvePolicy(config: CoreConfig): RetryPolicy {
  const pick = (name: keyof RetryPolicy, allowInfinity: boolean) => {
    const value = config[name];
    return value === undefined ? RETRY_DEFAULTS[name] : checkOption(name, value, allowInfinity);
  };
  return {
    maxRetries: pick("maxRetries", false),
    timeoutMs: pick("timeoutMs", true),
    minRetryDelayMs: pick("minRetryDelayMs", false),
    maxRetryDelayMs: pick("maxRetryDelayMs", false),
    maxRetryAfterMs: pick("maxRetryAfterMs", false),
  };
}

export class ApiCore {
  /** The HTTP step (openapi-fetch's, see http.ts); generated code views it as `HttpClient<paths>`. */
  readonly client: HttpClient<any>;
  readonly baseUrl: string;
  /** Retry and timeout settings, resolved once with their defaults. */
  readonly policy: Readonly<RetryPolicy>;
  readonly #config: CoreConfig;
  readonly #schemes: SecuritySchemes;
  readonly #logger: Logger | undefined;
  readonly #idempotencyHeader: string;
  /** Lower-case names of headers and query parameters that carry an API key. */
  readonly #secretHeaders: ReadonlySet<string>;
  readonly #secretQuery: ReadonlySet<string>;
  /** The configured credentials, in the forms they can take on the wire. */
  readonly #configSecrets: readonly string[];
  /** Attempts go to the global fetch as URL + init (see `PendingRequest`). */
  readonly #pending: boolean;
  /** The configured hooks; `undefined` when there are none (nothing to do per request). */
  readonly #hooks: Hooks | undefined;

  constructor(config: CoreConfig, schemes: SecuritySchemes, defaultBaseUrl: string) {
    this.#config = { ...config };
    this.#schemes = schemes;
    this.policy = Object.freeze(resolvePolicy(config));
    this.#logger = config.logger;
    const { onRequest, onResponse, onError } = config;
    this.#hooks = onRequest || onResponse || onError ? { onRequest, onResponse, onError } : undefined;
    this.#idempotencyHeader = config.idempotencyHeader ?? CLIENT_DEFAULTS.idempotencyHeader;
    this.baseUrl = (config.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
    const headerNames = new Set<string>();
    const queryNames = new Set<string>();
    const secrets: string[] = [];
    for (const scheme of Object.values(schemes)) {
      if (scheme.kind !== "apiKey") continue;
      if (scheme.in === "header") headerNames.add(scheme.name.toLowerCase());
      if (scheme.in === "query") queryNames.add(scheme.name);
      const value = (config as Record<string, unknown>)[scheme.field];
      if (typeof value === "string") secrets.push(...secretForms(value));
    }
    for (const value of [
      config.password,
      typeof config.accessToken === "string" ? config.accessToken : undefined,
    ]) {
      if (value) secrets.push(...secretForms(value));
    }
    for (const [name, value] of Object.entries(config.headers ?? {})) {
      if (isSecretHeaderName(name, headerNames))
        secrets.push(...secretForms(value), ...secretForms(value.slice(value.indexOf(" ") + 1)));
    }
    this.#secretHeaders = headerNames;
    this.#secretQuery = queryNames;
    this.#configSecrets = secrets;
    this.#pending = !config.fetch && canSendPending(this.baseUrl);
    this.client = createHttpClient({
      baseUrl: this.baseUrl,
      querySerializer: plainQuery,
      pathSerializer: plainPath,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
    });
  }

  /**
   * An operation's header parameters as header values (style `simple`, see params.ts); those
   * not sent are left out. Typed as given: openapi-fetch only copies them into the headers.
   */
  headerParams<T extends object>(meta: CallMeta, values: T): T {
    return headerValues(values as Record<string, unknown>, meta.params) as T;
  }

  /**
   * Runs one operation: `call` sends it with openapi-fetch (once per attempt). Resolves with the
   * 2xx body; rejects with `ApiError`, `ApiConnectionError`, `ApiTimeoutError`,
   * `UnexpectedResponseError`, `HookError`, or the signal's reason when the caller aborts. `body`
   * is only read for redaction (logs, errors). `withResponse()` on the promise gives the response too.
   */
  send<T, THeaders = Record<string, never>>(
    meta: CallMeta,
    options: RequestOptions,
    call: Call,
    body?: unknown,
    cookies?: Record<string, unknown>,
  ): ApiPromise<T, THeaders> {
    const state: CallState = { meta, body };
    let promise = this.#send<T>(state, options, call, cookies);
    const onError = this.#hooks?.onError;
    if (onError)
      promise = promise.catch(async (error: unknown) => {
        if (!(error instanceof HookError))
          await runHook("onError", onError, { ...where(meta), error }, meta, () => this.#secrets(state));
        throw error;
      });
    const result = promise as ApiPromise<T, THeaders>;
    result.withResponse = () =>
      result.then((data) => {
        const response = state.response!;
        const headers = readHeaders(response.headers, meta.responseHeaders) as THeaders;
        return { data, status: response.status, headers, response };
      });
    return result;
  }

  async #send<T>(
    state: CallState,
    options: RequestOptions,
    call: Call,
    cookies?: Record<string, unknown>,
  ): Promise<T> {
    const { meta } = state;
    const signal = options.signal;
    if (signal?.aborted) throw signal.reason;
    const auth = authFor(meta.security, this.#schemes, this.#config);
    const init = this.#init(meta, options, cookies, auth instanceof Promise ? await auth : auth);
    state.init = init;
    const policy = this.policy;
    const maxRetries =
      options.maxRetries === undefined
        ? policy.maxRetries
        : checkOption("maxRetries", options.maxRetries, false);
    const timeoutMs =
      options.timeoutMs === undefined ? policy.timeoutMs : checkOption("timeoutMs", options.timeoutMs, true);
    const retryable =
      maxRetries > 0 && (IDEMPOTENT_METHODS.has(meta.method) || this.#hasIdempotencyKey(init.headers));
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(state, call, timeoutMs, signal, attempt);
      const failure = outcome instanceof ApiConnectionError ? outcome : undefined;
      const response = failure ? undefined : (outcome as FetchResult).response;
      if (response?.ok) {
        state.response = response;
        return this.#data(state, response, (outcome as FetchResult).data) as T;
      }
      if (retryable && attempt <= maxRetries && (failure || RETRY_STATUSES.has(response!.status))) {
        const delayMs = retryDelay(attempt, response?.headers, policy);
        if (this.#logger) {
          const why = failure ? failure.message : `status ${response!.status}`;
          this.#log(
            "info",
            "retry",
            meta,
            attempt,
            `retry ${meta.operationId} (${meta.method} ${meta.path}) in ${Math.round(delayMs)} ms: attempt ${attempt} of ${maxRetries + 1} failed with ${why}`,
            {
              delayMs,
              error: why,
              ...(response ? { status: response.status } : {}),
            },
          );
        }
        await sleep(delayMs, signal);
        continue;
      }
      if (failure) {
        if (this.#logger)
          this.#log("warn", "error", meta, attempt, `error ${failure.message}`, { error: failure.message });
        throw failure;
      }
      const { error } = outcome as FetchResult;
      throw new ApiError(meta, response!, error === "" ? undefined : error, this.#secrets(state));
    }
  }

  /**
   * The body of a 2xx as the spec says it is: JSON bodies arrive as text (see `#init`) and are
   * parsed here, so that one that does not parse is reported with its first characters; an
   * operation without a success body resolves with nothing, whatever the server sent.
   */
  #data(state: CallState, response: Response, data: unknown): unknown {
    const parseAs = state.meta.parseAs;
    if (parseAs !== "json") return parseAs ? data : undefined;
    if (typeof data !== "string" || data === "") return undefined;
    try {
      return JSON.parse(data);
    } catch (error) {
      throw new UnexpectedResponseError(state.meta, response, data, error, this.#secrets(state));
    }
  }

  /** One try: resolves with openapi-fetch's result, or with the connection error to retry on. */
  async #attempt(
    state: CallState,
    call: Call,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<FetchResult | ApiConnectionError> {
    const { meta } = state;
    const init = state.init!;
    if (signal?.aborted) throw signal.reason;
    // Until fetch is called, a failure is in building the request: the caller's, never retried.
    let sent = false;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    let attemptSignal = signal;
    if (timeoutMs < MAX_TIMER_MS) {
      // One signal per attempt, aborted by the time limit or by the caller.
      const controller = new AbortController();
      if (signal) {
        onAbort = () => controller.abort(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      }
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      attemptSignal = controller.signal;
    }
    const custom = this.#config.fetch;
    // A configured fetch gets the signal on its `Request`. The global fetch gets it in the init of a
    // `PendingRequest`, or as its second argument when it is given a `Request`: fetch builds its
    // own `Request` from ours, and a signal on ours too would be followed twice (each follow costs
    // undici some microseconds).
    init.signal = custom ? attemptSignal : undefined;
    const send = (request: Request | PendingRequest): Promise<Response> => {
      sent = true;
      return request instanceof PendingRequest
        ? request.send(attemptSignal)
        : custom
          ? custom(request)
          : globalThis.fetch(request, attemptSignal && { signal: attemptSignal });
    };
    // Without a logger or hooks, openapi-fetch awaits fetch's own promise (one async step less per call).
    init.fetch =
      this.#logger || this.#hooks
        ? (request: Request | PendingRequest) => this.#observed(state, request, attempt, send)
        : send;
    try {
      return await call(init);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) return new ApiTimeoutError(meta, timeoutMs);
      const secrets = this.#secrets(state);
      // Before sending (a bad header, an unserialisable body), an unreadable 2xx body, or an error
      // of a configured fetch's own: the caller's to see as it is, and not retried.
      if (!sent || !isNetworkError(error)) throw scrubError(error, secrets);
      return new ApiConnectionError(meta, error, secrets);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) signal!.removeEventListener("abort", onAbort);
    }
  }

  #hasIdempotencyKey(headers: Record<string, string>): boolean {
    const wanted = this.#idempotencyHeader.toLowerCase();
    for (const name in headers) if (name.toLowerCase() === wanted && headers[name]) return true;
    return false;
  }

  /** One attempt sent with the logger and the hooks told (see hooks.ts for what they may do). */
  async #observed(
    state: CallState,
    request: Request | PendingRequest,
    attempt: number,
    send: (request: Request | PendingRequest) => Promise<Response>,
  ): Promise<Response> {
    const { meta, body } = state;
    const hooks = this.#hooks;
    const secrets = () => this.#secrets(state);
    let hookRequest: HookRequest | undefined;
    if (hooks?.onRequest) {
      hookRequest = this.#hookRequest(state, request, attempt);
      await runHook("onRequest", hooks.onRequest, hookRequest, meta, secrets);
    }
    const started = this.#logger ? this.#logRequest(state, request, attempt, body) : performance.now();
    const response = await send(request);
    if (this.#logger) this.#logResponse(state, request, response, attempt, started);
    if (hooks?.onResponse) {
      const event = {
        request: hookRequest ?? this.#hookRequest(state, request, attempt),
        status: response.status,
        headers: redactHeaders(response.headers, this.#secretHeaders, secrets()),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      try {
        await runHook("onResponse", hooks.onResponse, event, meta, secrets);
      } catch (error) {
        // The body will not be read: release the connection.
        response.body?.cancel().catch(() => {});
        throw error;
      }
    }
    return response;
  }

  /** What `onRequest` sees of an attempt (redacted), and its one way to change it. */
  #hookRequest(state: CallState, request: Request | PendingRequest, attempt: number): HookRequest {
    const secrets = this.#secrets(state);
    return {
      ...where(state.meta),
      url: redactUrl(request.url, this.#secretQuery, secrets),
      attempt,
      headers: redactHeaders(request.headers, this.#secretHeaders, secrets),
      setHeader: (name, value) => {
        request.headers.set(name, value);
        if (isSecretHeaderName(name, this.#secretHeaders))
          (state.hookSecrets ??= []).push(
            ...secretForms(value),
            ...secretForms(value.slice(value.indexOf(" ") + 1)),
          );
      },
    };
  }

  /** Every secret value of one call (only computed when an error, a log line or a hook event is made). */
  #secrets(state: CallState): string[] {
    const { meta, body, init } = state;
    const secrets = [...this.#configSecrets, ...(state.hookSecrets ?? [])];
    for (const [name, value] of Object.entries(init?.headers ?? {})) {
      if (typeof value === "string" && isSecretHeaderName(name, this.#secretHeaders)) {
        secrets.push(...secretForms(value), ...secretForms(value.slice(value.indexOf(" ") + 1)));
      }
    }
    if (meta.secretFields?.length && body !== null && typeof body === "object")
      secretValuesOf(body, meta.secretFields, secrets);
    // Longest first, so that a secret containing another is blanked out whole.
    return secrets.sort((a, b) => b.length - a.length);
  }

  #log(
    level: LogEvent["level"],
    type: LogEvent["type"],
    meta: CallMeta,
    attempt: number,
    message: string,
    extra: Partial<LogEvent>,
  ): void {
    emit(this.#logger!, {
      level,
      type,
      message,
      operationId: meta.operationId,
      method: meta.method,
      path: meta.path,
      attempt,
      ...extra,
    });
  }

  #logRequest(state: CallState, request: Request | PendingRequest, attempt: number, body: unknown): number {
    const { meta } = state;
    const secrets = this.#secrets(state);
    const url = redactUrl(request.url, this.#secretQuery, secrets);
    const event: Partial<LogEvent> = {
      url,
      headers: redactHeaders(request.headers, this.#secretHeaders, secrets),
    };
    if (body !== null && typeof body === "object")
      event.body = scrubDeep(redactFields(body, meta.secretFields ?? []), secrets);
    this.#log(
      "debug",
      "request",
      meta,
      attempt,
      `request ${meta.method} ${url} (${meta.operationId}, attempt ${attempt})`,
      event,
    );
    return performance.now();
  }

  #logResponse(
    state: CallState,
    request: Request | PendingRequest,
    response: Response,
    attempt: number,
    started: number,
  ): void {
    const { meta } = state;
    const secrets = this.#secrets(state);
    const url = redactUrl(request.url, this.#secretQuery, secrets);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const requestIdHeader = response.headers.get("x-request-id") ?? response.headers.get("request-id");
    const requestId = requestIdHeader === null ? undefined : scrubText(requestIdHeader, secrets);
    this.#log(
      response.ok ? "debug" : "info",
      "response",
      meta,
      attempt,
      `response ${response.status} ${meta.method} ${url} (${meta.operationId}, attempt ${attempt}, ${durationMs} ms)`,
      {
        url,
        status: response.status,
        durationMs,
        headers: redactHeaders(response.headers, this.#secretHeaders, secrets),
        ...(requestId ? { requestId } : {}),
      },
    );
  }

  #init(
    meta: CallMeta,
    options: RequestOptions,
    cookies: Record<string, unknown> | undefined,
    auth: AuthParts | undefined,
  ): CallInit {
    const headers: Record<string, string> = { ...auth?.headers };
    if (meta.contentType) headers["Content-Type"] = meta.contentType;
    if (meta.accept) headers.Accept = meta.accept;
    // Only operations with cookie parameters, or a cookie API key, pay for a Cookie header.
    const authCookies = auth?.cookies;
    if (cookies || (authCookies && Object.keys(authCookies).length > 0)) {
      const cookie = cookieHeader({ ...cookies, ...authCookies }, meta.params);
      if (cookie) headers.Cookie = cookie;
    }
    if (options.idempotencyKey !== undefined) headers[this.#idempotencyHeader] = options.idempotencyKey;
    if (options.headers) Object.assign(headers, options.headers);
    const init: CallInit = { headers };
    if (this.#pending) init.Request = PendingRequest;
    // JSON is read as text and parsed by `#data` (the same work as `response.json()`), so that a
    // body that does not parse can be reported; a body nobody expects is read and dropped.
    init.parseAs = meta.parseAs && meta.parseAs !== "json" ? meta.parseAs : "text";
    if (meta.bodySerializer) init.bodySerializer = meta.bodySerializer;
    const styles = meta.params;
    if (styles?.path) init.pathSerializer = (url, values) => pathString(url, values, styles);
    if (auth && Object.keys(auth.query).length > 0) {
      const extra = new URLSearchParams(auth.query).toString();
      init.querySerializer = (query) => {
        const own = queryString(query, styles);
        return own ? `${own}&${extra}` : extra;
      };
    } else if (styles?.query) init.querySerializer = (query) => queryString(query, styles);
    return init;
  }
}
