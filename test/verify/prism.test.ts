import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismViolationError, startPrism, violationCheckingFetch, type PrismServer } from "../../scripts/verify/prism.js";

const PRISM_ERRORS = "https://stoplight.io/prism/errors#";

const itemSchema = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "integer" }, name: { type: "string" } },
} as const;

const errorSchema = {
  type: "object",
  required: ["message"],
  properties: { message: { type: "string" } },
} as const;

function makeSpec(getExample: unknown): object {
  return {
    openapi: "3.0.3",
    info: { title: "prism harness", version: "1.0.0" },
    paths: {
      "/items/{id}": {
        get: {
          operationId: "getItem",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: {
            "200": {
              description: "the item",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Item" }, example: getExample } },
            },
            default: {
              description: "error",
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { message: "boom" } },
              },
            },
          },
        },
      },
      "/items": {
        post: {
          operationId: "createItem",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["name"],
                  properties: { name: { type: "string" } },
                  additionalProperties: false,
                },
              },
            },
          },
          // no 4xx/default here: an invalid request gets Prism's own 422 problem
          responses: {
            "201": {
              description: "created",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Item" },
                  example: { id: 2, name: "new" },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: { Item: itemSchema, Error: errorSchema } },
  };
}

let dir: string;
let goodSpec: string;
let badSpec: string;
const checked = violationCheckingFetch();

/** Runs `fn`, expecting a PrismViolationError, and returns it. */
async function expectViolation(fn: () => Promise<unknown>): Promise<PrismViolationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PrismViolationError);
    return err as PrismViolationError;
  }
  throw new Error("expected a PrismViolationError, but the request succeeded");
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "prism-harness-"));
  goodSpec = path.join(dir, "good.json");
  badSpec = path.join(dir, "bad.json");
  await writeFile(goodSpec, JSON.stringify(makeSpec({ id: 1, name: "widget" }), null, 2));
  // the example breaks the response schema: id must be an integer
  await writeFile(badSpec, JSON.stringify(makeSpec({ id: "one", name: "widget" }), null, 2));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("Prism harness against a valid spec", () => {
  let prism: PrismServer;

  beforeAll(async () => {
    prism = await startPrism(goodSpec);
    console.log(`[prism-harness] Prism started in ${prism.startupMs} ms on ${prism.url} (pid ${prism.pid})`);
  });
  afterAll(async () => {
    await prism?.stop();
  });

  it("starts on a free 127.0.0.1 port and reports it", () => {
    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
    expect(prism.port).toBeGreaterThan(0);
    expect(prism.logs()).toContain("Prism is listening on");
  });

  it("a valid GET returns 200 and does not throw", async () => {
    const res = await checked(`${prism.url}/items/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("sl-violations")).toBeNull();
    expect(await res.json()).toEqual({ id: 1, name: "widget" });
  });

  it("a valid POST (Request object, as openapi-fetch sends it) returns 201 untouched", async () => {
    const req = new Request(`${prism.url}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "new" }),
    });
    const res = await checked(req);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 2, name: "new" });
  });

  it("a POST with an invalid body throws (422 #UNPROCESSABLE_ENTITY problem)", async () => {
    const err = await expectViolation(() =>
      checked(`${prism.url}/items`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({}), // missing required "name"
      }),
    );
    expect(err.method).toBe("POST");
    expect(err.url).toBe(`${prism.url}/items`);
    expect(err.status).toBe(422);
    expect(err.problemType).toBe(`${PRISM_ERRORS}UNPROCESSABLE_ENTITY`);
    expect(err.violations).toContain("must have required property 'name'");
    expect(err.message).toContain(`POST ${prism.url}/items -> 422`);
  });

  it("an invalid request on an operation with a `default` response throws (422 + sl-violations header)", async () => {
    // Prism answers with the spec's own default example, status 422, and an sl-violations header
    const err = await expectViolation(() => checked(`${prism.url}/items/not-a-number`));
    expect(err.status).toBe(422);
    expect(err.problemType).toBeUndefined();
    expect(err.slViolationsHeader).toBeDefined();
    expect(err.violations).toContain("Request path parameter id must be integer");
  });

  it("a request to an undeclared path throws (404 #NO_PATH_MATCHED_ERROR)", async () => {
    const err = await expectViolation(() => checked(`${prism.url}/nowhere`));
    expect(err.status).toBe(404);
    expect(err.problemType).toBe(`${PRISM_ERRORS}NO_PATH_MATCHED_ERROR`);
  });

  it("an undeclared method throws (405 #NO_METHOD_MATCHED_ERROR)", async () => {
    const err = await expectViolation(() => checked(`${prism.url}/items/1`, { method: "DELETE" }));
    expect(err.status).toBe(405);
    expect(err.problemType).toBe(`${PRISM_ERRORS}NO_METHOD_MATCHED_ERROR`);
  });

  it("Prefer: code=NNN for an undeclared status throws (404 #NOT_FOUND)", async () => {
    const err = await expectViolation(() =>
      checked(`${prism.url}/items`, {
        method: "POST",
        headers: { "content-type": "application/json", Prefer: "code=418" },
        body: JSON.stringify({ name: "x" }),
      }),
    );
    expect(err.status).toBe(404);
    expect(err.problemType).toBe(`${PRISM_ERRORS}NOT_FOUND`);
    expect(err.violations).toContain("418");
  });

  it("Prefer: code=NNN covered by a `default` response is served and does not throw", async () => {
    const res = await checked(`${prism.url}/items/1`, { headers: { Prefer: "code=503" } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: "boom" });
  });

  it("leaves non-Prism problem+json responses alone", async () => {
    const fake: typeof fetch = async () =>
      new Response(JSON.stringify({ type: "https://example.com/probs/out-of-stock", title: "nope" }), {
        status: 409,
        headers: { "content-type": "application/problem+json" },
      });
    const res = await violationCheckingFetch(fake)("http://example.invalid/x");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ title: "nope" }); // body still readable
  });
});

