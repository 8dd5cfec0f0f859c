/**
 * A cookie API key, end to end: operations of a spec whose security scheme is an apiKey in a
 * cookie name `cookieHeader` in their table (the core has no cookie code of its own), and the key
 * reaches the server as a Cookie, alone or after the operation's own cookie parameters.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";
import { json, scriptedFetch } from "./support.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
const SPEC = minimalSpec({
  servers: [{ url: "http://api.test" }],
  components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "session" } } },
  security: [{ session: [] }],
  paths: {
    "/me": { get: { operationId: "getMe", responses: ok } },
    "/themed": {
      get: {
        operationId: "getThemed",
        parameters: [{ name: "theme", in: "cookie", schema: { type: "string" } }],
        responses: ok,
      },
    },
    "/open": { get: { operationId: "getOpen", security: [], responses: ok } },
  },
});

let out: string;
let client: any;

beforeAll(async () => {
  out = path.join(tempDir("cookie-auth"), "out");
  const run = await runCli(["-q", "--spec", writeSpec(SPEC), "--out", out]);
  expect(run.stderr).toBe("");
  client = await import(path.join(out, "client", "src", "fn.ts"));
});

describe("a cookie API key", () => {
  it("is sent as the Cookie header of an operation without cookie parameters", async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const core = client.createClient({ fetch, apiKey: "s3cr3t=;x" });
    await expect(client.getMe(core)).resolves.toEqual({});
    expect(requests[0]!.headers.get("cookie")).toBe("session=s3cr3t%3D%3Bx");
  });

  it("follows the operation's own cookie parameters", async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const core = client.createClient({ fetch, apiKey: "key-1" });
    await client.getThemed(core, { theme: "dark" });
    expect(requests[0]!.headers.get("cookie")).toBe("theme=dark; session=key-1");
  });

  it("is named in the table only by operations that can send it", () => {
    const table = readFileSync(path.join(out, "client", "src", "operations.ts"), "utf8");
    const serializerOf = (id: string) => new RegExp(`operationId: "${id}",[^}]*serializeCookies: cookieHeader`).test(table);
    expect([serializerOf("getMe"), serializerOf("getThemed"), serializerOf("getOpen")]).toEqual([true, true, false]);
  });
});
