/**
 * What the generator knows of the hand-written runtime (templates/runtime): the names of the
 * options every client and every call takes, and their defaults. Read from the runtime itself, with
 * compile-time guards, so the names a spec may not take, the JSDoc and the docs cannot drift from it.
 */
import type { Credentials } from "../../templates/runtime/auth.js";
import type { CoreConfig, RequestOptions } from "../../templates/runtime/core.js";
import { RETRY_DEFAULTS } from "../../templates/runtime/retry.js";

/**
 * `keys<T>()("a", "b")`: the keys of `T`, each listed once; it does not compile when one is
 * missing (the runtime gained an option) or is not a key of `T` (it lost or renamed one).
 */
function keys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...list: K & (Exclude<keyof T, K[number]> extends never ? unknown : { missing: Exclude<keyof T, K[number]> })
  ): K => list;
}

/** The per-call options of every method (`RequestOptions`), in the order the docs list them. */
export const REQUEST_OPTION_NAMES = keys<RequestOptions>()("signal", "headers", "timeoutMs", "maxRetries", "idempotencyKey");

/** The client options the runtime defines itself (`CoreConfig` less the credentials a spec's schemes add). */
export const CONFIG_OPTION_NAMES = keys<Omit<CoreConfig, keyof Credentials>>()(
  "baseUrl",
  "fetch",
  "headers",
  "maxRetries",
  "timeoutMs",
  "minRetryDelayMs",
  "maxRetryDelayMs",
  "maxRetryAfterMs",
  "idempotencyHeader",
  "logger",
  "onRequest",
  "onResponse",
  "onError",
);

export type ConfigOptionName = (typeof CONFIG_OPTION_NAMES)[number];

/** The runtime's retry and timeout defaults, as the client's JSDoc states them. */
export const RUNTIME_DEFAULTS = RETRY_DEFAULTS;
