/**
 * Request bodies other than JSON, end to end: a client generated from a spec with a form, a
 * multipart, a text and a binary body, sending to a real local server through Node's fetch. Only
 * the serializers a spec uses are imported by its operations table.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const body = (mediaType: string, schema: object) => ({
  requestBody: { required: true, content: { [mediaType]: { schema } } },
  responses: { "204": { description: "stored" } },
});

const SPEC = minimalSpec({
  servers: [{ url: "http://localhost" }],
  paths: {
    "/form": {
      post: {
        operationId: "sendForm",
        ...body("application/x-www-form-urlencoded", {
          type: "object",
          properties: { name: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
        }),
      },
    },
    "/upload": {
      post: {
        operationId: "upload",
        ...body("multipart/form-data", {
          type: "object",
          properties: { name: { type: "string" }, file: { type: "string", format: "binary" } },
        }),
      },
    },
    "/form-styled": {
      post: {
        operationId: "sendStyledForm",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                properties: {
                  scope: { type: "object", properties: { type: { type: "string" }, account: { type: "string" } } },
                  ids: { type: "array", items: { type: "integer" } },
                  meta: { type: "object", additionalProperties: { type: "string" } },
                  extra: { type: "object", properties: { a: { type: "integer" } } },
                },
              },
              // extra has no style: it goes as JSON text, as before `encoding` was read.
              encoding: {
                scope: { style: "deepObject", explode: true },
                ids: { style: "pipeDelimited", explode: false },
                meta: { style: "form", explode: true },
              },
            },
          },
        },
        responses: { "204": { description: "stored" } },
      },
    },
    "/upload-styled": {
      post: {
        operationId: "uploadStyled",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: {
                  file: { type: "string", format: "binary" },
                  link: { type: "object", properties: { create: { type: "boolean" }, expires: { type: "integer" } } },
                },
              },
              encoding: { link: { style: "deepObject", explode: true } },
            },
          },
        },
        responses: { "204": { description: "stored" } },
      },
    },
    "/note": { post: { operationId: "sendNote", ...body("text/plain", { type: "string" }) } },
    "/blob": { post: { operationId: "sendBlob", ...body("application/octet-stream", { type: "string", format: "binary" }) } },
  },
});

let server: TestServer;
let api: any;
let out: string;

beforeAll(async () => {
  out = path.join(tempDir("bodies"), "out");
  const run = await runCli(["-q", "--spec", writeSpec(SPEC), "--out", out]);
  expect(run.stderr).toBe("");
  const client = await import(path.join(out, "client", "src", "index.ts"));
  server = await startServer((_req, res) => sendJson(res, 204, undefined));
  api = new client.DefaultApi({ baseUrl: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe("non-JSON request bodies on the wire", () => {
  it("form: URL-encoded fields, arrays as repeated fields", async () => {
    await api.sendForm({ name: "s3 & co", tags: ["a", "b"] });
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", url: "/form", body: "name=s3+%26+co&tags=a&tags=b" });
    // openapi-fetch would label it application/json: the client sets the spec's media type.
    expect(server.requests.at(-1)!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("form: a field the spec's encoding gives a style goes as a query parameter of that style", async () => {
    await api.sendStyledForm({
      scope: { type: "account", account: "acct_1" },
      ids: [1, 2],
      meta: { color: "red", size: "L" },
      extra: { a: 1 },
    });
    expect(server.requests.at(-1)).toMatchObject({
      url: "/form-styled",
      body: "scope%5Btype%5D=account&scope%5Baccount%5D=acct_1&ids=1%7C2&color=red&size=L&extra=%7B%22a%22%3A1%7D",
    });
  });

  it("multipart: a styled field becomes one part per pair (link[create], link[expires])", async () => {
    await api.uploadStyled({ file: new Blob(["x"]), link: { create: true, expires: 60 } });
    const seen = server.requests.at(-1)!;
    expect(seen.body).toContain('Content-Disposition: form-data; name="link[create]"\r\n\r\ntrue\r\n');
    expect(seen.body).toContain('Content-Disposition: form-data; name="link[expires]"\r\n\r\n60\r\n');
    expect(seen.body).not.toContain('name="link"\r\n');
  });

  it("multipart: one part per field, a Blob as a file part", async () => {
    await api.upload({ name: "report", file: new Blob(["hello"], { type: "text/plain" }) });
    const seen = server.requests.at(-1)!;
    const boundary = /boundary=(.+)$/.exec(seen.headers["content-type"] ?? "")?.[1];
    expect(seen.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nreport\r\n`);
    expect(seen.body).toMatch(/Content-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/);
  });

  it("text: the string as it is, labelled text/plain", async () => {
    await api.sendNote("plain words, not JSON");
    expect(server.requests.at(-1)).toMatchObject({ url: "/note", body: "plain words, not JSON" });
    expect(server.requests.at(-1)!.headers["content-type"]).toBe("text/plain");
  });

  it("binary: the bytes as they are, labelled application/octet-stream", async () => {
    await api.sendBlob(new Uint8Array([104, 105]));
    expect(server.requests.at(-1)).toMatchObject({ url: "/blob", body: "hi" });
    expect(server.requests.at(-1)!.headers["content-type"]).toBe("application/octet-stream");
  });

  it("the operations table imports the four serializers it uses, and no other", () => {
    const operations = readFileSync(path.join(out, "client", "src", "operations.ts"), "utf8");
    expect(operations).toContain('import { binaryBody, formBody, multipartBody, textBody } from "./runtime/index.js";');
    expect(operations).toContain("bodySerializer: formBody,");
    // Only the styles the fields name are imported, as for parameters.
    expect(operations).toContain("    scope: { style: deepObjectStyle, explode: true },");
    expect(operations).toContain("    ids: { style: pipeDelimitedStyle, explode: false },");
    expect(operations).toMatch(/import \{[^}]*deepObjectStyle[^}]*\} from "\.\/runtime\/index\.js";/);
  });
});
