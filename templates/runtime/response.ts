/**
 * What a call returns: a promise of the body that can also give the whole response
 * (`await api.getThing(id).withResponse()`: the data, the status, the spec's response headers
 * parsed to their types, and the raw `Response`). Nothing is read or copied unless asked.
 */

/** A success with its response. */
export interface WithResponse<T, THeaders = Record<string, never>> {
  data: T;
  status: number;
  /** The response headers the spec declares for this operation, parsed (numbers, booleans, lists). */
  headers: THeaders;
  /** The raw response (its body is already read). */
  response: Response;
}

/** The promise every generated method returns. */
export interface ApiPromise<T, THeaders = Record<string, never>> extends Promise<T> {
  /** The data with the status, the declared response headers and the raw `Response`. */
  withResponse(): Promise<WithResponse<T, THeaders>>;
}

/**
 * `application/json`, `application/problem+json`, `text/json`, with or without parameters
 * (`; charset=utf-8`): the generator's rule for JSON media types (scripts/ir/serialization.ts).
 */
export function isJsonMediaType(contentType: string | null): boolean {
  return contentType !== null && /^[a-z]+\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType.trim());
}

/** How a declared response header is parsed (from its schema). */
export type HeaderKind = "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]";

function parseValue(kind: string, text: string): unknown {
  if (kind.startsWith("number")) {
    const value = Number(text);
    return text.trim() === "" || Number.isNaN(value) ? undefined : value;
  }
  if (kind.startsWith("boolean")) return text === "true" ? true : text === "false" ? false : undefined;
  return text;
}

/**
 * The declared headers of a response: missing ones left out, and values that do not parse as
 * declared too (a header is a hint, not worth failing a call over). Lists are comma-separated
 * (RFC 9110 §5.3, the `simple` style of OpenAPI 3.1 §4.8.21).
 */
export function readHeaders(
  headers: Headers,
  declared: Readonly<Record<string, HeaderKind>> = {},
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(declared)) {
    const text = headers.get(name);
    if (text === null) continue;
    const value = kind.endsWith("[]")
      ? text.split(",").map((item) => parseValue(kind, item.trim()))
      : parseValue(kind, text);
    if (value !== undefined && !(Array.isArray(value) && value.includes(undefined))) result[name] = value;
  }
  return result;
}
