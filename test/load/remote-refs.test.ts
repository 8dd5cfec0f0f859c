/**
 * Remote `$ref`s against a real HTTP server on 127.0.0.1: never fetched by default (the server
 * sees no request), fetched with `--allow-remote-refs` (with a notice), bounded by a time limit and
 * the size limit, and never outside http(s), not even through a redirect.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../support/output.js";
import { runCli } from "../support/run.js";
import { minimalSpec, op, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const PET = JSON.stringify({
  Pet: { type: "object", required: ["id"], properties: { id: { type: "string" }, owner: { $ref: "./owner.json" } } },
});
const OWNER = JSON.stringify({ type: "object", properties: { name: { type: "string" } } });

let server: Server;
let base: string;
const requests: string[] = [];
/** Responses that never end, closed when the tests are done. */
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? "");
    if (request.url === "/pet.json") response.writeHead(200, { "content-type": "application/json" }).end(PET);
    else if (request.url === "/owner.json") response.writeHead(200, { "content-type": "application/json" }).end(OWNER);
    else if (request.url === "/slow.json") hanging.push(response);
    else if (request.url === "/slow-body.json") {
      response.writeHead(200, { "content-type": "application/json" }).write('{"type": ');
      hanging.push(response);
    } else if (request.url === "/huge.json") {
      // An endless body: the size limit must stop it.
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = `"${"x".repeat(64 * 1024)}",`;
      response.write("[");
      const pump = () => {
        while (response.write(chunk)) if (response.destroyed) return;
        response.once("drain", pump);
      };
      response.on("error", () => {});
      pump();
    } else if (request.url === "/to-file.json") response.writeHead(302, { location: "file:///etc/hostname" }).end();
    else response.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A spec whose one operation returns the schema at `ref`. */
function specWithRef(ref: string): string {
  return writeSpec(
    minimalSpec({
      paths: {
        "/pets": {
          get: op("listPets", { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: ref } } } } } }),
        },
      },
    }),
  );
}

function codes(stderr: string): string[] {
  return [...stderr.matchAll(/^error \[([^\]]+)\]/gm)].map((m) => m[1]!);
}

describe("remote $refs", () => {
  it("are refused by default, located, and nothing is fetched", async () => {
    const spec = specWithRef(`${base}/pet.json#/Pet`);
    const out = path.join(tempDir("remote"), "out");
    const before = requests.length;
    const run = await runCli(["--spec", spec, "--out", out]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /^error \[remote-ref\] .*openapi\.yaml:\d+:\d+ #\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: the \$ref points at a remote file \(http:\/\/127\.0\.0\.1:\d+\/pet\.json\)/m,
    );
    expect(run.stderr).toContain("--allow-remote-refs");
    expect(requests.length).toBe(before);
    expect(hashTree(out)).toEqual({});
  });

  it("are fetched with --allow-remote-refs, relative $refs inside them too, each with a notice", async () => {
    const spec = specWithRef(`${base}/pet.json#/Pet`);
    const out = path.join(tempDir("remote"), "out");
    const run = await runCli(["--spec", spec, "--out", out, "--allow-remote-refs"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`notice: fetched ${base}/pet.json (${PET.length} bytes) for a $ref (--allow-remote-refs)`);
    expect(run.stderr).toContain(`notice: fetched ${base}/owner.json`);
    expect(requests).toContain("/owner.json");
    expect(Object.keys(hashTree(out))).toContain("client/src/schema.ts");
  });

  it("a server that does not answer: refused after --remote-ref-timeout", async () => {
    for (const url of ["/slow.json", "/slow-body.json"]) {
      const run = await runCli([
        "--spec",
        specWithRef(`${base}${url}`),
        "--out",
        path.join(tempDir("remote"), "out"),
        "--allow-remote-refs",
        "--remote-ref-timeout",
        "300",
      ]);
      expect(run.status, run.stderr).toBe(2);
      expect(codes(run.stderr)).toEqual(["remote-ref-failed"]);
      expect(run.stderr).toMatch(/within 300 ms/);
      expect(run.stderr).toContain("--remote-ref-timeout (now 300)");
    }
  });

  it("an endless body: refused at --max-spec-bytes", async () => {
    const run = await runCli([
      "--spec",
      specWithRef(`${base}/huge.json`),
      "--out",
      path.join(tempDir("remote"), "out"),
      "--allow-remote-refs",
      "--max-spec-bytes",
      "1000000",
    ]);
    expect(run.status, run.stderr).toBe(2);
    expect(codes(run.stderr)).toEqual(["spec-too-large"]);
    expect(run.stderr).toContain(`${base}/huge.json`);
  });

  it("a 404 and a redirect to file:// are refused with what happened", async () => {
    const missing = await runCli([
      "--spec",
      specWithRef(`${base}/nothing.json`),
      "--out",
      path.join(tempDir("remote"), "out"),
      "--allow-remote-refs",
    ]);
    expect(missing.status, missing.stderr).toBe(2);
    expect(codes(missing.stderr)).toEqual(["remote-ref-failed"]);
    expect(missing.stderr).toContain("the server answered 404");
    const redirected = await runCli([
      "--spec",
      specWithRef(`${base}/to-file.json`),
      "--out",
      path.join(tempDir("remote"), "out"),
      "--allow-remote-refs",
    ]);
    expect(redirected.status, redirected.stderr).toBe(2);
    expect(codes(redirected.stderr)).toEqual(["remote-ref-failed"]);
    expect(redirected.stderr).not.toMatch(/internal error/);
  });

  it("other schemes are refused even with --allow-remote-refs", async () => {
    for (const ref of ["file:///etc/hostname", "ftp://127.0.0.1/pet.json", "data:application/json,{}"]) {
      const run = await runCli(["--spec", specWithRef(ref), "--out", path.join(tempDir("remote"), "out"), "--allow-remote-refs"]);
      expect(run.status, run.stderr).toBe(2);
      expect(codes(run.stderr), ref).toEqual(["unsupported-ref-scheme"]);
    }
  });
});
