/**
 * The request path every generated operation goes through: headers and auth from the
 * configuration, per-call options, parameters and body on the wire, retries with backoff, a time
 * limit per attempt, cancellation, and turning failures into typed errors (the logger and the
 * hooks are observe.ts's, when a client is given it). Each attempt builds its request afresh
 * (URL, headers, body), so nothing is cloned up front.
 */
import { authFor, type Credentials, type SecuritySchemes } from "./auth.js";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  scrubError,
  UnexpectedResponseError,
  type OperationMeta,
} from "./errors.js";
import type { Hooks } from "./hooks.js";
import type { Logger } from "./logger.js";
import type { PaginationMeta } from "./paginate.js";
import type { PageStyle } from "./pagination.js";
import { pathString, type ParamEncoding, type ParamEncodings } from "./params.js";
import { canSendDirectly, sendsDirectly } from "./pending-request.js";
import type { ApiPromise, HeaderKind, isJsonMediaType, readHeaders } from "./response.js";
import { headerSecrets, secretForms, type secretValuesOf } from "./redact.js";
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

/** The header that carries a call's `idempotencyKey` unless the configuration names another. */
const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The defaults of every option above that has one. */
export const CLIENT_DEFAULTS = /* @__PURE__ */ Object.freeze({
  ...RETRY_DEFAULTS,
  idempotencyHeader: IDEMPOTENCY_HEADER,
});

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
  /** `secretValuesOf` (redact.ts) where the body has `writeOnly` fields (it brings it to a bundle). */
  secretValuesOf?: typeof secretValuesOf;
  /** For paginated listings: where a page keeps its items and page count, or its next offset, cursor or URL. */
  pagination?: PaginationMeta | PageStyle;
  /** The parameters not serialized the default way of their location (see params.ts). */
  params?: ParamEncodings;
  /**
   * `queryString` (params.ts) where the operation has query parameters, `cookieHeader` where it
   * has cookie parameters, `headerValues` where it has header parameters: given by the operation
   * so that the core does not bring them to a bundle whose operations have none.
   */
  serializeQuery?: (query: Record<string, unknown>, encodings?: ParamEncodings) => string;
  /** `cookieHeader` where the operation has cookie parameters or a cookie API key. */
  serializeCookies?: (cookies: Record<string, unknown>, encodings?: ParamEncodings) => string;
  /** `headerValues` (params.ts) where the operation has header parameters. */
  serializeHeaders?: (values: Record<string, unknown>, encodings?: ParamEncodings) => Record<string, string>;
  /** The response headers the spec declares for success, and how each is parsed (`withResponse()`). */
  responseHeaders?: Readonly<Record<string, HeaderKind>>;
  /** `readHeaders` (response.ts) where the operation declares response headers (it brings it to a bundle). */
  readHeaders?: typeof readHeaders;
  /** `isJsonMediaType` (response.ts) where a success body of any media type (`parseAs: "any"`) is read by its Content-Type. */
  isJson?: typeof isJsonMediaType;
}

/**
 * The parameters of one call, by location, as the generated operation names them (serialized by
 * the operation's `serializeQuery`, `serializeHeaders` and `serializeCookies`).
 */
export interface CallParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  /** A path sent as it is instead of the operation's template (a next page's URL). */
  exactPath?: string;
}

/**
 * One attempt on its way to fetch: its URL and fetch's init. It goes to the global fetch as these
 * two arguments (see pending-request.ts); a configured fetch, and the odd request `new Request`
 * must check first, get a `Request` built from them. What the logger and `onRequest` see.
 */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
}

/** One call as it runs: what redaction, hooks and `withResponse()` need. */
export interface CallState {
  meta: CallMeta;
  /** The request body as given (read only for redaction). */
  body: unknown;
  /** The headers the core adds to the call (auth, content type, per-call ones). */
  headers?: Record<string, string>;
  /** The 2xx response the call resolved with. */
  response?: Response;
  /** Values of credential headers an `onRequest` hook set. */
  hookSecrets?: string[];
  /** The attempt last sent (1 for the first), as the observer counts them. */
  attempt?: number;
}

type Send = (request: OutgoingRequest | Request) => Promise<Response>;

/** The logger and the hooks of one core, as observe.ts makes them. */
export interface Observer {
  /** Sends one attempt with the logger and the hooks told. */
  send(state: CallState, request: OutgoingRequest | Request, attempt: number, send: Send): Promise<Response>;
  /** An attempt failed with `outcome` (its error, or its non-2xx response) and another follows in `delayMs`. */
  retry(
    state: CallState,
    attempt: number,
    maxRetries: number,
    delayMs: number,
    outcome: Error | Response,
  ): void;
  /** The call fails with `error` (logged when no response came; `onError`). */
  failed(state: CallState, error: unknown): Promise<void>;
}

/** What a core tells the observer it makes: its configuration and how it redacts. */
export interface ObservedCore {
  config: CoreConfig;
  schemes: SecuritySchemes;
  /** Lower-case names of headers that carry an API key. */
  secretHeaders: ReadonlySet<string>;
  /** The secret values of one call. */
  secrets: (state: CallState) => string[];
}

