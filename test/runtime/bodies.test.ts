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
  });
});
