/**
 * The client side of the per-request benchmark (bundled, run in plain node): the generated
 * OrganizationApi, openapi-fetch alone and raw fetch, each sending the same requests to the
 * benchmark server over keep-alive loopback HTTP, one after the other (one in flight).
 * Warm-up, then many short rounds; in each round every client runs the same number of requests,
 * in an order that rotates from round to round, so that all three see the same machine. Each
 * round gives requests per second (wall time) and this process's CPU time per request (less
 * sensitive to a busy machine). Prints one JSON line with every round's figures.
 *
 *   node <bundle of this file> --port N [--requests 200] [--rounds 40] [--warmup 2000] [--max-ms 120000]
 */
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { OrganizationApi } from "../../generated/client/src/index.js";
import type { paths } from "../../generated/client/src/schema.js";

const { values } = parseArgs({
  options: { port: { type: "string" }, requests: { type: "string" }, rounds: { type: "string" }, warmup: { type: "string" }, "max-ms": { type: "string" } },
});
const baseUrl = `http://127.0.0.1:${Number(values.port)}`;
const perRound = Number(values.requests ?? 200);
const rounds = Number(values.rounds ?? 40);
const warmup = Number(values.warmup ?? 2000);
const maxMs = Number(values["max-ms"] ?? 120_000);
const API_KEY = "bench-api-key";
const namespace = "my-org";
const credential = {
  name: "s3-bench",
  provider_default: true,
  allowed_in_tasks: false,
  credential: { aws: { access_key_id: "AKIAIOSFODNN7EXAMPLE", secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } },
};

// Every client is built once, with its defaults (the generated one: retries and timeouts on).
const api = new OrganizationApi({ baseUrl, apiKey: API_KEY });
const client = createClient<paths>({ baseUrl, headers: { "X-TILEDB-REST-API-KEY": API_KEY } });
const listUrl = `${baseUrl}/v2/credentials/${namespace}?page=1&per_page=20`;
const addUrl = `${baseUrl}/v2/credentials/${namespace}`;

type Send = () => Promise<unknown>;

const CLIENTS: Record<string, { get: Send; post: Send }> = {
  generated: {
    get: () => api.listCredentials(namespace, { page: 1, perPage: 20 }),
    post: () => api.addCredential(namespace, credential as never),
  },
  "openapi-fetch": {
    get: async () => {
      const { data, error } = await client.GET("/v2/credentials/{namespace}", { params: { path: { namespace }, query: { page: 1, per_page: 20 } } });
      if (error !== undefined) throw new Error("GET failed");
      return data;
    },
    post: async () => {
      const { error, response } = await client.POST("/v2/credentials/{namespace}", { params: { path: { namespace } }, body: credential as never });
      if (!response.ok || error !== undefined) throw new Error("POST failed");
    },
  },
  fetch: {
    get: async () => {
      const response = await fetch(listUrl, { headers: { "X-TILEDB-REST-API-KEY": API_KEY } });
      if (!response.ok) throw new Error(`GET ${response.status}`);
      return response.json();
    },
    post: async () => {
      const response = await fetch(addUrl, {
        method: "POST",
        headers: { "X-TILEDB-REST-API-KEY": API_KEY, "Content-Type": "application/json" },
        body: JSON.stringify(credential),
      });
      if (!response.ok) throw new Error(`POST ${response.status}`);
      await response.arrayBuffer();
    },
  },
};
const NAMES = Object.keys(CLIENTS);

/** Wall time and this process's CPU time of n requests, one after the other. */
async function timed(send: Send, n: number): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) await send();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const deadline = performance.now() + maxMs;
const result: Record<string, Record<string, number[]>> = {};
const cpu: Record<string, Record<string, number[]>> = {};
for (const op of ["get", "post"] as const) {
  result[op] = Object.fromEntries(NAMES.map((n) => [n, []]));
  cpu[op] = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (const name of NAMES) await timed(CLIENTS[name]![op], warmup);
  for (let r = 0; r < rounds; r++) {
    // At least 3 rounds; more while time allows.
    if (r >= 3 && performance.now() > deadline) break;
    const order = NAMES.map((_, i) => NAMES[(i + r) % NAMES.length]!);
    for (const name of order) {
      const { ms, cpuMs } = await timed(CLIENTS[name]![op], perRound);
      result[op]![name]!.push((perRound * 1000) / ms);
      cpu[op]![name]!.push((cpuMs * 1000) / perRound);
    }
  }
}
process.stdout.write(`${JSON.stringify({ perRound, warmup, rps: result, cpuMicros: cpu })}\n`);
