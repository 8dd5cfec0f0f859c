/**
 * The client side of the per-request benchmark (bundled, run in plain node): one client (the
 * generated OrganizationApi, openapi-fetch alone or raw fetch) sends the same requests to the
 * benchmark server over keep-alive loopback HTTP, one after the other (one in flight). One client
 * per process, as in an application: in a process shared by the three, each one's speed depended
 * on what the others had run before (V8 and undici specialise their code for the argument shapes
 * they see).
 *
 * With `--serve`, it waits for commands on stdin, one JSON line each (`{"op":"get","n":250}`), runs
 * n requests and answers one JSON line: their wall time and this process's CPU time. The parent
 * (requests.ts) keeps one such process per client and alternates short batches between them, so
 * that the three clients see the same moments of a busy machine. Without `--serve`: a warm-up,
 * then a timed run, for a GET and then a POST (or `--operation` only, e.g. under `node --cpu-prof`),
 * printed as one JSON line.
 *
 *   node <bundle of this file> --port N --client generated|openapi-fetch|fetch --serve
 *   node <bundle of this file> --port N --client ... [--requests 1500] [--warmup 4000] [--operation get|post]
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { OrganizationApi } from "../../generated/client/src/index.js";
import type { paths } from "../../generated/client/src/schema.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    client: { type: "string" },
    requests: { type: "string" },
    warmup: { type: "string" },
    operation: { type: "string" },
    serve: { type: "boolean" },
  },
});
const baseUrl = `http://127.0.0.1:${Number(values.port)}`;
const requests = Number(values.requests ?? 1500);
const warmup = Number(values.warmup ?? 4000);
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
      const { data, error } = await client.GET("/v2/credentials/{namespace}", {
        params: { path: { namespace }, query: { page: 1, per_page: 20 } },
      });
      if (error !== undefined) throw new Error("GET failed");
      return data;
    },
    post: async () => {
      const { error, response } = await client.POST("/v2/credentials/{namespace}", {
        params: { path: { namespace } },
        body: credential as never,
      });
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

/** Wall time and this process's CPU time of n requests, one after the other. */
async function timed(send: Send, n: number): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) await send();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const name = values.client ?? "";
const chosen = CLIENTS[name];
if (!chosen) throw new Error(`--client must be one of ${Object.keys(CLIENTS).join(", ")}, not "${name}"`);
if (values.serve) {
  for await (const line of createInterface({ input: process.stdin })) {
    const { op, n } = JSON.parse(line) as { op: "get" | "post"; n: number };
    process.stdout.write(`${JSON.stringify(await timed(chosen[op], n))}\n`);
  }
} else {
  const result: Record<string, { rps: number; cpuMicros: number }> = {};
  const operations = values.operation ? [values.operation as "get" | "post"] : (["get", "post"] as const);
  for (const op of operations) {
    await timed(chosen[op], warmup);
    const { ms, cpuMs } = await timed(chosen[op], requests);
    result[op] = { rps: (requests * 1000) / ms, cpuMicros: (cpuMs * 1000) / requests };
  }
  process.stdout.write(`${JSON.stringify({ client: name, requests, warmup, ...result })}\n`);
}
