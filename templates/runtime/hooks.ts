/**
 * Hooks on every call of a client, for tracing, metrics and custom auth: `onRequest` before each
 * attempt is sent (it may set headers), `onResponse` when each attempt's response headers arrive,
 * `onError` once when the call fails. Each attempt of a retried call is seen, and the retry
 * decisions do not depend on the hooks. What a hook sees is redacted as a log line is
 * (credential headers, apiKey query values). A hook may return a promise, which is awaited. A
 * hook that throws or rejects fails the call with a `HookError` (not retried; `onError` is not
 * called for it). Without hooks nothing is formatted or copied.
 */
import { HookError, type OperationMeta } from "./errors.js";

/** One attempt about to be sent. */
export interface HookRequest {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v2/credentials/{namespace}`. */
  path: string;
  /** The URL, with the values of apiKey query parameters and any known secret redacted. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The request headers, those that carry credentials "[REDACTED]". */
  headers: Readonly<Record<string, string>>;
  /** Sets a header on this attempt's request (`traceparent`, a custom `Authorization`, ...). */
  setHeader(name: string, value: string): void;
}

/** The response to one attempt, when its headers arrive (before the body is read). */
export interface HookResponse {
  /** The object `onRequest` got for this attempt (a key for timing, spans, ...). */
  request: HookRequest;
  status: number;
  /** The response headers, those that carry credentials "[REDACTED]". */
  headers: Readonly<Record<string, string>>;
  /** From sending the request to the response headers, in ms. */
  durationMs: number;
}

/** A call that failed: after its retries, or aborted, or refused before sending. */
export interface HookFailure {
  operationId: string;
  method: string;
  path: string;
  /** What the call rejects with (an `ApiError`, `ApiConnectionError`, the signal's reason, ...). */
  error: unknown;
}

export interface Hooks {
  /** Before each attempt is sent; may set headers with `request.setHeader`. */
  onRequest?: (request: HookRequest) => void | Promise<void>;
  /** When each attempt's response arrives, whatever its status. */
  onResponse?: (response: HookResponse) => void | Promise<void>;
  /** Once per failed call, with the error it rejects with. */
  onError?: (failure: HookFailure) => void | Promise<void>;
}

/**
 * Runs one hook; what it throws becomes a `HookError` (so that a `TypeError` in a hook is never
 * taken for a network failure and retried).
 */
export async function runHook<E>(
  name: keyof Hooks,
  hook: (event: E) => void | Promise<void>,
  event: E,
  meta: OperationMeta,
  secrets: () => readonly string[],
): Promise<void> {
  try {
    const result = hook(event);
    if (result && typeof (result as Promise<void>).then === "function") await result;
  } catch (error) {
    throw new HookError(name, meta, error, secrets());
  }
}
