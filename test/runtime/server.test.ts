/**
 * Fault injection against a real HTTP server (node:http on 127.0.0.1): the generated client
 * through Node's own fetch, with small timeouts and backoff so that nothing really waits long.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  OrganizationApi,
  type ClientConfig,
  observability,
} from "../../generated/client/src/index.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const FAST: ClientConfig = { minRetryDelayMs: 1, maxRetryDelayMs: 5, timeoutMs: 5_000 };
const credential = { name: "s3", provider: "AWS" };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function api(config: ClientConfig = {}) {
  return new OrganizationApi({ baseUrl: server!.url, apiKey: "test-key-123", ...FAST, ...config }, observability);
}

describe("retries against a flaky server", () => {
  it("gets through 502, 503 and 429 with Retry-After, then succeeds", async () => {
    const script = [
      (res: Parameters<typeof sendJson>[0]) => sendJson(res, 502, undefined),
      (res: Parameters<typeof sendJson>[0]) => sendJson(res, 503, { message: "overloaded" }),
      (res: Parameters<typeof sendJson>[0]) => sendJson(res, 429, { message: "slow down" }, { "retry-after": "0" }),
      (res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, credential),
    ];
    server = await startServer((_req, res, _seen, i) => script[Math.min(i, script.length - 1)]!(res));
    await expect(api({ maxRetries: 3 }).getCredential("my-org", "s3")).resolves.toEqual(credential);
    expect(server.requests.map((r) => r.url)).toEqual(Array(4).fill("/v2/credentials/my-org/s3"));
    expect(server.requests.every((r) => r.headers["x-tiledb-rest-api-key"] === "test-key-123")).toBe(true);
  });

  it("honours retry-after-ms from the server", async () => {
    server = await startServer((_req, res, _seen, i) =>
      i === 0 ? sendJson(res, 503, {}, { "retry-after-ms": "20" }) : sendJson(res, 200, credential),
    );
    await expect(api().getCredential("my-org", "s3")).resolves.toEqual(credential);
    expect(server.requests).toHaveLength(2);
  });

  it("throws ApiError for the declared 502 once retries are spent", async () => {
    server = await startServer((_req, res) => sendJson(res, 502, undefined));
    const error = await api({ maxRetries: 2 })
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, statusDescription: "Bad Gateway" });
    expect(server.requests).toHaveLength(3);
  });

  it("sends a POST once without an idempotency key, and retries it with one", async () => {
    server = await startServer((_req, res, _seen, i) => (i < 2 ? sendJson(res, 503, {}) : sendJson(res, 204, undefined)));
    await expect(api().addCredential("my-org", { name: "s3" })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
    await expect(api().addCredential("my-org", { name: "s3" }, { idempotencyKey: "create-s3-1" })).resolves.toBeUndefined();
    expect(server.requests.slice(1).map((r) => [r.method, r.headers["idempotency-key"], r.body])).toEqual([
      ["POST", "create-s3-1", '{"name":"s3"}'],
      ["POST", "create-s3-1", '{"name":"s3"}'],
    ]);
  });
});

describe("connections that fail", () => {
  it("times out on a server that never answers, retrying each attempt", async () => {
    server = await startServer(() => {
      // Never answer.
    });
    // Long enough for each attempt to reach the server on a loaded machine (at 50 ms an attempt
    // sometimes timed out before the server saw it).
    const error = await api({ timeoutMs: 750, maxRetries: 1 })
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 750, operationId: "getCredential" });
    expect(server.requests).toHaveLength(2);
  });

  it("times out on a body that stops half-way", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"name":');
    });
    await expect(api({ timeoutMs: 50, maxRetries: 0 }).getCredential("my-org", "s3")).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("recovers from a reset connection, and reports one that keeps resetting", async () => {
    server = await startServer((req, res, _seen, i) => (i === 0 ? req.socket.destroy() : sendJson(res, 200, credential)));
    await expect(api().getCredential("my-org", "s3")).resolves.toEqual(credential);
    await server.close();

    server = await startServer((req) => req.socket.destroy());
    const error = await api()
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).not.toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toBe("getCredential (GET /v2/credentials/{namespace}/{name}) failed: no response");
    expect(((error as Error).cause as Error).message).toMatch(/^fetch failed/);
    expect(server.requests).toHaveLength(3);
  });

  it("reports a refused connection as ApiConnectionError", async () => {
    server = await startServer(() => {});
    const url = server.url;
    await server.close();
    server = undefined;
    const error = await new OrganizationApi({ baseUrl: url, ...FAST }, observability)
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    // The message says what happened; the network's own words are in the cause.
    expect((error as Error).message).toBe("getCredential (GET /v2/credentials/{namespace}/{name}) failed: no response");
    expect(inspect((error as Error).cause)).toMatch(/ECONNREFUSED/);
  });

  it("aborts a hanging request when the caller's signal aborts", async () => {
    server = await startServer(() => {});
    const controller = new AbortController();
    const call = api({ timeoutMs: Infinity }).getCredential("my-org", "s3", { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("cuts a long Retry-After wait short when the caller aborts", async () => {
    server = await startServer((_req, res) => sendJson(res, 503, {}, { "retry-after": "50" }));
    const controller = new AbortController();
    const call = api().getCredential("my-org", "s3", { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(call).rejects.toThrow("stop");
    expect(server.requests).toHaveLength(1);
  });
});

describe("path values arrive as exactly one segment", () => {
  it.each([
    ["a/b", "a%2Fb"],
    ["a?b#c", "a%3Fb%23c"],
    ["100%", "100%25"],
    ["naïve ☃", "na%C3%AFve%20%E2%98%83"],
    ["...", "..."],
    ["%2e%2e", "%252e%252e"],
  ])("%j is sent as %s", async (value, encoded) => {
    server = await startServer((_req, res) => sendJson(res, 200, credential));
    await api().getCredential("my-org", value);
    expect(server.requests[0]!.url).toBe(`/v2/credentials/my-org/${encoded}`);
  });
});

describe("pagination", () => {
  const all = Array.from({ length: 7 }, (_, i) => ({ name: `c${i}` }));

  function pagedServer(totalPagesOf: (pages: number) => number | undefined = (pages) => pages) {
    return startServer((_req, res, seen) => {
      const query = new URL(seen.url, "http://x").searchParams;
      const page = Number(query.get("page"));
      const perPage = Number(query.get("per_page") ?? 3);
      const pages = Math.ceil(all.length / perPage);
      const total = totalPagesOf(pages);
      sendJson(res, 200, {
        credentials: all.slice((page - 1) * perPage, page * perPage),
        pagination_metadata: { page, per_page: perPage, total_items: all.length, ...(total === undefined ? {} : { total_pages: total }) },
      });
    });
  }

  it("iterates every item of every page, stopping at total_pages", async () => {
    server = await pagedServer();
    const names: string[] = [];
    for await (const c of api().listCredentialsIterator("my-org", { perPage: 3, provider: "AWS" })) names.push(c.name!);
    expect(names).toEqual(all.map((c) => c.name));
    expect(server.requests.map((r) => r.url)).toEqual([1, 2, 3].map((p) => `/v2/credentials/my-org?provider=AWS&page=${p}&per_page=3`));
  });

  it("stops at an empty page when the page count is missing", async () => {
    server = await pagedServer(() => undefined);
    const names: string[] = [];
    for await (const c of api().listCredentialsIterator("my-org", { perPage: 4 })) names.push(c.name!);
    expect(names).toHaveLength(7);
    expect(server.requests).toHaveLength(3);
  });

  it("asks for no more pages when the loop stops early", async () => {
    server = await pagedServer();
    for await (const c of api().listCredentialsIterator("my-org", { perPage: 3 })) if (c.name === "c1") break;
    expect(server.requests).toHaveLength(1);
  });

  it("rejects next() with the page's error", async () => {
    server = await startServer((_req, res) => sendJson(res, 404, { message: "no such namespace" }));
    const iterator = api().listCredentialsIterator("nobody");
    await expect(iterator.next()).rejects.toMatchObject({ name: "ApiError", status: 404 });
  });
});
