/**
 * Streamed responses end to end: the client generated from the paging-streaming fixture against a
 * real node:http server on 127.0.0.1 that sends server-sent events, JSON lines and a download
 * slowly, drops the connection, sends malformed events, and resumes from `Last-Event-ID`.
 */
import type http from "node:http";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const SPEC = path.resolve("test/fixtures/specs/paging-streaming/openapi.yaml");
const event = (n: number) => ({ id: `ev_${n}`, topic: "deploys", at: "2026-01-01T00:00:00Z" });
const sse = (n: number, extra = "") => `id: ${n}\nevent: created\n${extra}data: ${JSON.stringify(event(n))}\n\n`;

/** Chunks to send, each after a pause; what follows the last one (end, drop, or hang). */
interface Script {
  status?: number;
  contentType: string;
  chunks: (string | Buffer)[];
  pauseMs?: number;
  then: "end" | "drop" | "hang";
}

/** What the server sends, per request (the last one repeats). */
let scripts: Script[] = [];
/** Resolves when the server has written chunk `n` of the current response. */
let written: ((n: number) => void) | undefined;

function play(res: http.ServerResponse, script: Script): void {
  res.writeHead(script.status ?? 200, { "content-type": script.contentType, "cache-control": "no-store" });
  res.flushHeaders();
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i < script.chunks.length) {
      res.write(script.chunks[i]!);
      i++;
      written?.(i);
      setTimeout(next, script.pauseMs ?? 5);
      return;
    }
    if (script.then === "end") res.end();
    else if (script.then === "drop") res.socket?.destroy();
  };
  next();
}

let server: TestServer;
let client: any;
let api: any;

