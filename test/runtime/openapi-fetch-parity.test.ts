/**
 * The generated client sends what openapi-fetch sends for the same call: the runtime builds its
 * requests itself (no openapi-fetch inside any more), and README tells users they can make raw
 * calls with openapi-fetch over the package's `paths` types, so the two must agree on the wire
 * wherever the spec leaves the default serialization. Both go through Node's fetch to one
 * recording node:http server; method, URL (path escaping, query order and encoding), body and
 * the headers that carry meaning are compared. The one deliberate difference: the generated
 * client sends the spec's response media types as `Accept`, openapi-fetch none (fetch's `*\/*`).
 */
import path from "node:path";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganizationApi } from "../../generated/client/src/index.js";
import type { paths } from "../../generated/client/src/schema.js";
import { runCli } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";
import { sendJson, startServer, type SeenRequest, type TestServer } from "./support.js";

const API_KEY = "parity-key";
const MEANINGFUL_HEADERS = ["content-type", "x-tiledb-rest-api-key", "x-trace", "cookie"];

/** What a request means on the wire, for comparing two clients' requests. */
function wire(seen: SeenRequest) {
  return {
    method: seen.method,
    url: seen.url,
    body: seen.body,
    headers: Object.fromEntries(
      MEANINGFUL_HEADERS.filter((name) => seen.headers[name] !== undefined).map((name) => [name, seen.headers[name]]),
    ),
  };
}

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.method === "GET" && /\/v2\/credentials\/[^/]+$/.test(req.url!.split("?")[0]!))
      sendJson(res, 200, { credentials: [], pagination_metadata: { page: 1, per_page: 20, total_items: 0, total_pages: 0 } });
    else if (req.method === "GET") sendJson(res, 200, { name: "x" });
    else sendJson(res, 204, undefined);
  });
});

afterAll(async () => {
  await server?.close();
});

/** Runs `generated`, then `raw`, and gives the two requests the server saw. */
async function both(generated: () => Promise<unknown>, raw: () => Promise<unknown>) {
  await generated();
  const ours = server.requests.at(-1)!;
  await raw();
  const theirs = server.requests.at(-1)!;
  expect(theirs).not.toBe(ours);
  return { ours: wire(ours), theirs: wire(theirs), oursSeen: ours };
}

describe("OrganizationApi and openapi-fetch over the same paths send the same requests", () => {
  let api: OrganizationApi;
  let raw: ReturnType<typeof createClient<paths>>;
  beforeAll(() => {
    api = new OrganizationApi({ baseUrl: server.url, apiKey: API_KEY, maxRetries: 0 });
    raw = createClient<paths>({ baseUrl: server.url, headers: { "X-TILEDB-REST-API-KEY": API_KEY } });
  });

  // A namespace and name that need escaping in a path segment, a query value that needs it too.
  const namespace = "my org/ü?#";
  const name = "s3 & co%";
  const credential = {
    name: "s3-creds",
    provider_default: true,
    allowed_in_tasks: false,
    credential: { aws: { access_key_id: "AKIA", secret_access_key: "secret" } },
  };

  it("a GET with query parameters", async () => {
    const { ours, theirs, oursSeen } = await both(
      () => api.listCredentials(namespace, { provider: "AWS", type: "azure_token", page: 2, perPage: 20 }),
      () =>
        raw.GET("/v2/credentials/{namespace}", {
          params: { path: { namespace }, query: { provider: "AWS", type: "azure_token", page: 2, per_page: 20 } },
        }),
    );
    expect(ours).toEqual(theirs);
    expect(ours.url).toBe("/v2/credentials/my%20org%2F%C3%BC%3F%23?provider=AWS&type=azure_token&page=2&per_page=20");
    expect(oursSeen.headers.accept).toBe("application/json");
  });

  it("a GET of one item by two path parameters", async () => {
    const { ours, theirs } = await both(
      () => api.getCredential(namespace, name),
      () => raw.GET("/v2/credentials/{namespace}/{name}", { params: { path: { namespace, name } } }),
    );
    expect(ours).toEqual(theirs);
    expect(ours.url).toBe("/v2/credentials/my%20org%2F%C3%BC%3F%23/s3%20%26%20co%25");
  });

  it("a POST with a JSON body", async () => {
    const { ours, theirs } = await both(
      () => api.addCredential(namespace, credential),
      () => raw.POST("/v2/credentials/{namespace}", { params: { path: { namespace } }, body: credential }),
    );
    expect(ours).toEqual(theirs);
    expect(JSON.parse(ours.body)).toEqual(credential);
    expect(ours.headers["content-type"]).toBe("application/json");
  });

  it("a PATCH with a JSON body and a DELETE", async () => {
    const patch = await both(
      () => api.updateCredential(namespace, name, credential),
      () => raw.PATCH("/v2/credentials/{namespace}/{name}", { params: { path: { namespace, name } }, body: credential }),
    );
    expect(patch.ours).toEqual(patch.theirs);
    const del = await both(
      () => api.deleteCredential(namespace, name),
      () => raw.DELETE("/v2/credentials/{namespace}/{name}", { params: { path: { namespace, name } } }),
    );
    expect(del.ours).toEqual(del.theirs);
    expect(del.ours.method).toBe("DELETE");
  });
});

describe("a generated client and openapi-fetch agree on default-style arrays and header parameters", () => {
  const SPEC = minimalSpec({
    servers: [{ url: "http://localhost" }],
    paths: {
      "/items/{ids}": {
        get: {
          operationId: "findItems",
          parameters: [
            { name: "ids", in: "path", required: true, schema: { type: "array", items: { type: "integer" } } },
            { name: "tag", in: "query", schema: { type: "array", items: { type: "string" } } },
            { name: "q", in: "query", schema: { type: "string" } },
            { name: "X-Trace", in: "header", schema: { type: "string" } },
          ],
          responses: { "200": { description: "found", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
  });
  let client: any;
  let rawOf: (baseUrl: string) => any;

  beforeAll(async () => {
    const out = path.join(tempDir("openapi-fetch-parity"), "out");
    const run = await runCli(["-q", "--spec", writeSpec(SPEC), "--out", out]);
    expect(run.stderr).toBe("");
    const generated = await import(path.join(out, "client", "src", "index.ts"));
    client = new generated.DefaultApi({ baseUrl: server.url, maxRetries: 0 });
    rawOf = (baseUrl) => createClient({ baseUrl });
  });

  it("arrays in the path (simple) and the query (form, exploded), a header parameter", async () => {
    const raw = rawOf(server.url);
    const { ours, theirs } = await both(
      () => client.findItems([1, 2, 3], { tag: ["a b", "c&d"], q: "x=y", xTrace: "t-1" }),
      () =>
        raw.GET("/items/{ids}", {
          params: { path: { ids: [1, 2, 3] }, query: { tag: ["a b", "c&d"], q: "x=y" }, header: { "X-Trace": "t-1" } },
        }),
    );
    expect(ours).toEqual(theirs);
    expect(ours.url).toBe("/items/1,2,3?tag=a%20b&tag=c%26d&q=x%3Dy");
    expect(ours.headers["x-trace"]).toBe("t-1");
  });
});
