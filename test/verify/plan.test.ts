/** What verify asks of each operation: the status forced for each documented response, and the calls' arguments. */
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../scripts/load/load.js";
import { buildIr } from "../../scripts/ir/build.js";
import { Planner, statusToForce, unforcedMockStatus } from "../../scripts/verify/plan.js";
import { minimalSpec, op, writeSpec } from "../support/spec.js";

describe("statusToForce", () => {
  it.each([
    { documented: "404", all: ["200", "404"], want: 404 },
    { documented: "4XX", all: ["200", "4XX"], want: 400 },
    { documented: "4XX", all: ["200", "400", "401", "4XX"], want: 402 },
    { documented: "5XX", all: ["200", "5XX"], want: 500 },
    { documented: "default", all: ["200", "default"], want: 500 },
    { documented: "default", all: ["200", "500", "default"], want: 503 },
    { documented: "default", all: ["200", "5XX", "default"], want: 400 },
    { documented: "304", all: ["200", "304"], want: 304 },
  ])("$documented among $all: $want", ({ documented, all, want }) => {
    expect(statusToForce(documented, all)).toBe(want);
  });

  it.each([
    { documented: "101", want: /informational/ },
    { documented: "1XX", want: /informational/ },
    { documented: "600", want: /200-599/ },
    { documented: "407", want: /network error/ },
  ])("$documented cannot be forced: $want", ({ documented, want }) => {
    expect(statusToForce(documented, [documented])).toEqual({ reason: expect.stringMatching(want) });
  });
});

describe("unforcedMockStatus: what Prism's mock answers when no status is asked for", () => {
  it.each([
    { documented: ["404", "201", "200"], want: 200 },
    { documented: ["404", "2XX"], want: 200 },
    { documented: ["404", "default"], want: 200 },
    { documented: ["407", "404"], want: 407 },
    { documented: ["4XX"], want: 400 },
    { documented: ["101"], want: 101 },
    { documented: [], want: undefined },
  ])("$documented: $want", ({ documented, want }) => {
    expect(unforcedMockStatus(documented)).toBe(want);
  });
});

