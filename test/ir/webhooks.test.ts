/** Webhooks (3.1) and callbacks (3.0): documented, their payload types exported, never dropped. */
import { describe, expect, it } from "vitest";
import { withCallbacks } from "../../scripts/ir/webhooks.js";
import { minimalSpec, op, warningsOf } from "../support/spec.js";

const payload = (ref: string) => ({
  requestBody: { required: true, content: { "application/json": { schema: { $ref: ref } } } },
  responses: { "200": { description: "received" } },
});

describe("webhooks and callbacks", () => {
  it("a webhooks-only 3.1 document: payload types exported, one webhook per method, no API class", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({
        paths: undefined,
        webhooks: {
          newPet: {
            post: { summary: "A pet was added", ...payload("#/components/schemas/Pet") },
            delete: { responses: { "204": { description: "gone" } } },
          },
        },
        components: { schemas: { Pet: { type: "object", properties: { id: { type: "integer" } } } } },
      }),
    );
    expect(warnings.map((w) => w.code)).toEqual(["no-operations"]);
    expect(ir.apis).toEqual([]);
    expect(ir.webhooks.map((w) => [w.name, w.httpMethodUpper, w.payload ? w.typeName : undefined])).toEqual([
      ["newPet", "POST", "NewPetWebhookPayload"],
      ["newPet", "DELETE", undefined],
    ]);
    expect(ir.webhooks[0]!.payload).toMatchObject({
      mediaType: "application/json",
      required: true,
      typeExpr: 'Readable<NonNullable<webhooks["newPet"]["post"]["requestBody"]>["content"]["application/json"]>',
      typeLabel: { text: "Pet" },
    });
    expect(ir.webhooks[0]!.responses).toEqual([{ status: "200", description: "received" }]);
  });

  it("a callback is documented with its operation and URL expression, and typed as one more webhook", async () => {
    const spec = minimalSpec({
      openapi: "3.0.3",
      paths: {
        "/subscribe": {
          post: op("subscribe", { callbacks: { onEvent: { "{$request.body#/url}": { post: payload("#/components/schemas/Event") } } } }),
        },
      },
      components: { schemas: { Event: { type: "object" } } },
    });
    const { ir, warnings } = await warningsOf(spec);
    expect(warnings).toEqual([]);
    const key = "POST /subscribe callback onEvent {$request.body#/url}";
    expect(ir.webhooks).toMatchObject([
      {
        name: key,
        callback: { operationPath: "/subscribe", operationMethod: "POST", name: "onEvent", expression: "{$request.body#/url}" },
        typeName: "OnEventCallbackPayload",
        payload: {
          typeExpr: `Readable<NonNullable<webhooks[${JSON.stringify(key)}]["post"]["requestBody"]>["content"]["application/json"]>`,
        },
      },
    ]);
    // What openapi-typescript prints: the callback's path item under that key (the spec itself is not changed).
    const printed = withCallbacks(spec as Record<string, any>);
    expect(Object.keys(printed.webhooks)).toEqual([key]);
    expect((spec as Record<string, any>).webhooks).toBeUndefined();
  });

  it("payload types claim their exported names after the models (numbered on a clash, warned)", async () => {
    const { ir, warnings } = await warningsOf(
      minimalSpec({
        paths: { "/a": { get: op("a") } },
        webhooks: { newPet: { post: payload("#/components/schemas/NewPetWebhookPayload") } },
        components: { schemas: { NewPetWebhookPayload: { type: "object" } } },
      }),
    );
    expect(warnings.map((w) => w.code)).toEqual(["exported-name-collision"]);
    expect(ir.webhooks[0]!.typeName).toBe("NewPetWebhook2Payload");
  });
});
