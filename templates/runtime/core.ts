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
  scrubError,
  UnexpectedResponseError,
  type OperationMeta,
} from "./errors.js";
import type { Hooks } from "./hooks.js";
import { createHttpClient, type HttpClient } from "./http.js";
import type { Logger } from "./logger.js";
import type { PaginationMeta } from "./paginate.js";
import type { PageStyle } from "./pagination.js";
import { pathString, plainCookieHeader, type ParamEncoding, type ParamEncodings } from "./params.js";
import { canSendPending, PendingRequest } from "./pending-request.js";
import type { ApiPromise, HeaderKind, readHeaders } from "./response.js";
import { isSecretHeaderName, secretForms, secretValuesOf } from "./redact.js";
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
  bodySerializer?: (body: any, fields?: Readonly<Record<string, ParamEncoding>>) => unknown;
  /** Form and multipart fields whose `encoding` in the spec gives a style (see body.ts). */
  bodyFields?: Readonly<Record<string, ParamEncoding>>;
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
  /**
   * `queryString` (params.ts) where the operation has query parameters, `cookieHeader` where it
   * has cookie parameters: given by the operation so that the core does not bring them to a
   * bundle whose operations have none.
   */
  serializeQuery?: (query: Record<string, unknown>, encodings?: ParamEncodings) => string;
  serializeCookies?: (cookies: Record<string, unknown>, encodings?: ParamEncodings) => string;
  /** The response headers the spec declares for success, and how each is parsed (`withResponse()`). */
  responseHeaders?: Readonly<Record<string, HeaderKind>>;
  /** `readHeaders` (response.ts) where the operation declares response headers (it brings it to a bundle). */
  readHeaders?: typeof readHeaders;
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

/** Path parameters serialized the default way (every operation without a table). */
const plainPath = (url: string, values: Record<string, unknown>): string => pathString(url, values);
/** One call as it runs: what redaction, hooks and `withResponse()` need. */
export interface CallState {
  meta: CallMeta;
  /** The request body as given (read only for redaction). */
  body: unknown;
  init?: CallInit;
  /** The 2xx response the call resolved with. */
  response?: Response;
  /** Values of credential headers an `onRequest` hook set. */
  hookSecrets?: string[];
}

type Send = (request: Request | PendingRequest) => Promise<Response>;

/** The logger and the hooks of one core, as observe.ts makes them. */
export interface Observer {
  /** Sends one attempt with the logger and the hooks told. */
  send(state: CallState, request: Request | PendingRequest, attempt: number, send: Send): Promise<Response>;
  /** An attempt failed with `why` and another follows in `delayMs`. */
  retry(
    state: CallState,
    attempt: number,
    maxRetries: number,
    delayMs: number,
    why: string,
    status?: number,
  ): void;
  /** The last attempt failed with no response. */
  gaveUp(state: CallState, attempt: number, why: string): void;
  /** The call fails with `error` (`onError`). */
  failed(state: CallState, error: unknown): Promise<void>;
}

/** What a core tells the observer it makes: its configuration and how it redacts. */
export interface ObservedCore {
  config: CoreConfig;
  /** Lower-case names of headers, and names of query parameters, that carry an API key. */
  secretHeaders: ReadonlySet<string>;
  secretQuery: ReadonlySet<string>;
  /** The secret values of one call. */
  secrets: (state: CallState) => string[];
}

/** Makes the observer of a core (`observability` in observe.ts); `undefined`: nothing to observe. */
export type Observe = (core: ObservedCore) => Observer | undefined;

/** setTimeout's longest delay; a longer time limit is no time limit. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * `application/json`, `application/problem+json`, `text/json`, with or without parameters
 * (`; charset=utf-8`): the generator's rule for JSON media types (scripts/ir/serialization.ts).
 */
