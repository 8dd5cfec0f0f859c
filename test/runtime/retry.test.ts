/**
 * Retries, backoff, Retry-After, idempotency, timeouts and cancellation, driven through the
 * generated client with an injected `fetch` and fake timers (no real waiting, no wall time).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  InvalidRequestError,
  OrganizationApi,
  type ClientConfig,
  observability,
} from "../../generated/client/src/index.js";
import { hangingFetch, json, scriptedFetch, settle } from "./support.js";

const ok = () => json(200, { name: "s3" });
const listPage = () => json(200, { credentials: [], pagination_metadata: { total_pages: 0 } });
const status = (code: number, headers: Record<string, string> = {}) => json(code, { message: `status ${code}` }, headers);

function client(fetch: (request: Request) => Promise<Response>, config: ClientConfig = {}) {
  return new OrganizationApi({ baseUrl: "http://api.test", apiKey: "key-1234", fetch, ...config }, observability);
}

beforeEach(() => {
  vi.useFakeTimers();
  // No jitter: each backoff wait is exactly min(500 * 2^(n-1), 8000) ms.
  vi.spyOn(Math, "random").mockReturnValue(0);
});

afterEach(() => {
  expect(vi.getTimerCount()).toBe(0);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retries with exponential backoff", () => {
  it("retries 503 twice by default, waiting 500 ms then 1000 ms, and succeeds", async () => {
    const { fetch, requests } = scriptedFetch(status(503), status(503), ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(3);
    expect(await result).toEqual({ ok: true, value: { name: "s3" } });
  });

  it("gives up after 1 + maxRetries attempts with the last ApiError", async () => {
    const { fetch, requests } = scriptedFetch(status(502));
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    const outcome = await result;
    expect(requests).toHaveLength(3);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok || outcome.error).toBeInstanceOf(ApiError);
    expect(outcome.ok || outcome.error.status).toBe(502);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries status %i", async (code) => {
    const { fetch, requests } = scriptedFetch(status(code), ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect((await result).ok).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501, 505])("does not retry status %i", async (code) => {
    const { fetch, requests } = scriptedFetch(status(code), ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    const outcome = await result;
    expect(outcome.ok || outcome.error.status).toBe(code);
    expect(requests).toHaveLength(1);
  });

  it("doubles the wait up to maxRetryDelayMs", async () => {
    const { fetch, requests } = scriptedFetch(status(503));
    const result = settle(client(fetch, { maxRetries: 6, minRetryDelayMs: 1000, maxRetryDelayMs: 3000 }).getCredential("my-org", "s3"));
    await vi.advanceTimersByTimeAsync(0);
    const times: number[] = [];
    let last = 1;
    for (let t = 0; t < 20_000 && requests.length < 7; t += 100) {
      await vi.advanceTimersByTimeAsync(100);
      if (requests.length > last) {
        times.push(t + 100);
        last = requests.length;
      }
    }
    await result;
    // Waits of 1000, 2000, 3000, 3000, 3000, 3000 ms (capped).
    expect(times).toEqual([1000, 3000, 6000, 9000, 12000, 15000]);
  });

  it("takes maxRetries and the backoff bounds from the client, and maxRetries from the call", async () => {
    const noRetries = scriptedFetch(status(503));
    const first = settle(client(noRetries.fetch, { maxRetries: 0 }).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect((await first).ok).toBe(false);
    expect(noRetries.requests).toHaveLength(1);

    const perCall = scriptedFetch(status(503));
    const second = settle(client(perCall.fetch, { maxRetries: 0 }).getCredential("my-org", "s3", { maxRetries: 4 }));
    await vi.runAllTimersAsync();
    expect((await second).ok).toBe(false);
    expect(perCall.requests).toHaveLength(5);
  });

  it("rejects invalid retry settings", () => {
    expect(() => client(scriptedFetch(ok()).fetch, { maxRetries: -1 })).toThrow(new RangeError("maxRetries cannot be -1"));
    expect(() => client(scriptedFetch(ok()).fetch, { maxRetries: Infinity })).toThrow(new RangeError("maxRetries cannot be Infinity"));
    expect(() => client(scriptedFetch(ok()).fetch, { timeoutMs: Number.NaN })).toThrow(new RangeError("timeoutMs cannot be NaN"));
    expect(() => client(scriptedFetch(ok()).fetch, { timeoutMs: Infinity })).not.toThrow();
  });
});

describe("Retry-After", () => {
  async function waitBeforeSecondAttempt(headers: Record<string, string>, config: ClientConfig = {}): Promise<number> {
    const { fetch, requests } = scriptedFetch(status(429, headers), ok());
    const result = settle(client(fetch, config).getCredential("my-org", "s3"));
    await vi.advanceTimersByTimeAsync(0);
    let waited = 0;
    while (requests.length < 2 && waited < 120_000) {
      await vi.advanceTimersByTimeAsync(10);
      waited += 10;
    }
    expect((await result).ok).toBe(true);
    return waited;
  }

  it("honours Retry-After in seconds", async () => {
    expect(await waitBeforeSecondAttempt({ "retry-after": "3" })).toBe(3000);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    const waited = await waitBeforeSecondAttempt({ "retry-after": at });
    // An HTTP date has whole seconds: the wait is at most 5 s and more than 4 s.
    expect(waited).toBeGreaterThan(4000);
    expect(waited).toBeLessThanOrEqual(5000);
  });

  it("prefers retry-after-ms", async () => {
    expect(await waitBeforeSecondAttempt({ "retry-after-ms": "250", "retry-after": "9" })).toBe(250);
  });

  it("caps the wait at 60 s (or maxRetryAfterMs)", async () => {
    expect(await waitBeforeSecondAttempt({ "retry-after": "3600" })).toBe(60_000);
    expect(await waitBeforeSecondAttempt({ "retry-after": "3600" }, { maxRetryAfterMs: 2000 })).toBe(2000);
  });

  it("falls back to backoff when Retry-After is unreadable", async () => {
    expect(await waitBeforeSecondAttempt({ "retry-after": "soon" })).toBe(500);
  });
});

describe("POST and PATCH are retried only with an idempotency key", () => {
  const credential = { name: "s3", credential: { aws: { access_key_id: "AKIA", secret_access_key: "secret-value" } } };

  it("does not retry a POST without a key", async () => {
    const { fetch, requests } = scriptedFetch(status(503), json(204, undefined));
    const result = settle(client(fetch).addCredential("my-org", credential));
    await vi.runAllTimersAsync();
    expect((await result).ok).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it("retries a POST with idempotencyKey, sending it as Idempotency-Key on every attempt, with the same body", async () => {
    const { fetch, requests, bodies } = scriptedFetch(status(503), new TypeError("socket hang up"), new Response(null, { status: 204 }));
    const result = settle(client(fetch).addCredential("my-org", credential, { idempotencyKey: "key-42" }));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ ok: true, value: undefined });
    expect(requests.map((r) => r.headers.get("idempotency-key"))).toEqual(["key-42", "key-42", "key-42"]);
    expect(bodies.map((b) => JSON.parse(b))).toEqual([credential, credential, credential]);
  });

  it("retries a PATCH whose headers carry an idempotency key, and honours idempotencyHeader", async () => {
    const own = scriptedFetch(status(500), new Response(null, { status: 204 }));
    const first = settle(client(own.fetch).updateCredential("my-org", "s3", credential, { headers: { "idempotency-key": "k1" } }));
    await vi.runAllTimersAsync();
    expect((await first).ok).toBe(true);
    expect(own.requests).toHaveLength(2);

    const custom = scriptedFetch(status(500), new Response(null, { status: 204 }));
    const second = settle(
      client(custom.fetch, { idempotencyHeader: "X-Request-Key" }).updateCredential("my-org", "s3", credential, { idempotencyKey: "k2" }),
    );
    await vi.runAllTimersAsync();
    expect((await second).ok).toBe(true);
    expect(custom.requests.map((r) => r.headers.get("x-request-key"))).toEqual(["k2", "k2"]);
  });

  it("retries DELETE (idempotent) without a key", async () => {
    const { fetch, requests } = scriptedFetch(status(503), new Response(null, { status: 204 }));
    const result = settle(client(fetch).deleteCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect((await result).ok).toBe(true);
    expect(requests).toHaveLength(2);
  });
});

describe("connection errors", () => {
  it("retries when fetch fails, then throws ApiConnectionError with the cause", async () => {
    const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    const { fetch, requests } = scriptedFetch(cause);
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    const outcome = await result;
    expect(requests).toHaveLength(3);
    expect(outcome.ok || outcome.error).toBeInstanceOf(ApiConnectionError);
    expect(outcome.ok || outcome.error).not.toBeInstanceOf(ApiTimeoutError);
    expect(outcome.ok || outcome.error.cause).toBe(cause);
    expect(outcome.ok || outcome.error.message).toBe("getCredential (GET /v2/credentials/{namespace}/{name}) failed: no response");
  });

  it("counts an error with a system error code as a connection error", async () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const { fetch, requests } = scriptedFetch(reset, ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ ok: true, value: { name: "s3" } });
    expect(requests).toHaveLength(2);
  });

  it("passes an error of the configured fetch's own through unchanged, without retrying", async () => {
    class PolicyError extends Error {}
    const own = new PolicyError("blocked by the test proxy");
    const { fetch, requests } = scriptedFetch(own, ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ ok: false, error: own });
    expect(requests).toHaveLength(1);
  });

  it("treats a body that breaks off while being read as a connection error", async () => {
    let calls = 0;
    const broken = () => {
      calls++;
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name":'));
          controller.error(new TypeError("terminated"));
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "application/json" } });
    };
    const { fetch } = scriptedFetch(broken, ok());
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ ok: true, value: { name: "s3" } });
    expect(calls).toBe(1);
  });

  it("does not retry what fails before sending: a bad path value, a body that cannot be serialised", async () => {
    const { fetch, requests } = scriptedFetch(ok());
    const api = client(fetch);
    await expect(api.getCredential("my-org", "..")).rejects.toBeInstanceOf(InvalidRequestError);
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    await expect(api.addCredential("my-org", cyclic as never, { idempotencyKey: "k" })).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
  });

  it("does not retry a 2xx body that is not JSON", async () => {
    const { fetch, requests } = scriptedFetch(new Response("not json", { status: 200, headers: { "content-type": "application/json" } }));
    await expect(client(fetch).getCredential("my-org", "s3")).rejects.toMatchObject({
      name: "UnexpectedResponseError",
      status: 200,
      bodyStart: "not json",
      cause: expect.any(SyntaxError),
    });
    expect(requests).toHaveLength(1);
  });
});

describe("timeouts", () => {
  it("aborts an attempt after timeoutMs (default 60 s), retries, then throws ApiTimeoutError", async () => {
    const { fetch, requests } = hangingFetch();
    const result = settle(client(fetch).getCredential("my-org", "s3"));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[0]!.signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    const outcome = await result;
    expect(requests).toHaveLength(3);
    expect(outcome.ok || outcome.error).toBeInstanceOf(ApiTimeoutError);
    expect(outcome.ok || outcome.error).toBeInstanceOf(ApiConnectionError);
    expect(outcome.ok || outcome.error.timeoutMs).toBe(60_000);
    expect(outcome.ok || outcome.error.message).toBe("getCredential (GET /v2/credentials/{namespace}/{name}) timed out after 60000 ms");
  });

  it("takes timeoutMs from the client and from the call", async () => {
    const { fetch, requests } = hangingFetch();
    const result = settle(client(fetch, { timeoutMs: 1000, maxRetries: 0 }).getCredential("my-org", "s3", { timeoutMs: 200 }));
    await vi.advanceTimersByTimeAsync(199);
    expect(requests[0]!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await result;
    expect(outcome.ok || outcome.error.timeoutMs).toBe(200);
  });

  it("has no time limit with timeoutMs: Infinity", async () => {
    const { fetch, requests } = hangingFetch();
    const controller = new AbortController();
    const result = settle(client(fetch, { timeoutMs: Infinity }).getCredential("my-org", "s3", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(requests[0]!.signal.aborted).toBe(false);
    controller.abort();
    expect((await result).ok).toBe(false);
  });
});

describe("cancellation with an AbortSignal", () => {
  it("rejects with the abort reason while the request is in flight, without retrying", async () => {
    const { fetch, requests } = hangingFetch();
    const controller = new AbortController();
    const result = settle(client(fetch).getCredential("my-org", "s3", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const outcome = await result;
    expect(outcome.ok || outcome.error.name).toBe("AbortError");
    expect(requests).toHaveLength(1);
  });

  it("rejects with a custom reason", async () => {
    const { fetch } = hangingFetch();
    const controller = new AbortController();
    const reason = new Error("user left the page");
    const result = settle(client(fetch).getCredential("my-org", "s3", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(reason);
    expect(await result).toEqual({ ok: false, error: reason });
  });

  it("cuts a backoff wait short, and sends nothing more", async () => {
    const { fetch, requests } = scriptedFetch(status(503, { "retry-after": "30" }), ok());
    const controller = new AbortController();
    const result = settle(client(fetch).getCredential("my-org", "s3", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1);
    controller.abort();
    const outcome = await result;
    expect(outcome.ok || outcome.error.name).toBe("AbortError");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { fetch, requests } = scriptedFetch(ok());
    await expect(client(fetch).getCredential("my-org", "s3", { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(requests).toHaveLength(0);
  });

  it("leaves no listener on the caller's signal and no timer once a call is over", async () => {
    const { fetch } = scriptedFetch(status(503), listPage());
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, "addEventListener");
    const removed = vi.spyOn(controller.signal, "removeEventListener");
    const result = settle(client(fetch).listCredentials("my-org", { signal: controller.signal }));
    await vi.runAllTimersAsync();
    expect((await result).ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(removed.mock.calls.length).toBe(added.mock.calls.length);
  });
});
