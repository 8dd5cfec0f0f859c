/** The error types: what they carry, how they read, what they never carry. */
import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  InvalidRequestError,
  scrubError,
  type OperationMeta,
} from "../../templates/runtime/index.js";
import { OPERATIONS, OrganizationApi, ApiError as GeneratedApiError } from "../../generated/client/src/index.js";
import { json, scriptedFetch } from "./support.js";

const meta: OperationMeta = {
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  security: [],
  responses: { "404": "The thing does not exist.", "502": "Bad Gateway", "5XX": "Server trouble", default: "Error response" },
};

describe("ApiError", () => {
  it("carries status, headers, body, request id, method, path and the spec's description", () => {
    const body = { code: 404, message: "no thing 7", request_id: "req-body" };
    const error = new ApiError(meta, json(404, body, { "x-request-id": "req-header" }), body);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "ApiError",
      status: 404,
      body,
      requestId: "req-body",
      method: "GET",
      path: "/things/{id}",
      operationId: "getThing",
    });
    expect(error.statusDescription).toBe("The thing does not exist.");
    expect(error.headers.get("x-request-id")).toBe("req-header");
    expect(error.message).toBe("getThing (GET /things/{id}) failed with status 404 [request id req-body]");
    expect(String(error)).toBe(`ApiError: ${error.message}`);
  });

  it("takes the request id from x-request-id or request-id when the body has none", () => {
    expect(new ApiError(meta, json(500, {}, { "x-request-id": "a" }), {}).requestId).toBe("a");
    expect(new ApiError(meta, json(500, {}, { "request-id": "b" }), {}).requestId).toBe("b");
    expect(new ApiError(meta, json(500, {}), {}).requestId).toBeUndefined();
  });

  it("recognises a declared 502 as Bad Gateway", () => {
    const error = new ApiError(meta, new Response(null, { status: 502 }), undefined);
    expect(error.status).toBe(502);
    expect(error.statusDescription).toBe("Bad Gateway");
    expect(error.message).toBe("getThing (GET /things/{id}) failed with status 502");
  });

  it("falls back to the status range, then to default, for the description", () => {
    expect(new ApiError(meta, new Response(null, { status: 503 }), undefined).statusDescription).toBe("Server trouble");
    const teapot = new ApiError(meta, new Response(null, { status: 418, statusText: "I'm a teapot" }), undefined);
    expect(teapot.statusDescription).toBe("Error response");
    // The server's reason phrase left the message (operation, status, request id) but stays a field.
    expect(teapot.statusText).toBe("I'm a teapot");
    expect(teapot.message).toBe("getThing (GET /things/{id}) failed with status 418");
    const bare = new ApiError({ ...meta, responses: undefined }, new Response(null, { status: 404 }), undefined);
    expect(bare.statusDescription).toBeUndefined();
    expect(bare.message).toBe("getThing (GET /things/{id}) failed with status 404");
  });

  it.each([400, 401, 404, 429, 502, 503])("status %i: ApiError.is tells the status", (status) => {
    const error = new ApiError(meta, new Response(null, { status }), undefined);
    expect(ApiError.is(error)).toBe(true);
    expect(ApiError.is(error, status)).toBe(true);
    expect(ApiError.is(error, "getThing" as never)).toBe(true);
    expect(ApiError.is(error, 200)).toBe(false);
    expect(ApiError.is(new Error("x"))).toBe(false);
  });

  it("serialises to JSON without headers, request or credentials", () => {
    const error = new ApiError(meta, json(500, { message: "boom" }), { message: "boom" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "getThing (GET /things/{id}) failed with status 500",
      status: 500,
      statusDescription: "Server trouble",
      method: "GET",
      path: "/things/{id}",
      operationId: "getThing",
      body: { message: "boom" },
    });
    expect(Object.values(error).some((value) => value instanceof Request)).toBe(false);
  });

  it("blanks out echoed secrets from message, body and request id", () => {
    const secret = "sk_live_0123456789";
    const body = { message: `bad key ${secret}`, echo: { key: secret, list: [secret] }, request_id: `id-${secret}` };
    const error = new ApiError(meta, json(401, body), body, [secret]);
    for (const text of [error.message, String(error), JSON.stringify(error), JSON.stringify(error.body), error.requestId ?? ""]) {
      expect(text).not.toContain(secret);
    }
    expect(error.body).toEqual({
      message: "bad key [REDACTED]",
      echo: { key: "[REDACTED]", list: ["[REDACTED]"] },
      request_id: "id-[REDACTED]",
    });
  });
});

describe("ApiConnectionError and ApiTimeoutError", () => {
  it("are their own types, with the cause kept out of JSON", () => {
    const cause = new TypeError("fetch failed", { cause: new Error("other side closed") });
    const error = new ApiConnectionError(meta, cause);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error.name).toBe("ApiConnectionError");
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("getThing (GET /things/{id}) failed: no response");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiConnectionError",
      message: error.message,
      method: "GET",
      path: "/things/{id}",
      operationId: "getThing",
    });

    const timeout = new ApiTimeoutError(meta, 1500);
    expect(timeout).toBeInstanceOf(ApiConnectionError);
    expect(timeout.name).toBe("ApiTimeoutError");
    expect(timeout.timeoutMs).toBe(1500);
    expect(String(timeout)).toBe("ApiTimeoutError: getThing (GET /things/{id}) timed out after 1500 ms");
  });

  it("blank secrets out of the cause's message and stack", () => {
    const secret = "password-9876";
    const cause = new Error(`refused header value ${secret}`);
    const error = new ApiConnectionError(meta, cause, [secret]);
    expect(error.message).not.toContain(secret);
    expect((error.cause as Error).message).toBe("refused header value [REDACTED]");
    expect((error.cause as Error).stack).not.toContain(secret);
    expect(scrubError("not an error", [secret])).toBe("not an error");
  });
});

describe("the generated client's errors", () => {
  it("throw the package's ApiError, with the spec's words for a declared 502", async () => {
    const { fetch } = scriptedFetch(json(502, { message: "upstream down", request_id: "r-1" }));
    const api = new OrganizationApi({ baseUrl: "http://api.test", fetch, maxRetries: 0 });
    const error = await api.getCredential("my-org", "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratedApiError);
    expect(error).toMatchObject({
      status: 502,
      statusDescription: "Bad Gateway",
      requestId: "r-1",
      method: "GET",
      path: "/v2/credentials/{namespace}/{name}",
    });
    expect((error as Error).message).toBe("getCredential (GET /v2/credentials/{namespace}/{name}) failed with status 502 [request id r-1]");
    expect(OPERATIONS.getCredential.responses).toEqual({ "502": "Bad Gateway", default: "Error response" });
  });

  it("InvalidRequestError is thrown for a bad path value before fetch is called", async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const api = new OrganizationApi({ baseUrl: "http://api.test", fetch });
    for (const bad of ["", ".", ".."]) {
      await expect(api.getCredential("my-org", bad)).rejects.toThrow(/path parameter "name" cannot be/);
    }
    await expect(api.getCredential(undefined as unknown as string, "x")).rejects.toThrow('path parameter "namespace" cannot be undefined');
    expect(requests).toHaveLength(0);
    expect(new InvalidRequestError("x").name).toBe("InvalidRequestError");
  });
});
