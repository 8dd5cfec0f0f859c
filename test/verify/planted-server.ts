/**
 * A node:http server that breaks test/fixtures/verify/planted/openapi.yaml in known ways (each
 * operation's description in the spec says how): the real server of `verify --server`'s tests.
 * Run on its own (`tsx test/verify/planted-server.ts [port]`) it prints its URL, for trying
 * `make verify SPEC=test/fixtures/verify/planted/openapi.yaml SERVER=<url>` by hand.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface PlantedServer {
  url: string;
  /** Every request received: method, path and the API key it carried. */
  received: { method: string; path: string; apiKey: string | undefined }[];
  close(): Promise<void>;
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers });
  res.end(text);
}

/** Starts the server on 127.0.0.1 (port 0: a free one); requests without `apiKey` get 401. */
export async function startPlantedServer(apiKey: string, port = 0): Promise<PlantedServer> {
  const received: PlantedServer["received"] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const { pathname } = new URL(req.url ?? "/", "http://localhost");
      const key = req.headers["x-api-key"] as string | undefined;
      received.push({ method: req.method ?? "", path: pathname, apiKey: key });
      if (key !== apiKey) return reply(res, 401, { message: "wrong key" });
      const route = `${req.method} ${pathname.replace(/\/\d+$/, "/{id}")}`;
      switch (route) {
        case "GET /items":
          return reply(res, 200, [{ id: 1, name: "one" }]);
        case "POST /items":
          return reply(res, 201, { id: 2, name: "two" });
        case "GET /items/{id}":
          return reply(res, 200, { id: "seven" }); // planted: wrong type, required name missing
        case "DELETE /items/{id}":
          return reply(res, 500, { message: "boom" }); // planted: undocumented status
        case "GET /status":
          return reply(res, 418, { up: true }); // planted: undocumented status
        case "GET /rate":
          return reply(res, 200, { ok: true }, { "x-rate-limit": "lots" }); // planted: header not an integer
        case "GET /report":
          return reply(res, 200, "lines: 3", { "content-type": "text/plain" }); // planted: not JSON
        default:
          return reply(res, 404, { message: `no route ${route}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await startPlantedServer(process.env.VERIFY_API_KEY ?? "planted-key", Number(process.argv[2] ?? 0));
  process.stdout.write(`${server.url}\n`);
}
