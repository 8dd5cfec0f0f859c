/**
 * Run by load.test.ts in its own Node process: 1,000 concurrent calls through the generated client
 * against a local server, then close the server and print a summary. It never calls
 * process.exit: the parent checks that the process ends by itself (nothing left open).
 */
import { OrganizationApi } from "../../generated/client/src/index.js";
import { sendJson, startServer } from "./support.js";

const calls = Number(process.env.LOAD_CALLS ?? 1000);
const server = await startServer((_req, res, seen) => sendJson(res, 200, { name: decodeURIComponent(seen.url.split("/").pop()!) }));
// The default 60 s attempt timeout: a timer left behind would keep this process alive past the
// parent's deadline (30 s after this summary).
const api = new OrganizationApi({ baseUrl: server.url, apiKey: "load-key" });
const results = await Promise.allSettled(Array.from({ length: calls }, (_, i) => api.getCredential("my-org", `cred ${i}`)));
await server.close();
const failed = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
const wrong = results.filter((r, i) => r.status === "fulfilled" && r.value.name !== `cred ${i}`).length;
const summary = {
  calls,
  succeeded: results.length - failed.length,
  wrong,
  failed: failed.slice(0, 5),
  served: server.requests.length,
  resourcesAfterClose: process.getActiveResourcesInfo(),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
