/**
 * Attempts reach the global fetch as URL + init (pending-request.ts), not as a `Request` fetch would
 * copy: the same request on the wire, and what `new Request` rejects is still rejected before
 * anything is sent (never retried as if the network had failed): such a request is built as a `Request`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiConnectionError, OrganizationApi, type LogEvent, observability } from "../../generated/client/src/index.js";
import { canSendDirectly, sendsDirectly } from "../../generated/client/src/runtime/pending-request.js";
import { sendJson, startServer, type TestServer } from "./support.js";

let server: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe("canSendDirectly: only base URLs `new Request` could not reject", () => {
  it.each([
    ["http://localhost", true],
    ["https://api.example.com/v1", true],
    ["http://127.0.0.1:8080/base", true],
    ["", false],
    ["/api", false],
    ["api.example.com", false],
    ["http://user:secret@api.example.com", false],
    ["http://:secret@api.example.com", false],
  ])("%j -> %s", (baseUrl, want) => {
    expect(canSendDirectly(baseUrl)).toBe(want);
  });
});

describe("sendsDirectly: what `new Request` would reject goes as a `Request`, which rejects it when built", () => {
  it.each(["GET", "HEAD"])("a %s with a body", (method) => {
    expect(sendsDirectly({ method, body: "{}" })).toBe(false);
    expect(() => new Request("http://localhost/x", { method, body: "{}" })).toThrow(TypeError);
    expect(sendsDirectly({ method })).toBe(true);
  });

  it("a stream body without `duplex`", () => {
    const body = new ReadableStream({ start: (c) => c.close() });
    expect(sendsDirectly({ method: "POST", body })).toBe(false);
    expect(() => new Request("http://localhost/x", { method: "POST", body })).toThrow(TypeError);
  });

  it.each([
    ["text", '{"a":1}'],
    ["form", new URLSearchParams({ a: "1" })],
    ["multipart", new FormData()],
    ["blob", new Blob(["x"])],
    ["bytes", new Uint8Array([1, 2])],
    ["buffer", new ArrayBuffer(2)],
  ])("takes a %s body as it is", (_name, body) => {
    expect(sendsDirectly({ method: "POST", body })).toBe(true);
  });
});

describe("the generated client never retries what `new Request` rejects", () => {
  it("a GET with a body is a TypeError before anything is sent", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const api = new OrganizationApi({ baseUrl: "http://localhost:9" });
    const error = await api.core
      .send({ operationId: "getWithBody", method: "GET", path: "/x", security: [] }, {}, {}, { a: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ApiConnectionError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("through the generated client and Node's fetch", () => {
  it("gives the global fetch a URL and an init, and the server gets the same request", async () => {
    server = await startServer((_req, res) => sendJson(res, 204, undefined));
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const api = new OrganizationApi({ baseUrl: server.url, apiKey: "test-key-123", maxRetries: 0 });
    await api.addCredential("my-org", { name: "s3" }, { idempotencyKey: "k-1", provider: "AWS" });
    expect(typeof fetchSpy.mock.calls[0]![0]).toBe("string");
    expect(fetchSpy.mock.calls[0]![1]!.signal).toBeInstanceOf(AbortSignal);
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: "POST", url: "/v2/credentials/my-org?provider=AWS", body: '{"name":"s3"}' });
    expect(seen!.headers).toMatchObject({
      "content-type": "application/json",
      "x-tiledb-rest-api-key": "test-key-123",
      "idempotency-key": "k-1",
    });
  });

  it("logs the URL and redacted headers of what the global fetch sends", async () => {
    server = await startServer((_req, res) => sendJson(res, 204, undefined));
    const events: LogEvent[] = [];
    const api = new OrganizationApi({ baseUrl: server.url, apiKey: "test-key-123", logger: (e) => events.push(e) }, observability);
    await api.addCredential("my-org", {
      name: "s3",
      credential: { aws: { access_key_id: "AKIAEXAMPLE", secret_access_key: "secret-value-1" } },
    });
    const [request, response] = events as [LogEvent, LogEvent];
    expect(request).toMatchObject({ type: "request", url: `${server.url}/v2/credentials/my-org` });
    expect(request.headers).toMatchObject({ "x-tiledb-rest-api-key": "[REDACTED]", "content-type": "application/json" });
    expect(request.body).toEqual({ name: "s3", credential: { aws: { access_key_id: "AKIAEXAMPLE", secret_access_key: "[REDACTED]" } } });
    expect(response).toMatchObject({ type: "response", status: 204 });
    expect(JSON.stringify(events)).not.toMatch(/test-key-123|secret-value-1/);
    expect(server.requests[0]!.body).toBe(
      '{"name":"s3","credential":{"aws":{"access_key_id":"AKIAEXAMPLE","secret_access_key":"secret-value-1"}}}',
    );
  });

  it("gives a configured fetch a real Request", async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { name: "s3" }));
    const seen: unknown[] = [];
    const api = new OrganizationApi({ baseUrl: server.url, fetch: (request) => (seen.push(request), fetch(request)) });
    await expect(api.getCredential("my-org", "s3")).resolves.toEqual({ name: "s3" });
    expect(seen[0]).toBeInstanceOf(Request);
  });

  it("rejects a relative base URL before sending, unretried, as the TypeError of `new Request`", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const error = await new OrganizationApi({ baseUrl: "/api" }).getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ApiConnectionError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