describe("Planner", () => {
  it("calls with the method's arguments in order: positional parameters, the body, the options", async () => {
    const spec = await loadSpec(
      writeSpec(
        minimalSpec({
          paths: {
            "/orgs/{org}/items": {
              post: op("addItem", {
                parameters: [
                  { name: "org", in: "path", required: true, schema: { type: "string", pattern: "^[a-z]{3}$" } },
                  { name: "X-Trace", in: "header", required: true, schema: { type: "string", format: "uuid" } },
                  { name: "dry_run", in: "query", schema: { type: "boolean" } },
                  { name: "old_flag", in: "query", deprecated: true, schema: { type: "boolean" } },
                ],
                requestBody: {
                  required: true,
                  content: {
                    "application/json": {
                      schema: {
                        type: "object",
                        required: ["name"],
                        properties: {
                          id: { type: "integer", readOnly: true },
                          name: { type: "string" },
                          size: { type: "integer", minimum: 3 },
                        },
                      },
                    },
                  },
                },
                responses: { "201": { description: "created" }, "4XX": { description: "client error" }, default: { description: "error" } },
              }),
            },
          },
        }),
      ),
    );
    const ir = buildIr(spec);
    const plan = new Planner(spec.document).planOperation(ir.operations[0]!, "DefaultApi", {
      statuses: true,
      allowMethod: () => true,
      unsafeReason: "",
    });
    const org = plan.calls[0]!.args[0] as string;
    expect(org).toMatch(/^[a-z]{3}$/);
    expect(plan.calls.map((c) => [c.kind, c.prefer, c.documented])).toEqual([
      ["required", undefined, undefined],
      ["optional", undefined, undefined],
      ["status", 201, "201"],
      ["status", 400, "4XX"],
      ["status", 500, "default"],
    ]);
    expect(plan.calls[0]!.args).toEqual([org, "3f2504e0-4f89-41d3-9a0c-0305e82c3301", { name: "verify" }, {}]);
    // Every optional argument, except the deprecated parameter; never the readOnly property.
    expect(plan.calls[1]!.args).toEqual([org, "3f2504e0-4f89-41d3-9a0c-0305e82c3301", { name: "verify", size: 3 }, { dryRun: true }]);
    expect(plan.skipped).toEqual([]);
  });

  it("a required deepObject form field whose required-only value is {} gets its properties (deepObject cannot send {})", async () => {
    const spec = await loadSpec(
      writeSpec(
        minimalSpec({
          paths: {
            "/configurations": {
              post: op("createConfiguration", {
                requestBody: {
                  required: true,
                  content: {
                    "application/x-www-form-urlencoded": {
                      schema: {
                        type: "object",
                        required: ["profile", "plain"],
                        properties: {
                          profile: { type: "object", properties: { headline: { type: "string", enum: ["hi"] } } },
                          plain: { type: "object", properties: { note: { type: "string", enum: ["x"] } } },
                        },
                      },
                      encoding: { profile: { style: "deepObject", explode: true } },
                    },
                  },
                },
              }),
            },
          },
        }),
      ),
    );
    const plan = new Planner(spec.document).planOperation(buildIr(spec).operations[0]!, "DefaultApi", {
      statuses: false,
      allowMethod: () => true,
      unsafeReason: "",
    });
    // `plain` has no style: an empty object goes as JSON text `{}`, which is sendable.
    expect(plan.calls[0]!.args[0]).toEqual({ profile: { headline: "hi" }, plain: {} });
  });

  it("leaves out the second call when nothing is optional, and skips what a method filter refuses", async () => {
    const spec = await loadSpec(writeSpec(minimalSpec({ paths: { "/a": { get: op("getA"), delete: op("deleteA") } } })));
    const ir = buildIr(spec);
    const planner = new Planner(spec.document);
    const options = { statuses: false, allowMethod: (m: string) => m === "GET", unsafeReason: "not safe" };
    const byId = Object.fromEntries(ir.operations.map((o) => [o.operationId, planner.planOperation(o, "DefaultApi", options)]));
    expect(byId.getA!.calls.map((c) => c.kind)).toEqual(["required"]);
    expect(byId.deleteA!.calls).toEqual([]);
    expect(byId.deleteA!.skipped).toEqual([{ what: "operation", reason: "not safe" }]);
  });

  it("skips what the mock cannot answer or no request can be authorised for, and notes a oneOf no value fits alone", async () => {
    const overlapping = {
      oneOf: [
        { type: "object", properties: { a: { type: "string" } } },
        { type: "object", properties: { b: { type: "string" } } },
      ],
    };
    const spec = await loadSpec(
      writeSpec(
        minimalSpec({
          paths: {
            "/continue": { get: op("getContinue", { responses: { "100": { description: "continue" } } }) },
            "/proxy": { get: op("getProxy", { responses: { "407": { description: "proxy auth" }, "500": { description: "error" } } }) },
            "/silent": { post: { operationId: "postSilent" } },
            "/both": { get: op("getBoth", { security: [{ basic: [], bearer: [] }] }) },
            "/either": { get: op("getEither", { security: [{ basic: [], bearer: [] }, { key: [] }] }) },
            "/pick": {
              post: op("postPick", { requestBody: { required: true, content: { "application/json": { schema: overlapping } } } }),
            },
          },
          components: {
            securitySchemes: {
              basic: { type: "http", scheme: "basic" },
              bearer: { type: "http", scheme: "bearer" },
              key: { type: "apiKey", in: "header", name: "X-Key" },
            },
          },
        }),
      ),
    );
    const ir = buildIr(spec);
    const planner = new Planner(spec.document);
    const options = { statuses: true, allowMethod: () => true, unsafeReason: "" };
    const byId = Object.fromEntries(
      ir.operations.map((o) => [o.operationId, planner.planOperation(o, "DefaultApi", options, ir.securitySchemes)]),
    );
    expect(byId.getContinue!.calls).toEqual([]);
    expect(byId.getContinue!.skipped.map((s) => s.what)).toEqual(["required arguments", "100"]);
    expect(byId.getProxy!.skipped).toEqual([
      { what: "required arguments", reason: expect.stringMatching(/^Prism's mock answers 407 .*network error/) },
      { what: "407", reason: expect.stringMatching(/network error/) },
    ]);
    expect(byId.getProxy!.calls.map((c) => c.prefer)).toEqual([500]);
    expect(byId.postSilent!.skipped).toEqual([{ what: "operation", reason: expect.stringMatching(/documents no response/) }]);
    expect(byId.getBoth!.skipped).toEqual([
      { what: "operation", reason: expect.stringMatching(/one Authorization header \(e.g. basic and bearer\)/) },
    ]);
    expect(byId.getEither!.skipped).toEqual([]);
    expect(byId.postPick!.calls[0]!.ambiguousOneOf).toEqual(["overlap"]);
    expect(byId.getEither!.calls[0]!.ambiguousOneOf).toBeUndefined();
  });
});
