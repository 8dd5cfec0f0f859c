/** The client's hooks: what each sees (redacted), what `onRequest` may change, and how a throwing hook fails a call. */
import { describe, expect, it } from "vitest";
import { ApiError, HookError, OrganizationApi, type ClientConfig, observability } from "../../generated/client/src/index.js";
import type { HookFailure, HookRequest, HookResponse } from "../../templates/runtime/index.js";
import { json, scriptedFetch, sendJson, startServer } from "./support.js";

const API_KEY = "key-hook-secret-1";

function client(fetch: (request: Request) => Promise<Response>, config: ClientConfig = {}) {
  return new OrganizationApi(
    { baseUrl: "http://api.test", apiKey: API_KEY, fetch, minRetryDelayMs: 0, maxRetryDelayMs: 0, ...config },
    observability,
  );
}

describe("onRequest / onResponse", () => {
  it("see every attempt of a retried call, redacted; a header onRequest sets is sent on each attempt", async () => {
    const requests: HookRequest[] = [];
    const responses: HookResponse[] = [];
    const { fetch, requests: sent } = scriptedFetch(json(503, { message: "busy" }), json(200, { name: "s3" }));
    const api = client(fetch, {
      onRequest: (request) => {
        requests.push(request);
        request.setHeader("traceparent", `00-trace-${request.attempt}`);
      },
      onResponse: (response) => void responses.push(response),
    });
    await expect(api.getCredential("my-org", "s3")).resolves.toEqual({ name: "s3" });
    expect(sent.map((r) => r.headers.get("traceparent"))).toEqual(["00-trace-1", "00-trace-2"]);
    expect(requests.map((r) => [r.operationId, r.method, r.path, r.attempt, r.url])).toEqual([
      ["getCredential", "GET", "/v2/credentials/{namespace}/{name}", 1, "http://api.test/v2/credentials/my-org/s3"],
      ["getCredential", "GET", "/v2/credentials/{namespace}/{name}", 2, "http://api.test/v2/credentials/my-org/s3"],
    ]);
    expect(requests[0]!.headers).toMatchObject({ "x-tiledb-rest-api-key": "[REDACTED]" });
    expect(JSON.stringify(requests)).not.toContain(API_KEY);
    expect(responses.map((r) => [r.status, r.request.attempt])).toEqual([
      [503, 1],
      [200, 2],
    ]);
    expect(responses[1]!.request).toBe(requests[1]);
    expect(responses[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("awaits an async onRequest (custom auth), and keeps the header it sets out of errors", async () => {
    const token = "Bearer custom-token-98765";
    const { fetch, requests } = scriptedFetch(json(403, { message: `token ${token} is not allowed` }));
    const api = client(fetch, {
      onRequest: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        request.setHeader("Authorization", token);
      },
    });
    const error = await api.getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(requests[0]!.headers.get("authorization")).toBe(token);
    expect(error).toBeInstanceOf(ApiError);
    expect(JSON.stringify(error)).not.toContain("custom-token-98765");
    expect((error as ApiError).body).toEqual({ message: "token [REDACTED] is not allowed" });
  });

  it("an onRequest that throws fails the call with a HookError before anything is sent, not retried", async () => {
    const failures: HookFailure[] = [];
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const api = client(fetch, {
      onRequest: () => {
        throw new Error(`tracer down (key ${API_KEY})`);
      },
      onError: (failure) => void failures.push(failure),
    });
    const error = await api.getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: "onRequest", operationId: "getCredential", method: "GET" });
    expect((error as HookError).message).toBe(
      "getCredential (GET /v2/credentials/{namespace}/{name}) failed: the onRequest hook threw: tracer down (key [REDACTED])",
    );
    expect(((error as HookError).cause as Error).message).not.toContain(API_KEY);
    expect(requests).toHaveLength(0);
    // onError is for the API's failures, not for the hooks' own.
    expect(failures).toEqual([]);
  });

  it("an onResponse that throws a TypeError is a HookError, not a network error to retry", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { name: "s3" }));
    const api = client(fetch, {
      onResponse: () => {
        throw new TypeError("cannot read properties of undefined");
      },
    });
    await expect(api.getCredential("my-org", "s3")).rejects.toMatchObject({ name: "HookError", hook: "onResponse" });
    expect(requests).toHaveLength(1);
  });
});

describe("onError", () => {
  it("is told once, after the retries, with the error the call rejects with", async () => {
    const failures: HookFailure[] = [];
    const { fetch, requests } = scriptedFetch(json(503, { message: "busy" }));
    const api = client(fetch, { maxRetries: 2, onError: (failure) => void failures.push(failure) });
    const error = await api.getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(requests).toHaveLength(3);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ operationId: "getCredential", method: "GET", path: "/v2/credentials/{namespace}/{name}" });
    expect(failures[0]!.error).toBe(error);
    expect(ApiError.is(error, 503)).toBe(true);
  });

  it("an onError that throws fails the call with a HookError whose cause is what it threw", async () => {
    const { fetch } = scriptedFetch(json(404, { message: "no" }));
    const thrown = new Error("metrics backend down");
    const api = client(fetch, {
      onError: () => {
        throw thrown;
      },
    });
    const error = await api.getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    expect((error as HookError).cause).toBe(thrown);
    expect((error as HookError).hook).toBe("onError");
  });
});

describe("hooks with the global fetch (attempts sent as URL + init, not as a Request)", () => {
  it("onRequest's header reaches a real server on every attempt, and onResponse sees each status", async () => {
    const server = await startServer((_, res, __, index) =>
      index === 0 ? sendJson(res, 503, { message: "busy" }, { "retry-after": "0" }) : sendJson(res, 200, { name: "s3" }),
    );
    try {
      const statuses: number[] = [];
      const api = new OrganizationApi(
        {
          baseUrl: server.url,
          apiKey: API_KEY,
          minRetryDelayMs: 0,
          maxRetryDelayMs: 0,
          onRequest: (request) => request.setHeader("x-trace", `t${request.attempt}`),
          onResponse: ({ status }) => void statuses.push(status),
        },
        observability,
      );
      await expect(api.getCredential("my-org", "s3")).resolves.toEqual({ name: "s3" });
      expect(server.requests.map((r) => r.headers["x-trace"])).toEqual(["t1", "t2"]);
      expect(statuses).toEqual([503, 200]);
    } finally {
      await server.close();
    }
  });
});