function isJsonMediaType(contentType: string | null): boolean {
  return contentType !== null && /^[a-z]+\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType.trim());
}

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
  readonly #idempotencyHeader: string;
  /** Lower-case names of headers that carry an API key (the query ones only matter to observe.ts). */
  readonly #secretHeaders: ReadonlySet<string>;
  /** The configured credentials, in the forms they can take on the wire. */
  readonly #configSecrets: readonly string[];
  /** Attempts go to the global fetch as URL + init (see `PendingRequest`). */
  readonly #pending: boolean;
  /** The logger and the hooks; `undefined` when there are none (nothing to do per request). */
  readonly #observer: Observer | undefined;

  /**
   * @param observe - `observability` (observe.ts), which a configuration with a `logger` or a hook
   *   needs; without it such a configuration is refused rather than silently not logged.
   */
  constructor(config: CoreConfig, schemes: SecuritySchemes, defaultBaseUrl: string, observe?: Observe) {
    this.#config = { ...config };
    this.#schemes = schemes;
    this.policy = Object.freeze(resolvePolicy(config));
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
    this.#configSecrets = secrets;
    const { logger, onRequest, onResponse, onError } = config;
    if (!observe && (logger || onRequest || onResponse || onError))
      throw new TypeError(
        "a logger or a hook (onRequest, onResponse, onError) needs observability: createClient(config, observability)",
      );
    this.#observer = observe?.({
      config: this.#config,
      secretHeaders: headerNames,
      secretQuery: queryNames,
      secrets: (state) => this.#secrets(state),
    });
    this.#pending = !config.fetch && canSendPending(this.baseUrl);
    this.client = createHttpClient({
      baseUrl: this.baseUrl,
      pathSerializer: plainPath,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
    });
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
    const observer = this.#observer;
    if (observer)
      promise = promise.catch(async (error: unknown) => {
        await observer.failed(state, error);
        throw error;
      });
    const result = promise as ApiPromise<T, THeaders>;
    result.withResponse = () =>
      result.then((data) => {
        const response = state.response!;
        const headers = (meta.readHeaders?.(response.headers, meta.responseHeaders) ?? {}) as THeaders;
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
        this.#observer?.retry(
          state,
          attempt,
          maxRetries,
          delayMs,
          failure ? failure.message : `status ${response!.status}`,
          response?.status,
        );
        await sleep(delayMs, signal);
        continue;
      }
      if (failure) {
        this.#observer?.gaveUp(state, attempt, failure.message);
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
    if (parseAs === "any" && !isJsonMediaType(response.headers.get("Content-Type"))) return data;
    if (parseAs !== "json" && parseAs !== "any") return parseAs ? data : undefined;
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
    const observer = this.#observer;
    init.fetch = observer
      ? (request: Request | PendingRequest) => observer.send(state, request, attempt, send)
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
    const serializeCookies = meta.serializeCookies;
    if (cookies && serializeCookies) {
      const cookie = serializeCookies({ ...cookies, ...authCookies }, meta.params);
      if (cookie) headers.Cookie = cookie;
    } else if (authCookies && Object.keys(authCookies).length > 0)
      headers.Cookie = plainCookieHeader(authCookies);
    if (options.idempotencyKey !== undefined) headers[this.#idempotencyHeader] = options.idempotencyKey;
    if (options.headers) Object.assign(headers, options.headers);
    const init: CallInit = { headers };
    if (this.#pending) init.Request = PendingRequest;
    // JSON is read as text and parsed by `#data` (the same work as `response.json()`), so that a
    // body that does not parse can be reported; a body nobody expects is read and dropped.
    init.parseAs = meta.parseAs && meta.parseAs !== "json" && meta.parseAs !== "any" ? meta.parseAs : "text";
    const { bodySerializer, bodyFields } = meta;
    if (bodySerializer)
      init.bodySerializer = bodyFields ? (body) => bodySerializer(body, bodyFields) : bodySerializer;
    const styles = meta.params;
    if (styles?.path) init.pathSerializer = (url, values) => pathString(url, values, styles);
    const serializeQuery = meta.serializeQuery;
    if (auth && Object.keys(auth.query).length > 0) {
      const extra = new URLSearchParams(auth.query).toString();
      init.querySerializer = (query) => {
        const own = serializeQuery ? serializeQuery(query, styles) : "";
        return own ? `${own}&${extra}` : extra;
      };
    } else if (serializeQuery) init.querySerializer = (query) => serializeQuery(query, styles);
    return init;
  }
}
