/**
 * Type-level tests: compiled (never run) by test/client/types.test.ts with `tsc --strict`.
 * Each `@ts-expect-error` must meet an error, or tsc fails with "Unused directive".
 */
import {
  ApiError,
  OrganizationApi,
  type AccessCredential,
  type AccessCredentialInput,
  type AWSCredentialInput,
  type WithResponse,
  type CloudProvider,
  type components,
  type ErrorModel,
  type Writable,
  type AddCredentialBody,
  type GetCredentialError,
  type ListCredentialsResult,
  observability,
} from "../../../generated/client/src/index.js";
// @ts-expect-error the schema `Error` is exported as `ErrorModel`: the global `Error` stays usable
import type { Error as ShadowedError } from "../../../generated/client/src/index.js";

export async function wellTyped(api: OrganizationApi): Promise<void> {
  // Read views keep server-set fields; write views keep secrets.
  const read: AccessCredential = await api.getCredential("my-org", "s3");
  const uuid: string | undefined = read.uuid;
  void uuid;
  const write: Writable<components["schemas"]["AWSCredential"]> = { access_key_id: "id", secret_access_key: "secret" };
  await api.addCredential("my-org", { name: "s3", credential: { aws: write } });
  const page: ListCredentialsResult = await api.listCredentials("my-org", { provider: "AWS", type: "key", page: 1, perPage: 20 });
  const first: AccessCredential | undefined = page.credentials?.[0];
  const name: string | undefined = first?.name;
  void name;
  const body: AddCredentialBody = { name: "s3", credential: { aws: { access_key_id: "id", secret_access_key: "secret" } } };
  const added: void = await api.addCredential("my-org", body);
  void added;
  const credential: AccessCredential = await api.getCredential("my-org", "s3");
  void credential;
  await api.deleteCredential("my-org", "s3", { signal: new AbortController().signal, headers: { "X-Trace": "1" } });
  try {
    await api.getCredential("my-org", "s3");
  } catch (error) {
    // The guard narrows to the operation's error: its body is the spec's error model.
    if (ApiError.is(error, "getCredential")) {
      const typed: GetCredentialError = error;
      const body: ErrorModel = error.body;
      const code: number | undefined = error.body.code;
      void [typed, body, code];
    }
    if (ApiError.is(error, 404)) void error.status;
    // The global Error is not shadowed by the model.
    if (error instanceof Error) void error.message;
  }
  // The write view has a name; the nested one too.
  const input: AccessCredentialInput = { name: "s3", credential: { aws: { access_key_id: "id", secret_access_key: "secret" } } };
  const aws: AWSCredentialInput = { access_key_id: "id", secret_access_key: "secret" };
  await api.addCredential("my-org", { ...input, credential: { aws } });
  // Parameters are typed as what they are.
  const provider: CloudProvider = "GCP";
  await api.listCredentials("my-org", { provider });
  // The response: status, declared headers, raw Response.
  const full: WithResponse<AccessCredential, Record<string, never>> = await api.getCredential("my-org", "s3").withResponse();
  const status: number = full.status;
  const raw: Response = full.response;
  const data: AccessCredential = full.data;
  void [status, raw, data];
  // Hooks: a typed request to read (redacted) and a header to set.
  new OrganizationApi(
    {
      onRequest: (request) => request.setHeader("traceparent", `00-${request.operationId}`),
      onResponse: ({ status: code, durationMs }) => void [code, durationMs],
      onError: ({ error }) => void error,
    },
    observability,
  );
}

export async function rejected(api: OrganizationApi): Promise<void> {
  // @ts-expect-error the namespace is required
  await api.listCredentials();
  // @ts-expect-error the namespace is a string
  await api.getCredential(42, "s3");
  // @ts-expect-error the name is required
  await api.getCredential("my-org");
  // @ts-expect-error provider must be a CloudProvider value
  await api.listCredentials("my-org", { provider: "IBM" });
  // @ts-expect-error type must be an AccessCredentialType value
  await api.listCredentials("my-org", { type: "password" });
  // @ts-expect-error page is an integer, not a string
  await api.listCredentials("my-org", { page: "1" });
  // @ts-expect-error the wire name per_page is not the option name
  await api.listCredentials("my-org", { per_page: 10 });
  // @ts-expect-error unknown option
  await api.listCredentials("my-org", { pageSize: 10 });
  // @ts-expect-error the body is required
  await api.addCredential("my-org");
  // @ts-expect-error the body is an object
  await api.addCredential("my-org", "s3");
  // @ts-expect-error an AWS credential needs its secret_access_key
  await api.addCredential("my-org", { name: "s3", credential: { aws: { access_key_id: "id" } } });
  // @ts-expect-error name is a string
  await api.updateCredential("my-org", "s3", { name: 5 });
  // @ts-expect-error unknown credential kind
  await api.updateCredential("my-org", "s3", { credential: { ibm: {} } });
  // @ts-expect-error delete resolves with nothing
  const deleted: string = await api.deleteCredential("my-org", "s3");
  void deleted;
  const page = await api.listCredentials("my-org");
  // @ts-expect-error pagination counts are numbers
  const total: string | undefined = page.pagination_metadata?.total_items;
  void total;
  const credential = await api.getCredential("my-org", "s3");
  // @ts-expect-error secret_access_key is writeOnly: never in a response, so not in the result type
  const secret: string | undefined = credential.credential?.aws?.secret_access_key;
  void secret;
  // @ts-expect-error uuid is readOnly: set by the server, never sent in a request body
  await api.updateCredential("my-org", "s3", { uuid: "0a2f8a86-3d3c-4f3f-9a4b-2b7f6c1d9e01" });
  // @ts-expect-error created_at is readOnly, also deep inside a body
  await api.addCredential("my-org", { name: "s3", created_at: "2024-01-01T00:00:00Z" });
  // @ts-expect-error the client takes no unknown configuration
  new OrganizationApi({ apiKeyz: "typo" });
  try {
    await api.getCredential("my-org", "s3");
  } catch (error) {
    // @ts-expect-error an operationId the spec does not have
    if (ApiError.is(error, "getCredentials")) void error;
    if (ApiError.is(error, "getCredential")) {
      // @ts-expect-error the error body is ErrorModel, which has no `detail`
      void error.body.detail;
    }
  }
  const read: AccessCredential = await api.getCredential("my-org", "s3");
  // @ts-expect-error a read model is not what a body sends (its writeOnly secret is missing)
  const written: AccessCredentialInput = read;
  void written;
  // @ts-expect-error the options argument is an object of named options
  await api.listCredentials("my-org", "AWS");
  // @ts-expect-error no response headers are declared for getCredential
  const header: string = (await api.getCredential("my-org", "s3").withResponse()).headers["x-request-id"];
  void header;
  // @ts-expect-error a hook's request headers are read-only: setHeader changes the request
  new OrganizationApi({ onRequest: (request) => void (request.headers["x"] = "y") }, observability);
}
