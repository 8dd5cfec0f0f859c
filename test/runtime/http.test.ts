/**
 * The runtime's HTTP step (templates/runtime/http.ts) against openapi-fetch's own `createClient`,
 * whose behaviour it keeps: the same calls give the same requests (URL, method, headers, body)
 * and the same `{ data, error }` for the same responses.
 */
import createClient, { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createHttpClient } from "../../templates/runtime/http.js";

interface Seen {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | null;
}

/** A fetch that records the request and answers with `answer()`. */
function recorder(answer: () => Response) {
  const seen: Seen[] = [];
  const fetch = async (request: Request) => {
    seen.push({
      url: request.url,
      method: request.method,
      headers: [...request.headers.entries()],
      body: request.body ? await request.text() : null,
    });
    return answer();
  };
  return { seen, fetch };
}

const BASE = "http://api.test/v1";
const querySerializer = createQuerySerializer();

const calls: [string, string, Record<string, unknown>][] = [
  ["GET", "/items/{id}", { params: { path: { id: "a b/c" }, query: { page: 2, tags: ["x", "y"], empty: undefined } } }],
  ["POST", "/items", { body: { name: "n", nested: { a: [1, 2] } }, headers: { "X-Trace": "t" } }],
  ["PUT", "/items/{id}", { params: { path: { id: 7 }, header: { "X-Version": "3" } }, body: [1, 2, 3] }],
  ["POST", "/form", { body: { a: "1", b: "two words" }, headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
  ["POST", "/text", { body: "raw text", bodySerializer: (b: string) => b, headers: { "Content-Type": "text/plain" } }],
  ["DELETE", "/items/{id}", { params: { path: { id: "x" } }, headers: { "X-Remove": null } }],
  ["PATCH", "/items/{id}", { params: { path: { id: "x" } }, body: { done: true }, querySerializer: () => "?custom=1" }],
  ["GET", "/search", { params: { query: { q: "ä&=?" } }, parseAs: "text" }],
];

const responses: [string, () => Response][] = [
  ["a JSON 200", () => new Response(JSON.stringify({ ok: 1 }), { status: 200, headers: { "Content-Type": "application/json" } })],
  ["a 200 without Content-Length", () => new Response(new Blob(['{"streamed":true}']).stream(), { status: 200 })],
  ["an empty 200", () => new Response("", { status: 200, headers: { "Content-Length": "0" } })],
  ["a 204", () => new Response(null, { status: 204 })],
  ["a JSON 404", () => new Response(JSON.stringify({ message: "no" }), { status: 404 })],
  ["a text 502", () => new Response("<html>bad gateway</html>", { status: 502 })],
];

describe("the HTTP step, against openapi-fetch's createClient", () => {
  for (const [method, path, init] of calls) {
    for (const [what, answer] of responses) {
      it(`${method} ${path} ${JSON.stringify(init).slice(0, 60)}, ${what}`, async () => {
        const theirs = recorder(answer);
        const ours = recorder(answer);
        const clientHeaders = { "X-Client": "c", "X-Remove": "gone" };
        const reference = createClient<any>({ baseUrl: BASE, fetch: theirs.fetch, headers: clientHeaders });
        const client = createHttpClient({
          baseUrl: BASE,
          fetch: ours.fetch,
          headers: clientHeaders,
          querySerializer,
          pathSerializer: defaultPathSerializer,
        });
        const expected = await (reference as any)[method](path, init);
        const got = await (client as any)[method](path, init);
        expect(ours.seen).toEqual(theirs.seen);
        expect(ours.seen).toHaveLength(1);
        expect({ data: got.data, error: got.error, status: got.response.status }).toEqual({
          data: expected.data,
          error: expected.error,
          status: expected.response.status,
        });
      });
    }
  }

  it("rejects as openapi-fetch does when fetch fails", async () => {
    const failing = async () => {
      throw new TypeError("fetch failed");
    };
    const client = createHttpClient({ baseUrl: BASE, fetch: failing, querySerializer, pathSerializer: defaultPathSerializer });
    await expect(client.GET("/x" as never, {} as never)).rejects.toThrow("fetch failed");
  });
});
