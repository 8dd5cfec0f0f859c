// The HTTP server of the per-request benchmark, in its own process (so it does not share the
// clients' event loop): 127.0.0.1 only, keep-alive, fixed answers. GET answers a fixed JSON page
// of credentials; any other method reads the body and answers 204. Prints `{"port":N}` once
// listening; exits when its parent closes stdin, and in any case after BENCH_SERVER_MAX_MS.
import http from "node:http";

const page = JSON.stringify({
  credentials: Array.from({ length: 3 }, (_, i) => ({
    name: `credential-${i}`,
    provider: "AWS",
    provider_default: i === 0,
    created_at: "2024-01-02T03:04:05Z",
    updated_at: "2024-01-02T03:04:05Z",
    allowed_in_tasks: false,
    credential: { aws: { access_key_id: `AKIAEXAMPLE${i}` } },
  })),
  pagination_metadata: { page: 1, per_page: 20, total_items: 3, total_pages: 1 },
});
const pageLength = Buffer.byteLength(page);

const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": pageLength });
    res.end(page);
    return;
  }
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(204);
    res.end();
  });
});
// Longer than any pause of a client between two batches on a busy machine (a closed socket: ECONNRESET).
server.keepAliveTimeout = 600_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
setTimeout(() => process.exit(0), Number(process.env.BENCH_SERVER_MAX_MS ?? 600_000)).unref();
