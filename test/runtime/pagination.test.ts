/**
 * Every pagination style end to end: the client generated from the paging-streaming fixture,
 * against a real node:http server on 127.0.0.1 that pages by offset, by cursor, by a next URL in
 * the body and by `Link` headers, through Node's own fetch.
 */
import type http from "node:http";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nextLink } from "../../templates/runtime/pagination.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const SPEC = path.resolve("test/fixtures/specs/paging-streaming/openapi.yaml");
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const EVENTS = names("ev_", 7).map((id) => ({ id, topic: "deploys", at: "2026-01-01T00:00:00Z" }));
const MESSAGES = names("msg_", 5).map((id) => ({ id, text: `text of ${id}` }));
const FILES = names("file_", 5).map((name, i) => ({ name, size: i }));
const REPOS = names("repo_", 5).map((name, i) => ({ id: i + 1, name }));
const LABELS = names("label_", 3).map((name) => ({ name }));

/** What the server does differently in one test. */
const quirks = {
  omitTotal: false,
  /** The cursor the server gives, whatever the page (a server stuck on one cursor). */
  stuckCursor: undefined as string | undefined,
  /** Where `next_url` points (by default: a relative URL on this server). */
  nextUrlBase: "",
  /** Page requests (by path) answered with a 500. */
  failing: new Set<string>(),
  /** Milliseconds before each answer. */
  delayMs: 0,
};

function handle(req: http.IncomingMessage, res: http.ServerResponse, server: () => TestServer): void {
  const url = new URL(req.url ?? "/", "http://x");
  const q = url.searchParams;
  const int = (name: string, fallback: number) => (q.has(name) ? Number(q.get(name)) : fallback);
  if (quirks.failing.has(req.url ?? "")) return sendJson(res, 500, { message: "page failed" });
  switch (url.pathname) {
    case "/events": {
      const offset = int("offset", 0);
      const limit = int("limit", 20);
      const events = EVENTS.slice(offset, offset + limit);
      return sendJson(res, 200, quirks.omitTotal ? { events } : { events, total: EVENTS.length });
    }
    case "/messages": {
      const start = q.has("cursor") ? Number(q.get("cursor")!.slice(1)) : 0;
      const limit = int("limit", 2);
      const end = start + limit;
      const next = quirks.stuckCursor ?? (end < MESSAGES.length ? `c${end}` : null);
      return sendJson(res, 200, { data: MESSAGES.slice(start, end), meta: { next_cursor: next } });
    }
    case "/files": {
      const limit = int("limit", 2);
      const start = q.has("after") ? FILES.findIndex((f) => f.name === q.get("after")) + 1 : 0;
      const items = FILES.slice(start, start + limit);
      const more = start + limit < FILES.length;
      const next = more ? `${quirks.nextUrlBase}/files?limit=${limit}&after=${items.at(-1)!.name}` : null;
      return sendJson(res, 200, { items, next_url: next });
    }
    case "/repos": {
      const perPage = int("per_page", 2);
      const page = int("page", 1);
      const last = Math.ceil(REPOS.length / perPage);
      const link = (p: number, rel: string) => `<${server().url}/repos?per_page=${perPage}&page=${p}>; rel="${rel}"`;
      const links = [link(1, "first"), ...(page < last ? [link(page + 1, "next"), link(last, "last")] : [link(page - 1, "prev")])];
      return sendJson(res, 200, REPOS.slice((page - 1) * perPage, page * perPage), { link: links.join(", ") });
    }
    case "/labels": {
      const start = q.has("from") ? LABELS.findIndex((l) => l.name === q.get("from")) : 0;
      const labels = LABELS.slice(start, start + 2);
      return sendJson(res, 200, { labels, continue: LABELS[start + 2]?.name ?? null });
    }
  }
  sendJson(res, 404, { message: "no such path" });
}

let server: TestServer;
let client: any;
let api: any;