/** Makes the observer of a core (`observability` in observe.ts); `undefined`: nothing to observe. */
export type Observe = (core: ObservedCore) => Observer | undefined;

/** setTimeout's longest delay; a longer time limit is no time limit. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A failure of the network rather than of the program: the `TypeError` fetch rejects with on a
 * network error (Fetch standard §4.1 "main fetch"; undici's "fetch failed", "terminated"), or a
 * system/undici error code (`ECONNRESET`, `UND_ERR_SOCKET`) as other fetch implementations give.
 */
function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError || (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code));
}

/** A count or duration option, or its default. */
const option = (name: keyof RetryPolicy, value: number | undefined, fallback: number): number =>
  value === undefined ? fallback : checkOption(name, value, name === "timeoutMs");

export class ApiCore {
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
  /** Attempts may go to the global fetch as URL + init (see pending-request.ts). */
  readonly #direct: boolean;
  /** The logger and the hooks; `undefined` when there are none (nothing to do per request). */
  readonly #observer: Observer | undefined;

  /**
   * @param observe - `observability` (observe.ts), which a configuration with a `logger` or a hook
   *   needs; without it such a configuration is refused rather than silently not logged.
   */
  constructor(config: CoreConfig, schemes: SecuritySchemes, defaultBaseUrl: string, observe?: Observe) {
    this.#config = config = { ...config };
    this.#schemes = schemes;
    const policy = {} as RetryPolicy;
    for (const name in RETRY_DEFAULTS) {
      const key = name as keyof RetryPolicy;
      policy[key] = option(key, config[key], RETRY_DEFAULTS[key]);
    }
    this.policy = Object.freeze(policy);
    this.#idempotencyHeader = config.idempotencyHeader ?? IDEMPOTENCY_HEADER;
    this.baseUrl = (config.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
    const headerNames = new Set<string>();
    const secrets = [...secretForms(config.password), ...secretForms(config.accessToken)];
    for (const scheme of Object.values(schemes))
      if (scheme.kind === "apiKey") {
        if (scheme.in === "header") headerNames.add(scheme.name.toLowerCase());
        secrets.push(...secretForms((config as Record<string, unknown>)[scheme.field]));
      }
    for (const name in config.headers)
      secrets.push(...headerSecrets(name, config.headers[name], headerNames));
    this.#secretHeaders = headerNames;
    this.#configSecrets = secrets;
    if (!observe && (config.logger || config.onRequest || config.onResponse || config.onError))
      throw new TypeError("a logger or hooks need observability: (config, observability)");
    this.#observer = observe?.({
      config,
      schemes,
      secretHeaders: headerNames,
      secrets: (state) => this.#secrets(state),
    });
    this.#direct = !config.fetch && canSendDirectly(this.baseUrl);
  }

  /**
   * Runs one operation. Resolves with the 2xx body; rejects with `ApiError`, `ApiConnectionError`,
   * `ApiTimeoutError`, `UnexpectedResponseError`, `InvalidRequestError`, `HookError`, or the
   * signal's reason when the caller aborts. `withResponse()` on the promise gives the response too.
   */
  send<T, THeaders = Record<string, never>>(
    meta: CallMeta,
    options: RequestOptions,
    params: CallParams = {},
    body?: unknown,
  ): ApiPromise<T, THeaders> {
    const state: CallState = { meta, body };
    let promise = this.#send<T>(state, options, params);
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

  /** The call: its headers once, then one attempt after another until one may not be retried. */
  async #send<T>(state: CallState, options: RequestOptions, params: CallParams): Promise<T> {
    const { meta, body } = state;
    const { signal } = options;
    const config = this.#config;
    if (signal?.aborted) throw signal.reason;
    let auth = authFor(meta.security, this.#schemes, config);
    // Awaited only when it is a promise (a bearer token from a function): one async step less per call.
    if (auth instanceof Promise) auth = await auth;
    const headers: Record<string, string> = { ...auth?.headers };
    if (meta.contentType) headers["Content-Type"] = meta.contentType;
    if (meta.accept) headers.Accept = meta.accept;
    // Only operations with cookie parameters, or a cookie API key, have a cookie serializer.
    const cookie = meta.serializeCookies?.({ ...params.cookie, ...auth?.cookies }, meta.params);
    if (cookie) headers.Cookie = cookie;
    const idempotencyHeader = this.#idempotencyHeader;
    if (options.idempotencyKey !== undefined) headers[idempotencyHeader] = options.idempotencyKey;
    Object.assign(headers, options.headers);
    state.headers = headers;
    const policy = this.policy;
    const maxRetries = option("maxRetries", options.maxRetries, policy.maxRetries);
    const timeoutMs = option("timeoutMs", options.timeoutMs, policy.timeoutMs);
    const retryable =
      maxRetries > 0 &&
      (IDEMPOTENT_METHODS.has(meta.method) ||
        Object.keys(headers).some(
          (name) => name.toLowerCase() === idempotencyHeader.toLowerCase() && headers[name],
        ));
    const authQuery = auth?.query && new URLSearchParams(auth.query).toString();
    const parseAs = meta.parseAs;
    for (let attempt = 1; ; attempt++) {
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
      let response: Response | undefined;
      let data: unknown;
      let failure: ApiConnectionError | undefined;
      try {
        // The request of this attempt: URL, headers and body, built afresh.
        let url = this.baseUrl + (params.exactPath ?? pathString(meta.path, params.path ?? {}, meta.params));
        let query = (params.query && meta.serializeQuery?.(params.query, meta.params)) || "";
        if (authQuery) query = query ? `${query}&${authQuery}` : authQuery;
        if (query) url += `?${query}`;
        // JSON unless the operation names a serializer (JSON.stringify ignores the fields: there are none).
        const payload =
          body === undefined
            ? undefined
            : (meta.bodySerializer ?? JSON.stringify)(body, meta.bodyFields as never);
        // A JSON body unless the operation says otherwise; FormData sets its own (with the boundary).
        const requestHeaders = new Headers(
          payload === undefined || payload instanceof FormData
            ? undefined
            : { "Content-Type": "application/json" },
        );
        const headerParams = params.header && meta.serializeHeaders?.(params.header, meta.params);
        for (const source of [config.headers, headers, headerParams])
          for (const name in source) {
            const value = source[name];
            // `null` removes a configured header for this call (openapi-fetch's rule).
            if (value === null) requestHeaders.delete(name);
            else if (value !== undefined) requestHeaders.set(name, value);
          }
        const outgoing: OutgoingRequest = {
          url,
          method: meta.method,
          headers: requestHeaders,
          body: payload as BodyInit | undefined,
          signal: attemptSignal,
        };
        // Sent as URL + init when the global fetch can take them so (one `Request`, fetch's own).
        const request =
          this.#direct && sendsDirectly(outgoing) ? outgoing : new Request(url, outgoing as RequestInit);
        const send: Send = (request) => {
          sent = true;
          return request instanceof Request
            ? (config.fetch ?? fetch)(request)
            : fetch(request.url, request as RequestInit);
        };
        const answer = await (this.#observer?.send(state, request, attempt, send) ?? send(request));
        data =
          answer.status === 204 || meta.method === "HEAD" || answer.headers.get("Content-Length") === "0"
            ? undefined
            : answer.ok && parseAs === "stream"
              ? answer.body
              : await (answer.ok && parseAs === "blob" ? answer.blob() : answer.text());
        response = answer;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const secrets = this.#secrets(state);
        if (timedOut) failure = new ApiTimeoutError(meta, timeoutMs);
        // Before sending (a bad header, an unserialisable body), an unreadable 2xx body, or an error
        // of a configured fetch's own: the caller's to see as it is, and not retried.
        else if (!sent || !isNetworkError(error)) throw scrubError(error, secrets);
        else failure = new ApiConnectionError(meta, error, secrets);
      } finally {
        clearTimeout(timer);
        if (onAbort) signal!.removeEventListener("abort", onAbort);
      }
      if (response?.ok) {
        state.response = response;
        // The body as the spec says it is: JSON arrives as text and is parsed here, so that one
        // that does not parse is reported with its first characters; an operation without a
        // success body resolves with nothing, whatever the server sent.
        const json =
          parseAs === "json" || (parseAs === "any" && meta.isJson!(response.headers.get("Content-Type")));
        if (!json) return (parseAs ? data : undefined) as T;
        if (typeof data !== "string" || data === "") return undefined as T;
        try {
          return JSON.parse(data);
        } catch (error) {
          throw new UnexpectedResponseError(meta, response, data, error, this.#secrets(state));
        }
      }
      if (retryable && attempt <= maxRetries && (failure || RETRY_STATUSES.has(response!.status))) {
        const delayMs = retryDelay(attempt, response?.headers, policy);
        this.#observer?.retry(state, attempt, maxRetries, delayMs, failure ?? response!);
        await sleep(delayMs, signal);
        continue;
      }
      if (failure) throw failure;
      // A non-2xx body: parsed when it is JSON, else its text as it is.
      try {
        data = JSON.parse(data as string);
      } catch {
        // Not JSON: the text as it is.
      }
      throw new ApiError(meta, response!, data === "" ? undefined : data, this.#secrets(state));
    }
  }

  /** Every secret value of one call (only computed when an error, a log line or a hook event is made). */
  #secrets(state: CallState): string[] {
    const { meta, body, headers } = state;
    const secrets = [...this.#configSecrets, ...(state.hookSecrets ?? [])];
    for (const name in headers) secrets.push(...headerSecrets(name, headers[name], this.#secretHeaders));
    meta.secretValuesOf?.(body, meta.secretFields!, secrets);
    // Longest first, so that a secret containing another is blanked out whole.
    return secrets.sort((a, b) => b.length - a.length);
  }
}
