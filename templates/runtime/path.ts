import { InvalidRequestError } from "./errors.js";

/**
 * A path value as exactly one segment. openapi-fetch percent-encodes it, but `.` and `..`
 * survive encoding and would walk to another endpoint, and an empty value would leave `//`.
 */
export function pathSegment<T>(name: string, value: T): T {
  if (value === undefined || value === null) {
    throw new InvalidRequestError(`path parameter "${name}" is required but was ${String(value)}`);
  }
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return value;
  if (typeof value !== "string") {
    throw new InvalidRequestError(`path parameter "${name}" must be a string or a number, not ${typeof value}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new InvalidRequestError(`path parameter "${name}" cannot be ${value === "" ? "empty" : `"${value}"`}`);
  }
  return value;
}
