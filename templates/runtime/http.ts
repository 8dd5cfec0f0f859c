/**
 * The HTTP step of a call: openapi-fetch's `createClient` request and response handling, the part
 * of it the core uses, with the same behaviour (and openapi-fetch's types: generated code calls it
 * as a `Client<paths>`). openapi-fetch's client also carries middleware, path-based clients and
 * its default parameter serializers, which the core never uses: they were 2.5 KB of every bundle
 * (gzipped), more than the rest of the HTTP step. `test/runtime/http.test.ts` checks it against
 * openapi-fetch's own client, request for request.
 */
import type { Client } from "openapi-fetch";

/** What the core calls: one method per HTTP method, typed as openapi-fetch's. */
export type HttpClient<Paths extends {}> = Pick<
  Client<Paths>,
  "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE"
>;

type Serialize = (value: any, headers?: Headers) => any;

export interface HttpOptions {
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** None: a call with query parameters must give its own (the core's come from the operation). */
  querySerializer?: (query: Record<string, unknown>) => string;
  pathSerializer: (url: string, values: Record<string, unknown>) => string;
}

interface CallOptions {
  method: string;
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  headers?: Record<string, string>;
  fetch?: (request: any) => Promise<Response>;
  Request?: new (url: string, init: RequestInit) => any;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
  bodySerializer?: Serialize;
  querySerializer?: HttpOptions["querySerializer"];
  pathSerializer?: HttpOptions["pathSerializer"];
  [init: string]: unknown;
}

/** openapi-fetch's `mergeHeaders`: later sources win; `null` removes, arrays append. */
function mergeHeaders(...sources: (Record<string, unknown> | undefined)[]): Headers {
  const headers = new Headers();
  for (const source of sources) {
    if (!source || typeof source !== "object") continue;
    for (const [name, value] of Object.entries(source)) {
      if (value === null) headers.delete(name);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value as string);
    }
  }
  return headers;
}

/** openapi-fetch's `defaultBodySerializer`: FormData as is, urlencoded when the header says so, else JSON. */
const defaultBodySerializer: Serialize = (body, headers) =>
  body instanceof FormData
    ? body
    : headers?.get("Content-Type") === "application/x-www-form-urlencoded"
      ? new URLSearchParams(body).toString()
      : JSON.stringify(body);

export function createHttpClient(options: HttpOptions): HttpClient<any> {
  const { baseUrl, headers: clientHeaders } = options;
  async function call(path: string, init: CallOptions) {
    const {
      method,
      params = {},
      body: input,
      headers: callHeaders,
      fetch = options.fetch ?? globalThis.fetch,
      Request: RequestClass = globalThis.Request,
      parseAs = "json",
      bodySerializer = defaultBodySerializer,
      querySerializer = options.querySerializer,
      pathSerializer = options.pathSerializer,
      ...rest
    } = init;
    const body =
      input === undefined
        ? undefined
        : bodySerializer(input, mergeHeaders(clientHeaders, callHeaders, params.header));
    const headers = mergeHeaders(
      body === undefined || body instanceof FormData ? {} : { "Content-Type": "application/json" },
      clientHeaders,
      callHeaders,
      params.header,
    );
    let url = `${baseUrl}${path}`;
    if (params.path) url = pathSerializer(url, params.path);
    if (params.query && !querySerializer)
      throw new TypeError(`${method} ${path}: query parameters and no querySerializer`);
    let query = querySerializer ? querySerializer(params.query ?? {}) : "";
    if (query.startsWith("?")) query = query.slice(1);
    if (query) url += `?${query}`;
    const request = new RequestClass(url, { redirect: "follow", ...rest, method, body, headers });
    const response: Response = await fetch(request);
    const length = response.headers.get("Content-Length");
    if (
      response.status === 204 ||
      method === "HEAD" ||
      (length === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked"))
    )
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    if (response.ok) {
      let data: unknown;
      if (parseAs === "stream") data = response.body;
      else if (parseAs === "json" && !length) {
        const text = await response.text();
        data = text ? JSON.parse(text) : undefined;
      } else data = await response[parseAs]();
      return { data, response };
    }
    let error: unknown = await response.text();
    try {
      error = JSON.parse(error as string);
    } catch {
      // Not JSON: the text as it is.
    }
    return { error, response };
  }
  const methods: Record<string, unknown> = {};
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"])
    methods[method] = (path: string, init?: Omit<CallOptions, "method">) => call(path, { ...init, method });
  return methods as unknown as HttpClient<any>;
}
