/**
 * A success body documented as any media type (the `*` `/` `*` wildcard): the answer's own
 * Content-Type decides how it is read, end to end against a real server. Found by `verify` on a
 * real-world spec (a download documented that way, answered as text/plain, failed as bad JSON).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseParseAs } from "../../scripts/ir/responses.js";
import { runCli } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";
import { startServer, type TestServer } from "./support.js";

const SPEC = minimalSpec({
  servers: [{ url: "http://localhost" }],
  paths: {
    "/media/{name}": {
      get: {
        operationId: "downloadMedia",
        parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "the file", content: { "*/*": { schema: { type: "string" } } } } },
      },
    },
  },
});

/** What the server answers next: a Content-Type (or none) and a body. */
let answer: { contentType?: string; body: string } = { body: "" };
let server: TestServer;
let api: any;
let UnexpectedResponseError: any;

beforeAll(async () => {
  const out = path.join(tempDir("wildcard-response"), "out");
  const run = await runCli(["-q", "--spec", writeSpec(SPEC), "--out", out]);
  expect(run.stderr).toBe("");
  const client = await import(path.join(out, "client", "src", "index.ts"));
  UnexpectedResponseError = client.UnexpectedResponseError;
  server = await startServer((_req, res) => {
    res.writeHead(200, answer.contentType ? { "content-type": answer.contentType } : {});
    res.end(answer.body);
  });
  api = new client.DefaultApi({ baseUrl: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe("a success body of any media type", () => {
  it("is read by the IR as `any`; a JSON media type stays `json`", () => {
    expect(responseParseAs("*/*")).toBe("any");
    expect(responseParseAs("application/problem+json")).toBe("json");
    expect(responseParseAs("text/csv")).toBe("text");
  });

  it("answered as text: the text as it is (it was rejected as JSON that does not parse)", async () => {
    answer = { contentType: "text/plain; charset=utf-8", body: "hello, not JSON" };
    await expect(api.downloadMedia("a.txt")).resolves.toBe("hello, not JSON");
    answer = { body: "no content type at all" };
    await expect(api.downloadMedia("b.txt")).resolves.toBe("no content type at all");
  });

  it("answered as JSON (with parameters, or a +json type): parsed", async () => {
    answer = { contentType: "application/json; charset=utf-8", body: '{"name":"a.json"}' };
    await expect(api.downloadMedia("a.json")).resolves.toEqual({ name: "a.json" });
    answer = { contentType: "application/vnd.api+json", body: '"just a string"' };
    await expect(api.downloadMedia("b.json")).resolves.toBe("just a string");
    answer = { contentType: "text/json", body: "[1, 2]" };
    await expect(api.downloadMedia("c.json")).resolves.toEqual([1, 2]);
  });

  it("answered as JSON that does not parse: the typed error, as for a JSON operation", async () => {
    answer = { contentType: "application/json", body: "{broken" };
    await expect(api.downloadMedia("c.json")).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});
