/**
 * What openapi-fetch builds for each attempt when the global fetch sends it: the URL and the
 * init, not a `Request`. `fetch(request)` copies a `Request` into a new one (in Node: one more
 * AbortSignal to follow and, with a body, a TransformStream the body is piped through), so a
 * `Request` built first is paid for twice; `fetch(url, init)` builds the only one. Measured by
 * `make bench` (per-request overhead). A configured `fetch` still receives a real `Request`.
 */

type PendingInit = RequestInit & { method: string; headers: Headers };

export class PendingRequest {
  readonly url: string;
  readonly init: PendingInit;

  constructor(url: string, init: PendingInit) {
    const body = init.body;
    // What `new Request` rejects before anything is sent must still be rejected here: later,
    // inside fetch, it would look like a network failure (and be retried).
    if (body != null && (init.method === "GET" || init.method === "HEAD"))
      throw new TypeError(`Request with ${init.method} method cannot have body.`);
    if (body != null && typeof body === "object" && !isPlainBody(body)) new Request(url, init);
    this.url = url;
    this.init = init;
  }

  get method(): string {
    return this.init.method;
  }

  get headers(): Headers {
    return this.init.headers;
  }

  /** Sends it with the global fetch. */
  send(signal: AbortSignal | undefined): Promise<Response> {
    if (signal) this.init.signal = signal;
    return globalThis.fetch(this.url, this.init);
  }
}

/** Bodies fetch takes as they are (a stream needs options a `Request` checks first). */
function isPlainBody(body: object): boolean {
  return (
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

/**
 * Whether requests to `baseUrl` can be sent as `PendingRequest`s: only when `new Request` could
 * not reject the URL (absolute, no credentials in it), since fetch would reject it too late.
 */
export function canSendPending(baseUrl: string): boolean {
  try {
    const url = new URL(`${baseUrl}/`);
    return url.username === "" && url.password === "";
  } catch {
    return false;
  }
}
