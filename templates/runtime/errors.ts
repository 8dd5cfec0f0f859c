/** Errors thrown by generated clients. */

export interface OperationMeta {
  operationId: string;
  /** HTTP method in upper case. */
  method: string;
  /** The path template as in the spec, e.g. `/v2/credentials/{namespace}`. */
  path: string;
  /** Security requirement alternatives; each lists schemes sent together. `[]`: no auth. */
  security: readonly (readonly string[])[];
  parseAs?: "json" | "text" | "blob";
}

/**
 * A response with a non-2xx status. `body` is the parsed body, typed by the operation's error
 * responses in the spec (`undefined` when the response had none).
 */
export class ApiError<TBody = unknown> extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: TBody;
  readonly method: string;
  /** The path template, never the filled-in URL (which may carry secrets in its query). */
  readonly path: string;
  readonly operationId: string;
  /** From the body's `request_id`/`requestId`, else the `x-request-id` response header. */
  readonly requestId: string | undefined;

  constructor(meta: OperationMeta, response: Response, body: TBody) {
    const requestId = requestIdOf(body, response.headers);
    const serverMessage = messageOf(body);
    super(
      `${meta.operationId} (${meta.method} ${meta.path}) failed with status ${response.status}` +
        `${response.statusText ? ` ${response.statusText}` : ""}${serverMessage ? `: ${serverMessage}` : ""}` +
        `${requestId ? ` [request id ${requestId}]` : ""}`,
    );
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.body = body;
    this.method = meta.method;
    this.path = meta.path;
    this.operationId = meta.operationId;
    this.requestId = requestId;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  get isServerError(): boolean {
    return this.status >= 500;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      operationId: this.operationId,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

function field(body: unknown, ...names: string[]): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function requestIdOf(body: unknown, headers: Headers): string | undefined {
  return field(body, "request_id", "requestId") ?? headers.get("x-request-id") ?? undefined;
}

function messageOf(body: unknown): string | undefined {
  const message = field(body, "message", "detail", "title", "error");
  return message && message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** A request argument that cannot be sent (caught before any request is made). */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
}