beforeAll(async () => {
  const out = path.join(tempDir("streaming"), "out");
  const run = await runCli(["-q", "--spec", SPEC, "--out", out]);
  expect(run.stderr).toBe("");
  client = await import(path.join(out, "client", "src", "index.ts"));
  server = await startServer((_req, res, _seen, index) => {
    const script = scripts[Math.min(index, scripts.length - 1)];
    if (!script) return sendJson(res, 404, { message: "no script" });
    play(res, script);
  });
  api = new client.StreamingApi({ baseUrl: server.url, accessToken: "token-abc-123", minRetryDelayMs: 1, maxRetryDelayMs: 5 });
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.requests.length = 0;
  scripts = [];
  written = undefined;
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

describe("server-sent events", () => {
  it("yields each event as it arrives, its data parsed by the schema, before the stream ends", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: [sse(1), sse(2), sse(3)], pauseMs: 30, then: "hang" }];
    let sent = 0;
    written = (n) => (sent = n);
    const stream = await api.streamEvents({ topic: "deploys" });
    const seen: unknown[] = [];
    for await (const message of stream) {
      seen.push(message);
      // The server has not sent the next event yet: nothing waits for the whole body.
      expect(sent).toBe(seen.length);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3].map((n) => ({ event: "created", id: String(n), data: event(n) })));
    expect(stream.lastEventId).toBe("3");
    expect(server.requests.map((r) => [r.url, r.headers.authorization, r.headers.accept])).toEqual([
      // The event stream first, then what its error responses send: a server (or Prism) that negotiates
      // on Accept can answer an error with its JSON body.
      ["/events/stream?topic=deploys", "Bearer token-abc-123", "text/event-stream, application/json"],
    ]);
  });

  it("reads events split across chunks, CRLF lines, comments, multi-line data and unknown fields as the format says", async () => {
    const body = `: keep-alive\r\nid: 1\r\nfoo: bar\r\ndata: {"id":"ev_1",\r\ndata: "topic":"deploys","at":"2026-01-01T00:00:00Z"}\r\n\r\n${sse(2)}`;
    scripts = [{ contentType: "text/event-stream", chunks: [body.slice(0, 17), body.slice(17, 60), body.slice(60)], then: "end" }];
    const events = await collect<any>(await api.streamEvents());
    expect(events.map((e) => e.data)).toEqual([event(1), event(2)]);
  });

  it("ends quietly at [DONE]", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: [sse(1), "data: [DONE]\n\n", sse(2)], then: "hang" }];
    expect(await collect(await api.streamEvents())).toHaveLength(1);
  });

  it("ends with UnexpectedResponseError on an event whose data is not JSON, after the good ones", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: [sse(1), "id: 2\ndata: {not json\n\n", sse(3)], then: "hang" }];
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const message of await api.streamEvents()) seen.push(message);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(client.UnexpectedResponseError);
    expect(error).toMatchObject({ bodyStart: "{not json", operationId: "streamEvents", status: 200 });
  });

  it("resumes a dropped stream with Last-Event-ID, after the server's retry time", async () => {
    scripts = [
      { contentType: "text/event-stream", chunks: ["retry: 10\n\n", sse(1), sse(2)], then: "drop" },
      { contentType: "text/event-stream", chunks: [sse(3)], then: "end" },
    ];
    const events = await collect<any>(await api.streamEvents({ topic: "deploys" }));
    expect(events.map((e) => e.id)).toEqual(["1", "2", "3"]);
    expect(server.requests.map((r) => [r.url, r.headers["last-event-id"]])).toEqual([
      ["/events/stream?topic=deploys", undefined],
      ["/events/stream?topic=deploys", "2"],
    ]);
  });

  it("without event ids, a drop ends the iteration with ApiConnectionError (nothing to resume from)", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: ['data: {"id":"ev_1","topic":"t","at":"x"}\n\n'], then: "drop" }];
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const message of await api.streamEvents()) seen.push(message);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(client.ApiConnectionError);
    expect(String(error)).toMatch(/cut off/);
    expect(server.requests).toHaveLength(1);
  });

  it("stops resuming after maxRetries drops in a row, and stops on a 204", async () => {
    scripts = [
      { contentType: "text/event-stream", chunks: ["retry: 1\n\n", sse(7)], then: "drop" },
      { contentType: "text/event-stream", chunks: ["retry: 1\n\n"], then: "drop" },
    ];
    const error = await collect(await api.streamEvents({ maxRetries: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiConnectionError);
    expect(server.requests.map((r) => r.headers["last-event-id"])).toEqual([undefined, "7", "7"]);

    server.requests.length = 0;
    scripts = [
      { contentType: "text/event-stream", chunks: ["retry: 1\n\n", sse(1)], then: "drop" },
      { status: 204, contentType: "text/event-stream", chunks: [], then: "end" },
    ];
    expect(await collect(await api.streamEvents())).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("an abort ends a stream that is waiting for its next event, with the signal's reason, and closes the connection", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: [sse(1)], then: "hang" }];
    const controller = new AbortController();
    const reason = new Error("user left");
    const stream = await api.streamEvents({ signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value.id).toBe("1");
    const waiting = iterator.next();
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("rejects the call itself with ApiError when the server refuses the stream", async () => {
    scripts = [{ status: 404, contentType: "application/json", chunks: ['{"message":"no such topic"}'], then: "end" }];
    const error = await api.streamEvents().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toMatchObject({ status: 404, body: { message: "no such topic" } });
  });

  it("withResponse() gives the stream with the response, opened once", async () => {
    scripts = [{ contentType: "text/event-stream", chunks: [sse(1)], then: "end" }];
    const { data, status, response } = await api.streamEvents().withResponse();
    expect([status, response.headers.get("content-type")]).toEqual([200, "text/event-stream"]);
    expect((await collect<any>(data)).map((e) => e.id)).toEqual(["1"]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("JSON lines", () => {
  it("yields each line as a typed item as it arrives, blank lines skipped, the last line without a newline too", async () => {
    scripts = [
      {
        contentType: "application/x-ndjson",
        chunks: ['{"n":1,"name":"alpha"}\n\n{"n":2,', '"name":"beta"}\r\n{"n":3,"name":"gamma"}'],
        then: "end",
      },
    ];
    expect(await collect(await api.exportRows("exp_1"))).toEqual([
      { n: 1, name: "alpha" },
      { n: 2, name: "beta" },
      { n: 3, name: "gamma" },
    ]);
    expect(server.requests[0]!.url).toBe("/exports/exp_1/rows");
  });

  it("reads JSON text sequences (RFC 7464: a record separator before each item)", async () => {
    scripts = [
      { contentType: "application/json-seq", chunks: ['\u001e{"n":1,"name":"alpha"}\n\u001e{"n":2,', '"name":"beta"}\n'], then: "end" },
    ];
    expect(await collect(await api.exportRows("exp_1"))).toEqual([
      { n: 1, name: "alpha" },
      { n: 2, name: "beta" },
    ]);
  });

  it("ends with UnexpectedResponseError on a line that is not JSON", async () => {
    scripts = [{ contentType: "application/x-ndjson", chunks: ['{"n":1,"name":"alpha"}\n', "<html>oops</html>\n"], then: "end" }];
    const error = await collect(await api.exportRows("exp_1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.UnexpectedResponseError);
    expect(error).toMatchObject({ bodyStart: "<html>oops</html>" });
  });

  it("a connection dropped mid-stream ends it with ApiConnectionError after the lines received", async () => {
    scripts = [{ contentType: "application/x-ndjson", chunks: ['{"n":1,"name":"alpha"}\n{"n":2,'], then: "drop" }];
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const row of await api.exportRows("exp_1")) seen.push(row);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ n: 1, name: "alpha" }]);
    expect(error).toBeInstanceOf(client.ApiConnectionError);
  });
});

describe("binary downloads", () => {
  it("streams the bytes as they arrive, without waiting for the whole body", async () => {
    const parts = [Buffer.alloc(64 * 1024, 1), Buffer.alloc(64 * 1024, 2), Buffer.alloc(10, 3)];
    scripts = [{ contentType: "application/octet-stream", chunks: parts, pauseMs: 40, then: "end" }];
    let sent = 0;
    written = (n) => (sent = n);
    const download = await api.downloadArchive("exp_1");
    expect(download.contentType).toBe("application/octet-stream");
    const reader = download.stream().getReader();
    const first = await reader.read();
    expect(first.value[0]).toBe(1);
    expect(sent).toBeLessThan(3);
    let total = first.value.length;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) total += chunk.value.length;
    expect(total).toBe(128 * 1024 + 10);
  });

  it("gives a Blob of the response's type, and can be read once", async () => {
    scripts = [{ contentType: "application/zip", chunks: [Buffer.from("PK\u0003\u0004"), Buffer.from("rest")], then: "end" }];
    const download = await api.downloadArchive("exp_1");
    const blob = await download.blob();
    expect([blob.type, blob.size, await blob.text()]).toEqual(["application/zip", 8, "PK\u0003\u0004rest"]);
    expect(() => download.stream()).toThrow(/read once/);
  });

  it("an abort while downloading errors the stream with the signal's reason", async () => {
    scripts = [{ contentType: "application/octet-stream", chunks: [Buffer.alloc(1024, 1)], then: "hang" }];
    const controller = new AbortController();
    const download = await api.downloadArchive("exp_1", { signal: controller.signal });
    const reader = download.stream().getReader();
    expect((await reader.read()).done).toBe(false);
    const waiting = reader.read();
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
