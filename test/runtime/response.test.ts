/**
 * What a call gives back: the body, or with `.withResponse()` the status, the declared headers
 * (parsed) and the raw `Response`; and a 2xx body that cannot be read as promised is a typed error.
 */
import { describe, expect, it } from "vitest";
import { ApiError, OrganizationApi, UnexpectedResponseError } from "../../generated/client/src/index.js";
import { ApiCore, readHeaders, type CallMeta } from "../../templates/runtime/index.js";
import { json, scriptedFetch } from "./support.js";

const API_KEY = "key-response-secret-7";

function client(fetch: (request: Request) => Promise<Response>) {
  return new OrganizationApi({ baseUrl: "http://api.test", apiKey: API_KEY, fetch, maxRetries: 0 });
}

describe("withResponse()", () => {
  it("gives the data, the status and the raw response; awaiting the call alone still gives the data", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { name: "s3" }, { "x-request-id": "r-1" }));
    const api = client(fetch);
    const call = api.getCredential("my-org", "s3");
    const full = await call.withResponse();
    expect(full.data).toEqual({ name: "s3" });
    expect(full.status).toBe(200);
    expect(full.response).toBeInstanceOf(Response);
    expect(full.response.headers.get("x-request-id")).toBe("r-1");
    // No headers are declared for this operation: none are parsed.
    expect(full.headers).toEqual({});
    await expect(call).resolves.toEqual({ name: "s3" });
    expect(requests).toHaveLength(1);
  });

  it("rejects as the call does", async () => {
    const { fetch } = scriptedFetch(json(404, { message: "gone" }));
    await expect(client(fetch).getCredential("my-org", "s3").withResponse()).rejects.toBeInstanceOf(ApiError);
  });

  it("parses the response headers the operation declares", async () => {
    const headers = { "x-count": "42", "x-tags": "a, b", "x-flag": "true", "x-bad": "many", "x-other": "kept out" };
    const { fetch } = scriptedFetch(json(200, { ok: true }, headers));
    const core = new ApiCore({ baseUrl: "http://api.test", fetch }, {}, "http://unused");
    const meta: CallMeta = {
      operationId: "count",
      method: "GET",
      path: "/count",
      security: [],
      parseAs: "json",
      responseHeaders: { "X-Count": "number", "X-Tags": "string[]", "X-Flag": "boolean", "X-Bad": "number", "X-Missing": "string" },
      readHeaders,
    };
    const full = await core.send(meta, {}).withResponse();
    expect(full.headers).toEqual({ "X-Count": 42, "X-Tags": ["a", "b"], "X-Flag": true });
  });
});

describe("readHeaders", () => {
  const table: [string, Record<string, string>, Record<string, string>, unknown][] = [
    ["integer", { "x-n": "7" }, { "X-N": "number" }, { "X-N": 7 }],
    ["not a number: left out", { "x-n": "seven" }, { "X-N": "number" }, {}],
    ["empty number: left out", { "x-n": "" }, { "X-N": "number" }, {}],
    ["boolean", { "x-b": "false" }, { "X-B": "boolean" }, { "X-B": false }],
    ["list of numbers", { "x-l": "1,2, 3" }, { "X-L": "number[]" }, { "X-L": [1, 2, 3] }],
    ["list with a bad item: left out", { "x-l": "1,x" }, { "X-L": "number[]" }, {}],
    ["string as is", { "x-s": " a b " }, { "X-S": "string" }, { "X-S": "a b" }],
    ["missing", {}, { "X-S": "string" }, {}],
  ];
  it.each(table)("%s", (_, given, declared, want) => {
    expect(readHeaders(new Headers(given), declared as never)).toEqual(want);
  });
});

describe("a 2xx body that is not what the spec promises", () => {
  it("an HTML page from a proxy is an UnexpectedResponseError with status, content type, request id and its start, redacted", async () => {
    const page = `<!DOCTYPE html><html><body>Gateway login for ${API_KEY}</body></html>`;
    const { fetch, requests } = scriptedFetch(
      new Response(page, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "x-request-id": "req-html" } }),
    );
    const error = await client(fetch)
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({
      status: 200,
      contentType: "text/html; charset=utf-8",
      requestId: "req-html",
      operationId: "getCredential",
      method: "GET",
      path: "/v2/credentials/{namespace}/{name}",
      bodyStart: "<!DOCTYPE html><html><body>Gateway login for [REDACTED]</body></html>",
    });
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toBe(
      "getCredential (GET /v2/credentials/{namespace}/{name}) failed: status 200 with a body that is not JSON [request id req-html]",
    );
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(String((error as Error).stack)).not.toContain(API_KEY);
    expect(requests).toHaveLength(1);
  });

  it("truncated JSON keeps only the first 200 characters", async () => {
    const text = `{"name": "${"x".repeat(500)}`;
    const { fetch } = scriptedFetch(new Response(text, { status: 200, headers: { "content-type": "application/json" } }));
    const error = (await client(fetch)
      .getCredential("my-org", "s3")
      .catch((e: unknown) => e)) as UnexpectedResponseError;
    expect(error.name).toBe("UnexpectedResponseError");
    expect(error.bodyStart).toBe(text.slice(0, 200));
    expect(error.requestId).toBeUndefined();
  });

  it("an operation without a success body resolves with nothing, whatever the body", async () => {
    const { fetch } = scriptedFetch(new Response("<html>ok</html>", { status: 200, headers: { "content-type": "text/html" } }));
    await expect(client(fetch).deleteCredential("my-org", "s3")).resolves.toBeUndefined();
  });

  it("an empty 200 body resolves with undefined, as before", async () => {
    const { fetch } = scriptedFetch(new Response("", { status: 200, headers: { "content-type": "application/json" } }));
    await expect(client(fetch).getCredential("my-org", "s3")).resolves.toBeUndefined();
  });
});