beforeAll(async () => {
  const out = path.join(tempDir("pagination"), "out");
  const run = await runCli(["-q", "--spec", SPEC, "--out", out]);
  expect(run.stderr).toBe("");
  client = await import(path.join(out, "client", "src", "index.ts"));
  server = await startServer((req, res) => {
    if (quirks.delayMs) setTimeout(() => handle(req, res, () => server), quirks.delayMs);
    else handle(req, res, () => server);
  });
  api = new client.PagingApi({ baseUrl: server.url, accessToken: "token-abc-123", maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.requests.length = 0;
  Object.assign(quirks, { omitTotal: false, stuckCursor: undefined, nextUrlBase: "", failing: new Set(), delayMs: 0 });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

const urls = () => server.requests.map((r) => r.url);

describe("offset and limit", () => {
  it("moves the offset past each page and stops when the total is reached", async () => {
    expect(await collect(api.listEventsIterator({ limit: 3 }))).toEqual(EVENTS);
    expect(urls()).toEqual(["/events?limit=3", "/events?offset=3&limit=3", "/events?offset=6&limit=3"]);
  });

  it("without a total, stops at the first empty page", async () => {
    quirks.omitTotal = true;
    const pages = await collect<any>(api.listEventsPages({ limit: 4 }));
    expect(pages.map((p) => p.events.length)).toEqual([4, 3, 0]);
    expect(urls()).toEqual(["/events?limit=4", "/events?offset=4&limit=4", "/events?offset=7&limit=4"]);
  });

  it("starts at the offset it is given", async () => {
    expect((await collect<any>(api.listEventsIterator({ offset: 5, limit: 3 }))).map((e) => e.id)).toEqual(["ev_6", "ev_7"]);
  });
});

describe("cursor in the body", () => {
  it("sends each page's next cursor until it is null, with the caller's options on every page", async () => {
    const pages = await collect<any>(api.listMessagesPages({ limit: 2, headers: { "x-trace": "t1" } }));
    expect(pages.flatMap((p) => p.data)).toEqual(MESSAGES);
    expect(pages.map((p) => p.meta.next_cursor)).toEqual(["c2", "c4", null]);
    expect(urls()).toEqual(["/messages?limit=2", "/messages?cursor=c2&limit=2", "/messages?cursor=c4&limit=2"]);
    expect(server.requests.every((r) => r.headers["x-trace"] === "t1" && r.headers.authorization === "Bearer token-abc-123")).toBe(true);
  });

  it("stops when the server gives the same cursor again (instead of asking forever)", async () => {
    quirks.stuckCursor = "c2";
    expect(await collect(api.listMessagesIterator({ limit: 2 }))).toHaveLength(4);
    expect(urls()).toEqual(["/messages?limit=2", "/messages?cursor=c2&limit=2"]);
  });

  it("follows a cursor declared with x-pagination (other names)", async () => {
    expect(await collect(api.listLabelsIterator())).toEqual(LABELS);
    expect(urls()).toEqual(["/labels", "/labels?from=label_3"]);
  });
});

describe("next URL in the body", () => {
  it("follows a relative next URL through the same client (auth, headers)", async () => {
    expect(await collect(api.listFilesIterator({ limit: 2 }))).toEqual(FILES);
    expect(urls()).toEqual(["/files?limit=2", "/files?limit=2&after=file_2", "/files?limit=2&after=file_4"]);
    expect(server.requests.every((r) => r.headers.authorization === "Bearer token-abc-123")).toBe(true);
  });

  it("follows an absolute next URL under the baseUrl", async () => {
    quirks.nextUrlBase = server.url;
    expect(await collect(api.listFilesIterator({ limit: 3 }))).toEqual(FILES);
    expect(urls()).toEqual(["/files?limit=3", "/files?limit=3&after=file_3"]);
  });

  it("refuses a next URL on another server: the token never leaves for it", async () => {
    const other = await startServer((_req, res) => sendJson(res, 200, { items: [], next_url: null }));
    try {
      quirks.nextUrlBase = other.url;
      const seen: unknown[] = [];
      const error = await (async () => {
        for await (const file of api.listFilesIterator({ limit: 2 })) seen.push(file);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(client.InvalidRequestError);
      expect(String(error)).toMatch(/next page's URL http:\/\/127\.0\.0\.1:\d+\/files is not under the client's baseUrl/);
      expect(String(error)).not.toContain("token-abc-123");
      expect(seen).toEqual(FILES.slice(0, 2));
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe("Link headers (RFC 8288)", () => {
  it("follows rel=next until the last page has none", async () => {
    const pages = await collect<any>(api.listReposPages({ perPage: 2 }));
    expect(pages).toEqual([REPOS.slice(0, 2), REPOS.slice(2, 4), REPOS.slice(4)]);
    expect(urls()).toEqual(["/repos?per_page=2", "/repos?per_page=2&page=2", "/repos?per_page=2&page=3"]);
  });

  it("reads the next link among others, quoted or not, with several relation types", () => {
    expect(nextLink('<https://a.test/x?page=2>; rel="next", <https://a.test/x?page=9>; rel="last"')).toBe("https://a.test/x?page=2");
    expect(nextLink('<https://a.test/x?page=1>; rel=prev, <https://a.test/y,z;w>; title="a, b; c"; rel="next last"')).toBe(
      "https://a.test/y,z;w",
    );
    expect(nextLink("<https://a.test/x>; REL=Next")).toBe("https://a.test/x");
    expect(nextLink('<https://a.test/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink('<https://a.test/x>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink("garbage, <>")).toBeUndefined();
  });
});

describe("ending early", () => {
  it("stops asking when the loop breaks", async () => {
    for await (const message of api.listMessagesIterator({ limit: 2 })) {
      expect(message).toEqual(MESSAGES[0]);
      break;
    }
    expect(urls()).toEqual(["/messages?limit=2"]);
  });

  it("ends with the signal's reason when aborted between pages, asking for nothing more", async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const event of api.listEventsIterator({ limit: 3, signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(seen).toHaveLength(3);
    expect(urls()).toEqual(["/events?limit=3"]);
  });

  it("ends with the signal's reason when aborted while a page is on its way", async () => {
    quirks.delayMs = 200;
    const reason = new Error("user left");
    const controller = new AbortController();
    const iterator = api.listReposIterator({ perPage: 2, signal: controller.signal });
    const first = iterator.next();
    setTimeout(() => controller.abort(reason), 20);
    await expect(first).rejects.toBe(reason);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("rejects next() with the page's ApiError", async () => {
    quirks.failing.add("/messages?cursor=c2&limit=2");
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const message of api.listMessagesIterator({ limit: 2 })) seen.push(message);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toMatchObject({ status: 500, operationId: "listMessages" });
    expect(seen).toEqual(MESSAGES.slice(0, 2));
  });
});
