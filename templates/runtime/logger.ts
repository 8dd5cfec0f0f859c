/**
 * The optional logger hook: one event per request, response, retry and final failure, already
 * redacted (credential headers, apiKey query values and writeOnly body fields are "[REDACTED]").
 * Pass a function, or an object with `debug`/`info`/`warn` methods such as `console`.
 */

export interface LogEvent {
  /** `debug`: requests and 2xx responses; `info`: other responses, retries; `warn`: giving up. */
  level: "debug" | "info" | "warn";
  type: "request" | "response" | "retry" | "error";
  /** The event as one line of text. */
  message: string;
  operationId: string;
  method: string;
  /** The path template. */
  path: string;
  /** The URL sent, with secret query values redacted (request and response events). */
  url?: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Request headers (request events) or response headers (response events), redacted. */
  headers?: Record<string, string>;
  /** The request body with its writeOnly fields redacted (request events, object bodies). */
  body?: unknown;
  status?: number;
  /** From sending the request to the response headers, in ms (response events). */
  durationMs?: number;
  requestId?: string;
  /** How long the client waits before the next attempt (retry events), in ms. */
  delayMs?: number;
  /** Why the attempt failed (retry and error events), redacted. */
  error?: string;
}

export type LogFunction = (event: LogEvent) => void;

export interface LevelLogger {
  debug?(message: string, event: LogEvent): void;
  info?(message: string, event: LogEvent): void;
  warn?(message: string, event: LogEvent): void;
}

export type Logger = LogFunction | LevelLogger;

/** Hands `event` to the logger; a logger that throws never fails the request. */
export function emit(logger: Logger, event: LogEvent): void {
  try {
    if (typeof logger === "function") logger(event);
    else logger[event.level]?.(event.message, event);
  } catch {
    // Logging is best effort.
  }
}
