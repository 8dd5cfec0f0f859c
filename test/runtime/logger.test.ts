/** The logger hook: what each event says, at which level, and what it never says. */
import { describe, expect, it, vi } from "vitest";
import { OrganizationApi, type LogEvent } from "../../generated/client/src/index.js";
import { createClient, getCredential, observability as fnObservability } from "../../generated/client/src/fn.js";
import { ApiCore, observability, queryString } from "../../templates/runtime/index.js";
import { json, scriptedFetch } from "./support.js";

const body = {
  name: "s3",
  credential: { aws: { access_key_id: "AKIAEXAMPLE", secret_access_key: "wJalrXUtnFEMI-secret" } },
  token: { azure: { account_name: "acct", sas_token: "sv=2022&sig=secret-sig" } },
};

describe("logger", () => {
  it("gets a redacted request and response event per attempt, then retry and error events", async () => {
    const events: LogEvent[] = [];
    const { fetch } = scriptedFetch(json(503, { message: "busy" }, { "x-request-id": "r-9" }), new TypeError("fetch failed"));
    const api = new OrganizationApi(
      {
        baseUrl: "http://api.test",
        apiKey: "key-abcdef",
        fetch,
        maxRetries: 1,
        minRetryDelayMs: 0,
        maxRetryDelayMs: 0,
        logger: (e) => events.push(e),
      },
      fnObservability,
    );
    await expect(
      api.updateCredential("my-org", "s3", body, { idempotencyKey: "idem-7", headers: { Authorization: "Bearer tok-123456" } }),
    ).rejects.toMatchObject({ name: "ApiConnectionError" });
    expect(events.map((e) => [e.type, e.level, e.attempt])).toEqual([
      ["request", "debug", 1],
      ["response", "info", 1],
      ["retry", "info", 1],
      ["request", "debug", 2],
      ["error", "warn", 2],
    ]);
    const [request, response, retry] = events as [LogEvent, LogEvent, LogEvent];
    expect(request).toMatchObject({
      operationId: "updateCredential",
      method: "PATCH",
      path: "/v2/credentials/{namespace}/{name}",
      url: "http://api.test/v2/credentials/my-org/s3",
    });
    expect(request.message).toBe("request PATCH http://api.test/v2/credentials/my-org/s3 (updateCredential, attempt 1)");
    expect(request.headers).toMatchObject({
      "x-tiledb-rest-api-key": "[REDACTED]",
      authorization: "[REDACTED]",
      "idempotency-key": "idem-7",
      "content-type": "application/json",
    });
    expect(request.body).toEqual({
      name: "s3",
      credential: { aws: { access_key_id: "AKIAEXAMPLE", secret_access_key: "[REDACTED]" } },
      token: { azure: { account_name: "acct", sas_token: "[REDACTED]" } },
    });
    expect(response).toMatchObject({ status: 503, requestId: "r-9", headers: { "x-request-id": "r-9" } });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(response.message).toMatch(
      /^response 503 PATCH http:\/\/api\.test\/v2\/credentials\/my-org\/s3 \(updateCredential, attempt 1, [\d.]+ ms\)$/,
    );
    expect(retry).toMatchObject({ delayMs: 0, status: 503, error: "status 503" });
    const all = JSON.stringify(events);
    for (const secret of ["key-abcdef", "tok-123456", "wJalrXUtnFEMI-secret", "secret-sig"]) expect(all).not.toContain(secret);
  });

  it("calls debug/info/warn of a level logger such as console", async () => {
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn() };
    const { fetch } = scriptedFetch(json(404, { message: "nope" }));
    const api = new OrganizationApi({ baseUrl: "http://api.test", fetch, logger }, fnObservability);
    await expect(api.getCredential("my-org", "s3")).rejects.toMatchObject({ status: 404 });
    expect(logger.debug).toHaveBeenCalledWith(
      "request GET http://api.test/v2/credentials/my-org/s3 (getCredential, attempt 1)",
      expect.objectContaining({ type: "request" }),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^response 404 GET/),
      expect.objectContaining({ type: "response", status: 404 }),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("never fails a request because the logger throws", async () => {
    const { fetch } = scriptedFetch(json(200, { name: "s3" }));
    const api = new OrganizationApi(
      {
        baseUrl: "http://api.test",
        fetch,
        logger: () => {
          throw new Error("disk full");
        },
      },
      fnObservability,
    );
    await expect(api.getCredential("my-org", "s3")).resolves.toEqual({ name: "s3" });
  });

  it("redacts an API key sent in the query, in the URL of every event", async () => {
    const events: LogEvent[] = [];
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const core = new ApiCore(
      { baseUrl: "http://api.test", fetch, logger: (e) => events.push(e), ...{ queryKey: "q-secret-1" } },
      { Q: { kind: "apiKey", in: "query", name: "api_key", field: "queryKey" } },
      "http://unused",
      observability,
    );
    const meta = {
      operationId: "find",
      method: "GET",
      path: "/find",
      security: [["Q"]],
      parseAs: "json" as const,
      serializeQuery: queryString,
    };
    await core.send(meta, {}, { query: { q: "x y" } });
    expect(requests[0]!.url).toBe("http://api.test/find?q=x%20y&api_key=q-secret-1");
    expect(events.map((e) => e.url)).toEqual([
      "http://api.test/find?q=x%20y&api_key=[REDACTED]",
      "http://api.test/find?q=x%20y&api_key=[REDACTED]",
    ]);
    expect(JSON.stringify(events)).not.toContain("q-secret-1");
  });

  it("costs nothing when there is no logger: the body is only read by the serialiser", async () => {
    const enumerations = async (logger?: () => void) => {
      let count = 0;
      const watched = new Proxy(body, {
        ownKeys(target) {
          count++;
          return Reflect.ownKeys(target);
        },
      });
      const { fetch } = scriptedFetch(new Response(null, { status: 204 }));
      await new OrganizationApi({ baseUrl: "http://api.test", fetch, ...(logger ? { logger } : {}) }, fnObservability).addCredential(
        "my-org",
        watched,
      );
      return count;
    };
    expect(await enumerations()).toBe(1);
    expect(await enumerations(() => {})).toBeGreaterThan(1);
  });

  it("reaches a per-operation function's client given observability, and is refused without it", async () => {
    const events: LogEvent[] = [];
    const { fetch } = scriptedFetch(json(200, { name: "s3" }));
    const client = createClient({ baseUrl: "http://api.test", fetch, logger: (e) => events.push(e) }, fnObservability);
    await expect(getCredential(client, "my-org", "s3")).resolves.toEqual({ name: "s3" });
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
    // Silently not logging would hide what was asked for.
    expect(() => createClient({ logger: () => {} })).toThrow("a logger or hooks need observability: (config, observability)");
    expect(() => createClient({ onError: () => {} })).toThrow(TypeError);
    expect(() => createClient({ baseUrl: "http://api.test" })).not.toThrow();
  });

  it("reaches an API class given observability, and is refused without it", async () => {
    const events: LogEvent[] = [];
    const { fetch } = scriptedFetch(json(200, { name: "s3" }));
    const api = new OrganizationApi({ baseUrl: "http://api.test", fetch, logger: (e) => events.push(e) }, fnObservability);
    await expect(api.getCredential("my-org", "s3")).resolves.toEqual({ name: "s3" });
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
    expect(() => new OrganizationApi({ logger: () => {} })).toThrow(/need observability: \(config, observability\)/);
    expect(() => new OrganizationApi({ onRequest: () => {} })).toThrow(TypeError);
    expect(() => new OrganizationApi({ baseUrl: "http://api.test" })).not.toThrow();
  });
});
