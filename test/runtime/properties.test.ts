/**
 * Property-based tests (fast-check, fixed seed): path encoding end to end, backoff bounds, and
 * that random secrets never come out of an error or a log line.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError as GeneratedApiError,
  InvalidRequestError as GeneratedInvalidRequestError,
  OrganizationApi,
  type LogEvent,
  observability,
} from "../../generated/client/src/index.js";
import {
  backoffDelay,
  REDACTED,
  redactFields,
  redactUrl,
  retryAfterMs,
  retryDelay,
  RETRY_DEFAULTS,
} from "../../templates/runtime/index.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const RUNS = { seed: 42, numRuns: 200 } as const;

const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Strings rich in what URLs treat specially, plus any Unicode. */
const pathValue = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      "/",
      "?",
      "#",
      "%",
      ".",
      " ",
      "+",
      "&",
      "=",
      ";",
      ":",
      "@",
      "\\",
      "$",
      "'",
      "*",
      "~",
      "é",
      "😀",
      "\u0000",
      "\n",
      "2",
      "e",
      "F",
    ),
  }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }).filter(isWellFormed),
);

describe("path values (against a real server)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { name: "x" }));
  });
  afterAll(() => server.close());

  it("any value but empty, . and .. arrives as exactly one segment that decodes back to itself", async () => {
    const api = new OrganizationApi({ baseUrl: server.url, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(pathValue, pathValue, async (namespace, name) => {
        fc.pre(![namespace, name].some((v) => v === "" || v === "." || v === ".."));
        const before = server.requests.length;
        await api.getCredential(namespace, name);
        expect(server.requests.length).toBe(before + 1);
        const segments = server.requests[before]!.url.split("/");
        expect(segments.slice(0, 3)).toEqual(["", "v2", "credentials"]);
        expect(segments).toHaveLength(5);
        expect(segments.slice(3).map(decodeURIComponent)).toEqual([namespace, name]);
      }),
      RUNS,
    );
  });

  it("rejects empty, ., .. and lone surrogates before sending anything", async () => {
    const api = new OrganizationApi({ baseUrl: server.url, maxRetries: 0 });
    const bad = fc.oneof(
      fc.constantFrom("", ".", ".."),
      fc.tuple(fc.string(), fc.constantFrom("\uD800", "\uDFFF"), fc.string()).map(([a, s, b]) => `${a}${s}${b}`),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (value) => {
        const before = server.requests.length;
        await expect(api.getCredential("my-org", value)).rejects.toBeInstanceOf(GeneratedInvalidRequestError);
        expect(server.requests.length).toBe(before);
      }),
      RUNS,
    );
  });
});

describe("backoff", () => {
  it("is always within [0, maxRetryDelayMs] and never above the exponential step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (retry, minRetryDelayMs, maxRetryDelayMs, random) => {
          const delay = backoffDelay(retry, { minRetryDelayMs, maxRetryDelayMs }, random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(maxRetryDelayMs);
          const step = Math.min(minRetryDelayMs * 2 ** (retry - 1), maxRetryDelayMs);
          expect(delay).toBeLessThanOrEqual(step);
          expect(delay).toBeGreaterThanOrEqual(step * 0.75);
        },
      ),
      RUNS,
    );
  });

  it("with the defaults, waits between 0.375 s and 8 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, random) => {
        const delay = backoffDelay(retry, RETRY_DEFAULTS, random);
        expect(delay).toBeGreaterThanOrEqual(375);
        expect(delay).toBeLessThanOrEqual(8_000);
      }),
      RUNS,
    );
  });

  it("respects Retry-After (seconds, HTTP date, retry-after-ms), capped at 60 s", () => {
    const now = Date.UTC(2030, 0, 1);
    const header = fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }).map((s) => ({ headers: { "retry-after": String(s) }, want: Math.min(s * 1000, 60_000) })),
      fc.integer({ min: -100_000, max: 1_000_000 }).map((s) => ({
        headers: { "retry-after": new Date(now + s * 1000).toUTCString() },
        want: Math.min(Math.max(0, s * 1000), 60_000),
      })),
      fc
        .double({ min: 0, max: 1e9, noNaN: true })
        .map((ms) => ({ headers: { "retry-after-ms": String(ms), "retry-after": "1" }, want: Math.min(ms, 60_000) })),
    );
    fc.assert(
      fc.property(
        header,
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ headers, want }, retry, random) => {
          const delay = retryDelay(retry, new Headers(headers), RETRY_DEFAULTS, random, now);
          expect(delay).toBe(want);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(60_000);
        },
      ),
      RUNS,
    );
  });

  it("ignores unreadable Retry-After values", () => {
    fc.assert(
      fc.property(
        fc
          .oneof(
            fc.string(),
            fc.integer().map((n) => String(-Math.abs(n) - 1)),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          )
          .filter((s) => !/^\s*\d+(\.\d+)?\s*$/.test(s) && !/^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(s)),
        (value) => {
          expect(retryAfterMs(new Headers({ "retry-after": value.replace(/[\r\n\0]/g, "") }))).toBeUndefined();
        },
      ),
      RUNS,
    );
  });
});

