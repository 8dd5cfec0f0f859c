/**
 * The logger and the hooks of a client (`logger`, `onRequest`, `onResponse`, `onError`), kept out
 * of core.ts so that a bundle whose client has neither does not carry them: the API classes always
 * pass `observability` to their core; a per-operation function's client has it when
 * `createClient(config, observability)` asks for it. What the logger and the hooks see is redacted
 * the same way (credential headers, apiKey query values, writeOnly body fields, known secrets).
 */
import type { CallState, Observe, Observer, OutgoingRequest } from "./core.js";
import { ApiConnectionError, describe, HookError, type OperationMeta } from "./errors.js";
import { runHook, type HookRequest } from "./hooks.js";
import { emit, type LogEvent } from "./logger.js";
import { headerSecrets, redactFields, redactHeaders, redactUrl, scrubDeep, scrubText } from "./redact.js";

/** The operation as hooks name it. */
function where(meta: OperationMeta): { operationId: string; method: string; path: string } {
  return { operationId: meta.operationId, method: meta.method, path: meta.path };
}

/** Why an attempt got no response, for a log line: the error's message and its cause's words (redacted). */
function failureOf(error: Error, known: readonly string[]): string {
  const detail = scrubText(describe(error.cause), known);
  return detail ? `${error.message} (${detail})` : error.message;
}

const elapsedMs = (started: number): number => Math.round((performance.now() - started) * 10) / 10;

/** Logging and hooks for one core (`undefined` when its configuration has neither). */
export const observability: Observe = ({ config, schemes, secretHeaders, secrets }): Observer | undefined => {
  const { logger, onRequest, onResponse, onError } = config;
  if (!logger && !onRequest && !onResponse && !onError) return undefined;
  // Query parameters that carry an API key: their values are redacted from logged URLs.
  const secretQuery = new Set<string>();
  for (const scheme of Object.values(schemes))
    if (scheme.kind === "apiKey" && scheme.in === "query") secretQuery.add(scheme.name);

  const log = (
    level: LogEvent["level"],
    type: LogEvent["type"],
    meta: OperationMeta,
    attempt: number,
    message: string,
    extra: Partial<LogEvent>,
  ): void => {
    emit(logger!, {
      level,
      type,
      message,
      operationId: meta.operationId,
      method: meta.method,
      path: meta.path,
      attempt,
      ...extra,
    });
  };

  /** What `onRequest` sees of an attempt (redacted), and its one way to change it. */
  const hookRequest = (
    state: CallState,
    request: OutgoingRequest | Request,
    attempt: number,
  ): HookRequest => {
    const known = secrets(state);
    return {
      ...where(state.meta),
      url: redactUrl(request.url, secretQuery, known),
      attempt,
      headers: redactHeaders(request.headers, secretHeaders, known),
      setHeader: (name, value) => {
        request.headers.set(name, value);
        (state.hookSecrets ??= []).push(...headerSecrets(name, value, secretHeaders));
      },
    };
  };

  const logRequest = (state: CallState, request: OutgoingRequest | Request, attempt: number): void => {
    const { meta, body } = state;
    const known = secrets(state);
    const url = redactUrl(request.url, secretQuery, known);
    const event: Partial<LogEvent> = { url, headers: redactHeaders(request.headers, secretHeaders, known) };
    if (body !== null && typeof body === "object")
      event.body = scrubDeep(redactFields(body, meta.secretFields ?? []), known);
    log(
      "debug",
      "request",
      meta,
      attempt,
      `request ${meta.method} ${url} (${meta.operationId}, attempt ${attempt})`,
      event,
    );
  };

  const logResponse = (
    state: CallState,
    request: OutgoingRequest | Request,
    response: Response,
    attempt: number,
    started: number,
  ): void => {
    const { meta } = state;
    const known = secrets(state);
    const url = redactUrl(request.url, secretQuery, known);
    const durationMs = elapsedMs(started);
    const requestIdHeader = response.headers.get("x-request-id") ?? response.headers.get("request-id");
    const requestId = requestIdHeader === null ? undefined : scrubText(requestIdHeader, known);
    log(
      response.ok ? "debug" : "info",
      "response",
      meta,
      attempt,
      `response ${response.status} ${meta.method} ${url} (${meta.operationId}, attempt ${attempt}, ${durationMs} ms)`,
      {
        url,
        status: response.status,
        durationMs,
        headers: redactHeaders(response.headers, secretHeaders, known),
        ...(requestId ? { requestId } : {}),
      },
    );
  };

  return {
    async send(state, request, attempt, send) {
      const { meta } = state;
      state.attempt = attempt;
      const known = () => secrets(state);
      let event: HookRequest | undefined;
      if (onRequest) {
        event = hookRequest(state, request, attempt);
        await runHook("onRequest", onRequest, event, meta, known);
      }
      if (logger) logRequest(state, request, attempt);
      const started = performance.now();
      const response = await send(request);
      if (logger) logResponse(state, request, response, attempt, started);
      if (onResponse) {
        const responseEvent = {
          request: event ?? hookRequest(state, request, attempt),
          status: response.status,
          headers: redactHeaders(response.headers, secretHeaders, known()),
          durationMs: elapsedMs(started),
        };
        try {
          await runHook("onResponse", onResponse, responseEvent, meta, known);
        } catch (error) {
          // The body will not be read: release the connection.
          response.body?.cancel().catch(() => {});
          throw error;
        }
      }
      return response;
    },

    retry(state, attempt, maxRetries, delayMs, outcome) {
      const { meta } = state;
      const failure = outcome instanceof Error;
      const why = failure ? failureOf(outcome, secrets(state)) : `status ${outcome.status}`;
      if (logger)
        log(
          "info",
          "retry",
          meta,
          attempt,
          `retry ${meta.operationId} (${meta.method} ${meta.path}) in ${Math.round(delayMs)} ms: attempt ${attempt} of ${maxRetries + 1} failed with ${why}`,
          { delayMs, error: why, ...(failure ? {} : { status: outcome.status }) },
        );
    },

    async failed(state, error) {
      const { meta } = state;
      // No response after the last attempt: the log's error event.
      if (logger && error instanceof ApiConnectionError) {
        const why = failureOf(error, secrets(state));
        log("warn", "error", meta, state.attempt ?? 1, `error ${why}`, { error: why });
      }
      if (onError && !(error instanceof HookError))
        await runHook("onError", onError, { ...where(meta), error }, meta, () => secrets(state));
    },
  };
};
