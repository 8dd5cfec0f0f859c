/**
 * When an attempt can go to the global fetch as its URL and init rather than as a `Request`.
 * `fetch(request)` copies a `Request` into a new one (in Node: one more AbortSignal to follow and,
 * with a body, a TransformStream the body is piped through), so a `Request` built first is paid
 * for twice; `fetch(url, init)` builds the only one. Measured by `make bench` (per-request
 * overhead). A configured `fetch` still receives a real `Request`.
 */

/**
 * Whether requests to `baseUrl` can go as URL + init: only when `new Request` could not reject
 * the URL (absolute, no credentials in it), since fetch would reject it too late (inside fetch,
 * a rejection looks like a network failure, and would be retried).
 */
export function canSendDirectly(baseUrl: string): boolean {
  try {
    const url = new URL(`${baseUrl}/`);
    return !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Whether this request can go as URL + init: what `new Request` rejects before anything is sent
 * (a body on a GET or HEAD, a stream body without `duplex`) must be built as a `Request`, which
 * rejects it while the failure is still the caller's. Bodies fetch takes as they are: text,
 * URLSearchParams, FormData, Blob, buffers.
 */
export function sendsDirectly(request: { method: string; body?: unknown }): boolean {
  const { body } = request;
  return (
    body == null ||
    (request.method !== "GET" &&
      request.method !== "HEAD" &&
      (typeof body !== "object" ||
        [URLSearchParams, FormData, Blob, ArrayBuffer].some((type) => body instanceof type) ||
        ArrayBuffer.isView(body)))
  );
}