describe("Prism harness against a spec whose example breaks its response schema", () => {
  let prism: PrismServer;
  let lenient: PrismServer;

  beforeAll(async () => {
    [prism, lenient] = await Promise.all([startPrism(badSpec), startPrism(badSpec, { errors: false })]);
  });
  afterAll(async () => {
    await Promise.all([prism?.stop(), lenient?.stop()]);
  });

  it("with --errors: 500 #VIOLATIONS (and an sl-violations header) throws", async () => {
    const err = await expectViolation(() => checked(`${prism.url}/items/1`));
    expect(err.status).toBe(500);
    expect(err.problemType).toBe(`${PRISM_ERRORS}VIOLATIONS`);
    expect(err.slViolationsHeader).toContain("response");
    expect(err.violations).toContain("Response body property id must be integer");
  });

  it("without --errors: the 200 carries an sl-violations header, which throws", async () => {
    const raw = await fetch(`${lenient.url}/items/1`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("sl-violations")).toContain("Response body property id must be integer");
    await raw.arrayBuffer();

    const err = await expectViolation(() => checked(`${lenient.url}/items/1`));
    expect(err.status).toBe(200);
    expect(err.problemType).toBeUndefined();
    expect(err.violations).toContain("Response body property id must be integer");
  });
});

describe("Prism harness: dynamic mode", () => {
  it("generates schema-valid responses with -d --seed", async () => {
    const prism = await startPrism(goodSpec, { dynamic: true, seed: 42 });
    try {
      const res = await checked(`${prism.url}/items/7`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: unknown; name: unknown };
      expect(Number.isInteger(body.id)).toBe(true);
      expect(typeof body.name).toBe("string");
    } finally {
      await prism.stop();
    }
  });
});

describe("Prism harness: lifecycle", () => {
  it("stop() really ends the process, and is idempotent", async () => {
    const prism = await startPrism(goodSpec);
    const { pid, url } = prism;
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect((await fetch(`${url}/items/1`)).status).toBe(200);

    await prism.stop();
    await prism.stop(); // idempotent

    expect(() => process.kill(pid, 0)).toThrow();
    expect(() => process.kill(-pid, 0)).toThrow(); // no process left in its group either
    const err = await fetch(`${url}/items/1`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypeError); // "fetch failed"
    expect(String((err as { cause?: { code?: unknown } }).cause?.code)).toBe("ECONNREFUSED");
  });

  it("a spec that cannot be loaded rejects with Prism's output and leaves no process", async () => {
    const started = Date.now();
    const err = await startPrism(path.join(dir, "missing.json")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/exited .* before listening/);
    expect((err as Error).message).toContain("ENOENT");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
