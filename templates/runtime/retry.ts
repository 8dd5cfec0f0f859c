/**
 * When and how long to wait before trying a request again. The defaults follow the SDKs people
 * trust in production (Stainless-generated SDKs, the Azure SDK guidelines): 2 retries,
 * exponential backoff from 0.5 s to 8 s with jitter, `Retry-After` honoured up to 60 s.
 */

/** Statuses worth another attempt: timeouts, rate limits, and failures of the server or a gateway. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Methods that are idempotent (RFC 9110 §9.2.2): sending them twice does no more than once.
 * POST and PATCH are retried only when the call sends an idempotency key.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "TRACE",
]);

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Time limit of one attempt, in ms; `Infinity`: none. */
  timeoutMs: number;
  /** Wait before the first retry (before jitter), in ms; doubled for each next retry. */
  minRetryDelayMs: number;
  /** Longest wait computed by backoff, in ms. */
  maxRetryDelayMs: number;
  /** Longest wait a server's `Retry-After` can ask for, in ms. */
  maxRetryAfterMs: number;
}

export const RETRY_DEFAULTS: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  timeoutMs: 60_000,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Exponential backoff with jitter for retry number `retry` (1 for the first retry):
 * `min(minDelay * 2^(retry-1), maxDelay)`, less up to a quarter at random, so clients that failed
 * together do not come back together. Always within [0, maxDelay] (`random` is in [0, 1]).
 */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, "minRetryDelayMs" | "maxRetryDelayMs">,
  random: number = Math.random(),
): number {
  return Math.min(policy.minRetryDelayMs * 2 ** (retry - 1), policy.maxRetryDelayMs) * (1 - random / 4);
}

/**
 * The wait a response asks for, in ms: `retry-after-ms` (a number of milliseconds), else
 * `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3). `undefined` when absent or
 * unreadable; a date in the past gives 0.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = headers?.get("retry-after-ms")?.trim();
  const after = headers?.get("retry-after")?.trim();
  if (ms && Number(ms) >= 0 && Number(ms) < Infinity) return Number(ms);
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
  // HTTP-date (IMF-fixdate and the two obsolete forms) starts with the day name; Date.parse alone
  // would also take "-1" or "2" as dates.
  const date = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(after) ? Date.parse(after) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before retry number `retry`: what the server asked for (capped), else backoff. */
export function retryDelay(
  retry: number,
  headers: Headers | undefined,
  policy: Omit<RetryPolicy, "maxRetries" | "timeoutMs">,
  random?: number,
  now?: number,
): number {
  const asked = retryAfterMs(headers, now);
  if (asked !== undefined) return Math.min(asked, policy.maxRetryAfterMs);
  return backoffDelay(retry, policy, random);
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts (also while waiting). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Called by the timer or by the abort, whichever comes first.
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal?.aborted) done();
    else signal?.addEventListener("abort", done);
  });
}

/**
 * A count or duration option: a number >= 0 (`Infinity` allowed for durations). Every option's
 * refusal reads the same: `maxRetries cannot be -1`, as a parameter's does.
 */
export function checkOption(name: string, value: number, allowInfinity: boolean): number {
  if (typeof value !== "number" || !(value >= 0) || (!allowInfinity && value === Infinity))
    throw new RangeError(`${name} cannot be ${String(value)}`);
  return value;
}
