/**
 * The generated OrganizationApi client against a real Prism mock server built from spec/:
 * every operation with required arguments only and with every optional argument, every
 * documented status forced with `Prefer: code=...`. Any violation Prism reports (a problem
 * response, or an `sl-violations` header) fails the test, so a client that drifts from the
 * spec fails here.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, OrganizationApi, type ClientConfig, observability } from "../../generated/client/src/index.js";
import { buildIr } from "../../scripts/ir/build.js";
import { loadSpec } from "../../scripts/load/load.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { PrismViolationError, startPrism, violationCheckingFetch, type PrismServer } from "../support/prism.js";

const SPEC = path.join(REPO_ROOT, "spec", "openapi.yaml");
const ir = buildIr(await loadSpec(SPEC));

let prism: PrismServer;
/** Every URL the client requested, to check what went on the wire. */
const sent: { method: string; url: string; headers: Headers }[] = [];

function client(config: Partial<ClientConfig> = { apiKey: "test-api-key" }): OrganizationApi {
  const checked = violationCheckingFetch();
  return new OrganizationApi(
    {
      baseUrl: prism.url,
      // Statuses are forced here: a retry would only ask Prism for the same answer again.
      maxRetries: 0,
      fetch: async (request: Request) => {
        sent.push({ method: request.method, url: request.url, headers: request.headers });
        return checked(request);
      },
      ...config,
    },
    observability,
  );
}

const awsCredential = {
  name: "s3-prod",
  provider_default: true,
  allowed_in_tasks: false,
  credential: { aws: { access_key_id: "AKIAIOSFODNN7EXAMPLE", secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } },
};

/** Per operation: a call with required arguments only, and one with every optional argument. */
type Call = (api: OrganizationApi, headers?: Record<string, string>) => Promise<unknown>;
const CALLS: Record<string, { required: Call; everything: Call; query?: string }> = {
  addCredential: {
    required: (api, headers) => api.addCredential("my-org", awsCredential, { headers }),
    everything: (api, headers) =>
      api.addCredential("my-org", awsCredential, {
        provider: "AWS",
        type: "key",
        page: 1,
        perPage: 20,
        headers,
        signal: new AbortController().signal,
      }),
    query: "provider=AWS&type=key&page=1&per_page=20",
  },
  listCredentials: {
    required: (api, headers) => api.listCredentials("my-org", { headers }),
    everything: (api, headers) =>
      api.listCredentials("my-org", {
        provider: "AZURE",
        type: "token",
        page: 2,
        perPage: 5,
        headers,
        signal: new AbortController().signal,
      }),
    query: "provider=AZURE&type=token&page=2&per_page=5",
  },
  getCredential: {
    required: (api, headers) => api.getCredential("my-org", "s3-prod", { headers }),
    everything: (api, headers) => api.getCredential("my-org", "s3-prod", { headers, signal: new AbortController().signal }),
  },
  updateCredential: {
    required: (api, headers) => api.updateCredential("my-org", "s3-prod", { allowed_in_tasks: true }, { headers }),
    everything: (api, headers) =>
      api.updateCredential("my-org", "s3-prod", awsCredential, { headers, signal: new AbortController().signal }),
  },
  deleteCredential: {
    required: (api, headers) => api.deleteCredential("my-org", "s3-prod", { headers }),
    everything: (api, headers) => api.deleteCredential("my-org", "s3-prod", { headers, signal: new AbortController().signal }),
  },
};

/** A status Prism can be asked for: `default` is any undeclared one. */
const forcedCode = (status: string) => (status === "default" ? "500" : status.replace(/XX$/, "00"));

beforeAll(async () => {
  prism = await startPrism(SPEC);
});

afterAll(async () => {
  await prism?.stop();
});

describe("the contract test covers the spec", () => {
  it("has calls for every operation of the spec, and no others", () => {
    expect(Object.keys(CALLS).sort()).toEqual(ir.operations.map((o) => o.methodName).sort());
  });
});

describe.each(ir.operations.map((o) => [o.methodName, o] as const))("%s", (methodName, operation) => {
  const calls = CALLS[methodName]!;

  it("succeeds with required arguments only", async () => {
    const result = await calls.required(client());
    if (operation.resultIsVoid) expect(result).toBeUndefined();
    else expect(result).toBeTypeOf("object");
  });

  it("succeeds with every optional argument, and sends them", async () => {
    const before = sent.length;
    await calls.everything(client());
    const request = sent[before]!;
    expect(request.method).toBe(operation.httpMethodUpper);
    if (calls.query) expect(new URL(request.url).search).toBe(`?${calls.query}`);
    expect(request.headers.get("X-TILEDB-REST-API-KEY")).toBe("test-api-key");
  });

  it.each(operation.responses.map((r) => [r.status, r] as const))("answers status %s as the spec says", async (status, response) => {
    const code = forcedCode(status);
    const call = calls.required(client(), { Prefer: `code=${code}` });
    if (response.isSuccess) {
      const result = await call;
      if (response.typeExpr) expect(result).toBeTypeOf("object");
      else expect(result).toBeUndefined();
      return;
    }
    const error = await call.then(
      () => expect.unreachable("a non-2xx status must throw"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError<{ code?: number; message?: string; request_id?: string } | undefined>;
    expect(apiError.status).toBe(Number(code));
    expect(apiError.method).toBe(operation.httpMethodUpper);
    expect(apiError.path).toBe(operation.path);
    if (response.typeExpr) {
      // The default response carries the Error model.
      expect(apiError.body).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
      // The message says the operation and the status; the server's own message is in the body.
      expect(apiError.message).toContain(
        `${operation.operationId} (${operation.httpMethodUpper} ${operation.path}) failed with status ${code}`,
      );
    } else {
      expect(apiError.body).toBeUndefined();
    }
  });
});

describe("authentication from the spec's security schemes", () => {
  it("sends HTTP basic credentials", async () => {
    const before = sent.length;
    const page = await client({ username: "alice", password: "s3cr3t" }).listCredentials("my-org");
    expect(page.credentials?.length).toBeGreaterThan(0);
    expect(sent[before]!.headers.get("authorization")).toBe(`Basic ${Buffer.from("alice:s3cr3t").toString("base64")}`);
    expect(sent[before]!.headers.get("X-TILEDB-REST-API-KEY")).toBeNull();
  });

  it("is rejected by Prism without credentials (so the violation check is live)", async () => {
    await expect(client({}).listCredentials("my-org")).rejects.toBeInstanceOf(PrismViolationError);
  });
});

describe("requests the spec forbids are caught", () => {
  it("a body with two credential kinds (exactly one is allowed) is a violation", async () => {
    const bad = { name: "x", credential: { aws: awsCredential.credential.aws, azure: { account_name: "a", account_key: "k" } } };
    await expect(client().addCredential("my-org", bad)).rejects.toBeInstanceOf(PrismViolationError);
  });

  it("a path value of `..` is refused before any request is sent", async () => {
    const before = sent.length;
    await expect(client().getCredential("my-org", "..")).rejects.toThrow(/cannot be/);
    expect(sent.length).toBe(before);
  });
});

describe("typed results", () => {
  it("lists credentials with pagination metadata and no secrets", async () => {
    const page = await client().listCredentials("my-org");
    expect(page.pagination_metadata).toMatchObject({
      page: expect.any(Number),
      per_page: expect.any(Number),
      total_items: expect.any(Number),
    });
    for (const credential of page.credentials ?? []) {
      expect(JSON.stringify(credential)).not.toMatch(/secret_access_key|account_key/);
    }
  });
});