describe("secrets never leave the client", () => {
  // Credential-like values: long enough to be blanked out by value, with URL/base64 specials.
  const secret = fc.string({
    unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_./+=~"),
    minLength: 8,
    maxLength: 40,
  });
  const WRITE_ONLY = ["secret_access_key", "account_key", "external_id", "sas_token", "key_text"] as const;

  /** A misbehaving server: echoes every header and the body back, in its error body and headers. */
  function echoingFetch(kind: "400" | "503" | "throw") {
    return async (request: Request): Promise<Response> => {
      const headers = Object.fromEntries(request.headers);
      const body = request.body ? await request.text() : "";
      if (kind === "throw") throw new TypeError(`fetch failed for ${request.url} with ${JSON.stringify(headers)} ${body}`);
      const echo = `${JSON.stringify(headers)} ${body}`;
      return new Response(JSON.stringify({ message: `rejected ${echo}`, echo: { headers, body }, request_id: echo.slice(0, 80) }), {
        status: Number(kind),
        statusText: echo.slice(0, 100).replace(/[^\x20-\x7e]/g, ""),
        headers: {
          "content-type": "application/json",
          "x-echo": echo.replace(/[^\x20-\x7e]/g, "").slice(0, 500),
          "set-cookie": `session=${headers["x-tiledb-rest-api-key"] ?? "none"}`,
        },
      });
    };
  }

  it("not in String(error), JSON.stringify(error), error.message, console.log(error), or any log line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ apiKey: secret, password: secret, access: secret, azure: secret, role: secret, token: secret }),
        fc.constantFrom("400", "503", "throw") as fc.Arbitrary<"400" | "503" | "throw">,
        fc.constantFrom("apiKey", "basic") as fc.Arbitrary<"apiKey" | "basic">,
        fc.constantFrom("add", "update", "list") as fc.Arbitrary<"add" | "update" | "list">,
        async (s, kind, auth, operation) => {
          const lines: string[] = [];
          const api = new OrganizationApi(
            {
              baseUrl: "http://api.test",
              ...(auth === "apiKey" ? { apiKey: s.apiKey } : { username: "alice", password: s.password }),
              fetch: echoingFetch(kind),
              maxRetries: 1,
              minRetryDelayMs: 0,
              maxRetryDelayMs: 0,
              logger: (event: LogEvent) => lines.push(event.message, JSON.stringify(event)),
            },
            observability,
          );
          const body = {
            name: "mixed",
            credential: {
              aws: { access_key_id: "AKIA", secret_access_key: s.access },
              azure: { account_name: "acct", account_key: s.azure },
            },
            role: { aws: { role_arn: "arn", external_id: s.role } },
            token: { azure: { account_name: "acct", sas_token: s.token }, gcp: { key_text: s.token } },
          };
          const call =
            operation === "add"
              ? api.addCredential("my-org", body, { idempotencyKey: "idem-1" })
              : operation === "update"
                ? api.updateCredential("my-org", "s3", body)
                : api.listCredentials("my-org");
          const error = await call.then(
            () => undefined,
            (e: unknown) => e as Error,
          );
          expect(error).toBeInstanceOf(Error);
          const texts = [String(error), error!.message, JSON.stringify(error), error!.stack ?? "", inspect(error, { depth: 8 }), ...lines];
          if (error instanceof GeneratedApiError) texts.push(JSON.stringify(error.body), error.requestId ?? "", error.statusText);
          const secrets = operation === "list" ? [s.apiKey, s.password] : Object.values(s);
          const used = auth === "apiKey" ? secrets.filter((v) => v !== s.password) : secrets.filter((v) => v !== s.apiKey);
          const basic = btoa(`alice:${s.password}`);
          for (const text of texts) {
            for (const value of used) expect(text).not.toContain(value);
            if (auth === "basic") expect(text).not.toContain(basic);
          }
          expect(lines.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it("writeOnly fields are redacted by name, whatever their value", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "secret", "nested"), tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const redacted = JSON.stringify(redactFields(value, ["secret"]));
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === "object")
            for (const [k, item] of Object.entries(v)) {
              if (k === "secret" && item !== null && item !== undefined) expect(item).toBe(REDACTED);
              else walk(item);
            }
        };
        walk(JSON.parse(redacted));
      }),
      RUNS,
    );
  });

  it("query parameters of apiKey schemes are redacted from URLs", () => {
    fc.assert(
      fc.property(secret, fc.string(), (key, other) => {
        const url = `http://h/p?q=${encodeURIComponent(other)}&api_key=${encodeURIComponent(key)}#frag`;
        const redacted = redactUrl(url, new Set(["api_key"]), []);
        expect(redacted).toBe(`http://h/p?q=${encodeURIComponent(other)}&api_key=${REDACTED}#frag`);
        expect(redacted.includes(encodeURIComponent(key))).toBe(false);
      }),
      RUNS,
    );
  });
});
