/** The runtime's small helpers, one table each. */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  authFor,
  InvalidRequestError,
  MIN_SECRET_LENGTH,
  paginate,
  redactHeaders,
  retryAfterMs,
  scrubText,
  secretForms,
  sleep,
  type SecuritySchemes,
} from "../../templates/runtime/index.js";
import { settle } from "./support.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("paginate", () => {
  const meta = { itemsProperty: "items", metadataProperty: "meta", totalPagesProperty: "pages" };
  const collect = async <T>(iterator: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const item of iterator) out.push(item);
    return out;
  };

  it("asks page after page until the page count, from firstPage", async () => {
    const asked: number[] = [];
    const pages = [["a", "b"], ["c"]];
    const items = await collect(
      paginate<string>(
        meta,
        async (page) => {
          asked.push(page);
          return { items: pages[page], meta: { pages: 2 } };
        },
        0,
      ),
    );
    expect(items).toEqual(["a", "b", "c"]);
    expect(asked).toEqual([0, 1]);
  });

  it.each([
    ["an empty page", { items: [], meta: { pages: 9 } }],
    ["no items property", { meta: { pages: 9 } }],
    ["a null page", null],
  ])("stops at %s", async (_, page) => {
    const fetchPage = vi.fn(async (n: number) => (n === 1 ? { items: [1], meta: { pages: 9 } } : page));
    expect(await collect(paginate<number>(meta, fetchPage))).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});

describe("sleep", () => {
  it("waits, and stops at once, clearing its timer, when the signal aborts", async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    void sleep(1000).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();

    const controller = new AbortController();
    const waiting = settle(sleep(60_000, controller.signal));
    controller.abort(new Error("stop"));
    expect(await waiting).toMatchObject({ ok: false, error: { message: "stop" } });
    expect(vi.getTimerCount()).toBe(0);
    expect(await settle(sleep(10, AbortSignal.abort()))).toMatchObject({ ok: false });
  });
});

describe("redaction helpers", () => {
  it("redacts credential headers by name, and secrets in other values", () => {
    const headers = new Headers({
      Authorization: "Basic x",
      Cookie: "a=b",
      "X-Api-Key": "k",
      "X-Custom-Auth-Name": "v",
      "X-Trace": "has secret-1234 inside",
      Accept: "application/json",
    });
    expect(redactHeaders(headers, new Set(["x-custom-auth-name"]), ["secret-1234"])).toEqual({
      accept: "application/json",
      authorization: "[REDACTED]",
      cookie: "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "x-custom-auth-name": "[REDACTED]",
      "x-trace": "has [REDACTED] inside",
    });
  });

  it("blanks out values by their raw and URL-encoded forms, not values too short to be secrets", () => {
    expect(secretForms("a b/c+d")).toEqual(["a b/c+d", "a%20b%2Fc%2Bd", "a+b%2Fc%2Bd"]);
    expect(secretForms("x".repeat(MIN_SECRET_LENGTH - 1))).toEqual([]);
    expect(scrubText("key=a%20b%2Fc%2Bd", secretForms("a b/c+d"))).toBe("key=[REDACTED]");
  });

  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "1.5" }, 1500],
    [{ "retry-after": " 3 " }, 3000],
    [{ "retry-after": "-1" }, undefined],
    [{ "retry-after": "2030-01-01" }, undefined],
    [{ "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" }, 0],
    [{ "retry-after-ms": "12.5" }, 12.5],
    [{ "retry-after-ms": "x", "retry-after": "1" }, 1000],
    [{}, undefined],
  ])("retry-after %j → %s ms", (headers, want) => {
    expect(retryAfterMs(new Headers(headers))).toBe(want);
  });
});

describe("authFor", () => {
  const schemes: SecuritySchemes = {
    header: { kind: "apiKey", in: "header", name: "X-Key", field: "apiKey" },
    query: { kind: "apiKey", in: "query", name: "key", field: "queryKey" },
    cookie: { kind: "apiKey", in: "cookie", name: "session", field: "sessionKey" },
    basic: { kind: "basic" },
    bearer: { kind: "bearer" },
    otherBearer: { kind: "bearer" },
  };

  it("builds what the first satisfied alternative sends, synchronously", () => {
    const credentials = { apiKey: "k1", queryKey: "k2", sessionKey: "k3", username: "zoë", password: "p" };
    expect(authFor([["bearer"], ["header", "query", "cookie"]], schemes, credentials)).toEqual({
      headers: { "X-Key": "k1" },
      query: { key: "k2" },
      cookies: { session: "k3" },
    });
    expect(authFor([["basic"]], schemes, credentials)).toEqual({
      headers: { Authorization: `Basic ${Buffer.from("zoë:p").toString("base64")}` },
      query: {},
      cookies: {},
    });
    expect(authFor([["bearer"]], schemes, { accessToken: "t" })).toEqual({
      headers: { Authorization: "Bearer t" },
      query: {},
      cookies: {},
    });
  });

  it("sends nothing when no alternative is satisfied, or the operation needs no auth", () => {
    expect(authFor([["header"], ["basic"]], schemes, { username: "u" })).toBeUndefined();
    const keyOnly = { apiKey: "k", username: "u" }; // apiKey fields are named by the generator
    expect(authFor([], schemes, keyOnly)).toBeUndefined();
  });

  it("waits for a token function: called once per call, however many bearer schemes", async () => {
    const token = vi.fn(async () => "fresh");
    const parts = authFor([["bearer", "otherBearer"]], schemes, { accessToken: token });
    expect(parts).toBeInstanceOf(Promise);
    await expect(parts).resolves.toEqual({ headers: { Authorization: "Bearer fresh" }, query: {}, cookies: {} });
    expect(token).toHaveBeenCalledTimes(1);
  });

  it("rejects with the token function's error", async () => {
    const parts = authFor([["bearer"]], schemes, { accessToken: () => Promise.reject(new Error("no token")) });
    await expect(parts).rejects.toThrow("no token");
  });
});
