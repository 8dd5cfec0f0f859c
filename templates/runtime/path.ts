import { InvalidRequestError } from "./errors.js";

/** A lone UTF-16 surrogate: it has no UTF-8 form, so it cannot be percent-encoded. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A path value as exactly one segment. openapi-fetch percent-encodes it with
 * `encodeURIComponent` (so `/`, `?`, `#`, `%` and non-ASCII are encoded), but `.` and `..`
 * survive encoding and would walk to another endpoint, an empty value would leave `//`, a
 * missing one would leave `{name}` in the URL, and a lone surrogate makes the encoder throw.
 * Each is rejected here, before any request is sent.
 */
export function pathSegment<T>(name: string, value: T): T {
  if (value === undefined || value === null) {
    throw new InvalidRequestError(`path parameter "${name}" is required but was ${String(value)}`);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new InvalidRequestError(`path parameter "${name}" must be a finite number, not ${String(value)}`);
    return value;
  }
  if (typeof value === "bigint" || typeof value === "boolean") return value;
  if (typeof value !== "string") {
    throw new InvalidRequestError(
      `path parameter "${name}" must be a string or a number, not ${typeof value}`,
    );
  }
  if (value === "" || value === "." || value === "..") {
    throw new InvalidRequestError(
      `path parameter "${name}" cannot be ${value === "" ? "empty" : `"${value}"`}`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new InvalidRequestError(
      `path parameter "${name}" is not well-formed Unicode (it has a lone surrogate)`,
    );
  }
  return value;
}
