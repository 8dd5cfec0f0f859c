/**
 * `verify --server`: the calls go through Prism's validating proxy to a real server. The server
 * (planted-server.ts, node:http) breaks test/fixtures/verify/planted/openapi.yaml in known ways, and each
 * planted violation must be reported against its operation; the operations it serves as
 * documented must pass; unsafe methods are sent only with --unsafe; the API key comes from the
 * environment, reaches the server, and is never printed.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import type { VerifyReport } from "../../scripts/verify/verify.js";
import { runCli } from "../support/run.js";
import { startPlantedServer, type PlantedServer } from "./planted-server.js";

const SPEC = path.join(REPO_ROOT, "test", "fixtures", "verify", "planted", "openapi.yaml");
const API_KEY = "planted-key-5f1c9e2a7b";

let server: PlantedServer;
let url: string;
let received: PlantedServer["received"];

beforeAll(async () => {
  server = await startPlantedServer(API_KEY);
  url = server.url;
  received = server.received;
});

afterAll(async () => {
  await server.close();
});

function callsOf(report: VerifyReport, methodName: string) {
  const op = report.operations.find((o) => o.methodName === methodName);
  expect(op, methodName).toBeDefined();
  return op!;
}

describe("verify --server against a server that breaks its spec", () => {
  let report: VerifyReport;
  let output: string;
  let status: number;

  beforeAll(async () => {
    const run = await runCli(["verify", "--spec", SPEC, "--server", url, "--json", "-q"], { env: { VERIFY_API_KEY: API_KEY } });
    status = run.status;
    output = run.output;
    report = JSON.parse(run.stdout) as VerifyReport;
  });

  it("exits 1: there are violations", () => {
    expect(status, output).toBe(1);
    expect(report.mode).toBe("proxy");
  });

  it("finds the body that does not match its schema", () => {
    const getItem = callsOf(report, "getItem");
    expect(getItem.calls.map((c) => c.verdict)).toEqual(["violation"]);
    expect(getItem.calls[0]!.source).toBe("prism");
    expect(getItem.calls[0]!.message).toMatch(/must have required property 'name'/);
    expect(getItem.calls[0]!.message).toMatch(/id must be integer/);
  });

  it("finds the undocumented status", () => {
    const getStatus = callsOf(report, "getStatus");
    expect(getStatus.calls.map((c) => c.verdict)).toEqual(["violation"]);
    expect(getStatus.calls[0]!.status).toBe(418);
    expect(getStatus.calls[0]!.message).toMatch(/Unable to match the returned status code with those defined in the document: 200/);
  });

  it("finds the header of the wrong type", () => {
    const getRate = callsOf(report, "getRate");
    expect(getRate.calls.map((c) => c.verdict)).toEqual(["violation"]);
    expect(getRate.calls[0]!.message).toMatch(/x-rate-limit/i);
    expect(getRate.calls[0]!.message).toMatch(/integer/);
  });

  it("finds the body that is not the documented media type", () => {
    const getReport = callsOf(report, "getReport");
    expect(getReport.calls.map((c) => c.verdict)).toEqual(["violation"]);
    expect(getReport.calls[0]!.message).toMatch(/text\/plain|content type|media type/i);
  });

  it("passes the operation the server answers as documented, with and without its optional argument", () => {
    const listItems = callsOf(report, "listItems");
    expect(listItems.calls.map((c) => [c.kind, c.status, c.verdict])).toEqual([
      ["required", 200, "ok"],
      ["optional", 200, "ok"],
    ]);
    expect(received).toContainEqual({ method: "GET", path: "/items", apiKey: API_KEY });
  });

  it("sends no unsafe method without --unsafe, and lists those operations as skipped", () => {
    for (const name of ["createItem", "deleteItem"]) {
      const op = callsOf(report, name);
      expect(op.calls).toEqual([]);
      expect(op.skipped).toEqual([{ what: "operation", reason: expect.stringMatching(/--unsafe/) }]);
    }
    expect(received.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("forces no status against a real server, and counts what it did", () => {
    expect(report.operations.flatMap((o) => o.calls).filter((c) => c.kind === "status")).toEqual([]);
    expect(report.counts).toEqual({ operations: 7, calls: 6, violations: 4, skipped: 2 });
  });

  it("reads the key from VERIFY_API_KEY, says it is set, and never prints it", () => {
    expect(report.credentials).toEqual([{ option: "apiKey", variable: "VERIFY_API_KEY", set: true }]);
    expect(received.filter((r) => r.method === "GET").every((r) => r.apiKey === API_KEY)).toBe(true);
    expect(output).not.toContain(API_KEY);
  });
});

describe("verify --server --unsafe", () => {
  it("also sends POST and DELETE, and finds the planted 500; the table names each violation", async () => {
    const run = await runCli(["verify", "--spec", SPEC, "--server", url, "--unsafe", "-q"], { env: { VERIFY_API_KEY: API_KEY } });
    expect(run.status, run.output).toBe(1);
    expect(run.stdout).toMatch(/^DefaultApi\.createItem\s+required arguments\s+201\s+ok$/m);
    expect(run.stdout).toMatch(/^DefaultApi\.deleteItem\s+required arguments\s+500\s+violation$/m);
    expect(run.stdout).toMatch(/Unable to match the returned status code with those defined in the document: 204,401/);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("verify: 7 operations, 8 calls, 5 violations, 0 skipped");
    expect(run.output).not.toContain(API_KEY);
  });

  it("without the key in the environment, the report says the variable is not set and Prism refuses every call", async () => {
    const before = received.length;
    const run = await runCli(["verify", "--spec", SPEC, "--server", url, "-q"], { env: {} });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("credentials: VERIFY_API_KEY (not set)");
    expect(run.stdout).toMatch(/^DefaultApi\.listItems\s+required arguments\s+401\s+violation$/m);
    expect(run.stdout).toContain("prism: Invalid security scheme used");
    expect(received.length).toBe(before); // nothing reached the server
  });
});
