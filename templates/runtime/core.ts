/**
 * The request path every generated method goes through: headers and auth from the
 * configuration, per-call options, and turning non-2xx answers into `ApiError`s.
 * The HTTP work itself is openapi-fetch's, typed by the spec's `paths`.
 */
import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import { authFor, cookieHeader, type Credentials, type SecuritySchemes } from "./auth.js";
import { ApiError, type OperationMeta } from "./errors.js";
import { pathSegment } from "./path.js";
import { BODY_SERIALIZERS, type BodyEncoding } from "./body.js";

export interface CoreConfig extends Credentials {
  /** Root URL of the API; defaults to the spec's first server. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global fetch): for proxies, tests, instrumentation. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** Options every generated method accepts in its last argument. */
export interface RequestOptions {
  /** Cancels the request. */
  signal?: AbortSignal;
  /** Extra headers for this call (they win over configured ones). */
  headers?: Record<string, string>;
}

export interface CallMeta extends OperationMeta {
  bodyEncoding?: BodyEncoding;
  /** Content-Type to send, when the encoding does not set it itself. */
  contentType?: string;
}

/** What the core adds to openapi-fetch's per-request options. */
export interface CallInit {
  headers: Record<string, string>;
  signal?: AbortSignal;
  parseAs?: "json" | "text" | "blob";
  bodySerializer?: (body: any) => any;
  querySerializer?: (query: any) => string;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const defaultQuerySerializer = createQuerySerializer();

export class ApiCore {
  /** openapi-fetch client; generated classes view it as `Client<paths>`. */
  readonly client: Client<any>;
  readonly baseUrl: string;
  readonly #config: CoreConfig;
  readonly #schemes: SecuritySchemes;

  constructor(config: CoreConfig, schemes: SecuritySchemes, defaultBaseUrl: string) {
    this.#config = { ...config };
    this.#schemes = schemes;
    this.baseUrl = (config.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
    this.client = createClient<any>({
      baseUrl: this.baseUrl,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
    });
  }

  /** Validates a path value; see `pathSegment`. */
  pathParam<T>(name: string, value: T): T {
    return pathSegment(name, value);
  }

  async send<T>(meta: CallMeta, options: RequestOptions, call: (init: CallInit) => Promise<FetchResult>, cookies?: Record<string, unknown>): Promise<T> {
    const init = await this.#init(meta, options, cookies);
    const { data, error, response } = await call(init);
    if (response.ok) return data as T;
    throw new ApiError(meta, response, error === "" ? undefined : error);
  }

  async #init(meta: CallMeta, options: RequestOptions, cookies: Record<string, unknown> | undefined): Promise<CallInit> {
    const auth = await authFor(meta.security, this.#schemes, this.#config);
    const headers: Record<string, string> = { ...auth?.headers };
    if (meta.contentType) headers["Content-Type"] = meta.contentType;
    const allCookies = { ...cookies, ...auth?.cookies };
    if (Object.keys(allCookies).length > 0) {
      const cookie = cookieHeader(allCookies);
      if (cookie) headers.Cookie = cookie;
    }
    if (options.headers) Object.assign(headers, options.headers);
    const init: CallInit = { headers };
    if (options.signal) init.signal = options.signal;
    if (meta.parseAs) init.parseAs = meta.parseAs;
    if (meta.bodyEncoding && meta.bodyEncoding !== "json") init.bodySerializer = BODY_SERIALIZERS[meta.bodyEncoding];
    if (auth && Object.keys(auth.query).length > 0) {
      const extra = new URLSearchParams(auth.query).toString();
      init.querySerializer = (query) => {
        const own = defaultQuerySerializer(query);
        return own ? `${own}&${extra}` : extra;
      };
    }
    return init;
  }
}
