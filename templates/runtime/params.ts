/**
 * Parameters on the wire, one serializer for every style of OpenAPI 3.1 (§4.8.12.4 "Style Values"
 * and "Style Examples", which follow RFC 6570 §3.2): query `form`, `spaceDelimited`,
 * `pipeDelimited`, `deepObject`; path `simple`, `label`, `matrix`; headers `simple`; cookies
 * `form`; each with or without `explode`; and parameters declared with `content` (their value as
 * JSON or as text). The generated operations table lists only the parameters that are not sent the
 * default way of their location (query and cookie: form, exploded; path and header: simple).
 *
 * Rules the spec leaves open, decided here (and warned about by the generator):
 * - `undefined` and `null` are "undefined" in RFC 6570's sense: the parameter is not sent (a path
 *   parameter is rejected); so are an empty array and an object with no defined member, and
 *   `undefined`/`null` members of an array or object are skipped.
 * - values are percent-encoded per RFC 3986 (everything but unreserved characters), `allowReserved`
 *   lets the reserved ones through except `#[]` (not allowed in a query) and `&=+` (form-urlencoded
 *   delimiters); percent-encoded triples are kept as they are.
 * - `deepObject` nests: `f[a][b]=1`, arrays by index `f[list][0]=x` (brackets percent-encoded, as
 *   in the spec's table); other styles send nested arrays and objects as JSON text.
 * - a value holding the delimiter of spaceDelimited or pipeDelimited (a space, `|`), or a
 *   deepObject key with a bracket, is rejected: encoded or not, the server could not tell it from
 *   the delimiter (Appendix E). In exploded label items, `.` goes as `%2E` for the same reason.
 * - headers are not percent-encoded (RFC 9110 field values); a value with a character a header
 *   cannot carry (control characters, non-ASCII) is rejected, not silently altered.
 * - cookies are `name=value` pairs joined by `; ` (RFC 6265), values percent-encoded; an exploded
 *   array or object gives one pair per item.
 * - a Date is sent as its ISO 8601 text; a number must be finite.
 */
import { InvalidRequestError } from "./errors.js";

/** OpenAPI's styles, plus `tabDelimited` (Swagger 2.0's `collectionFormat: tsv`). */
export type ParamStyle =
  "form" | "spaceDelimited" | "pipeDelimited" | "tabDelimited" | "deepObject" | "simple" | "label" | "matrix";

export type ParamLocation = "path" | "query" | "header" | "cookie";

/** How one parameter is serialized, when it is not the default of its location. */
export interface ParamEncoding {
  style?: ParamStyle;
  explode?: boolean;
  /** Query only: RFC 6570 reserved expansion. */
  allowReserved?: boolean;
  /** Declared with `content`: the value as JSON text, or as text (a string as it is). */
  content?: "json" | "text";
}

/** Per location, the parameters (by wire name) that are not serialized the default way. */
export type ParamEncodings = Readonly<
  Partial<Record<ParamLocation, Readonly<Record<string, ParamEncoding>>>>
>;

/** The delimiters of these styles are percent-encoded (Appendix E), so a value cannot contain them. */
const DELIMITERS: Partial<Record<ParamStyle, string>> = {
  spaceDelimited: "%20",
  pipeDelimited: "%7C",
  tabDelimited: "%09",
};

/** Sub-delimiters `encodeURIComponent` leaves alone although RFC 3986 reserves them. */
const SUB_DELIMS = /[!'()*]/;
const SUB_DELIMS_ALL = /[!'()*]/g;
/** After `encodeURIComponent`: reserved characters a query may carry as they are, and `%` triples. */
const RESERVED_ALLOWED = /%(?:3A|2F|3F|40|24|2C|3B)|%25(?=[0-9A-Fa-f]{2})/g;
/** Characters of an HTTP field value (RFC 9110 §5.5), less obs-text. */
const HEADER_SAFE = /^[\t\x20-\x7E]*$/;

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** RFC 3986 percent-encoding: only unreserved characters stay. Throws URIError on a lone surrogate. */
function strict(text: string): string {
  const encoded = encodeURIComponent(text);
  return SUB_DELIMS.test(encoded) ? encoded.replace(SUB_DELIMS_ALL, hex) : encoded;
}

/** RFC 6570 reserved expansion as OpenAPI's `allowReserved` means it in a query. */
function reserved(text: string): string {
  return encodeURIComponent(text).replace(RESERVED_ALLOWED, (m) =>
    m === "%25" ? "%" : decodeURIComponent(m),
  );
}

const labelItem = (text: string) => strict(text).replace(/\./g, "%2E");

/** Headers: the text as it is. */
const verbatim = (text: string) => text;

class Unsendable extends Error {}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

/** One scalar as text; an array or object nested in another as JSON text. */
function text(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new Unsendable(`must be a finite number, not ${value}`);
      return String(value);
    case "boolean":
    case "bigint":
      return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Unsendable("is an invalid Date");
    return value.toISOString();
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new Unsendable(`cannot be sent (a ${typeof value})`);
  return json;
}

function contentText(value: unknown, as: "json" | "text"): string {
  if (as === "text" && typeof value === "string") return value;
  const json = JSON.stringify(value);
  if (json === undefined) throw new Unsendable(`cannot be sent as ${as === "json" ? "JSON" : "text"}`);
  return json;
}

function items(value: readonly unknown[]): string[] {
  const list: string[] = [];
  for (const item of value) if (item !== undefined && item !== null) list.push(text(item));
  return list;
}

function pairs(value: object): [string, string][] {
  const list: [string, string][] = [];
  for (const [key, item] of Object.entries(value))
    if (item !== undefined && item !== null) list.push([key, text(item)]);
  return list;
}

/** `f%5Ba%5D%5Bb%5D=1`: deepObject, nested objects by key and arrays by index. */
function deep(prefix: string, value: unknown, encode: (s: string) => string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) value.forEach((item, i) => deep(`${prefix}%5B${i}%5D`, item, encode, out));
  else if (isContainer(value))
    for (const [key, item] of Object.entries(value)) {
      if (/[[\]]/.test(key))
        throw new Unsendable(
          `has the key ${JSON.stringify(key)}, whose brackets deepObject could not tell from its own`,
        );
      deep(`${prefix}%5B${encode(key)}%5D`, item, encode, out);
    }
  else out.push(`${prefix}=${encode(text(value))}`);
}

/** A value holding its style's delimiter would be split by the server (OpenAPI Appendix E). */
function checkDelimiter(item: string, delimiter: string, style: ParamStyle): void {
  if (item.includes(decodeURIComponent(delimiter)))
    throw new Unsendable(
      `has the value ${JSON.stringify(item)}, which holds the delimiter of style ${style} (${delimiter}): the server could not tell the values apart`,
    );
}

/**
 * A query parameter as `name=value` pairs joined by `&` (the spec table's examples without their
 * `?`); undefined when nothing is sent.
 */
function queryPart(name: string, value: unknown, encoding: ParamEncoding | undefined): string | undefined {
  const key = strict(name);
  const encode = encoding?.allowReserved ? reserved : strict;
  if (encoding?.content) return `${key}=${strict(contentText(value, encoding.content))}`;
  const style = encoding?.style ?? "form";
  const explode = encoding ? encoding.explode === true : true;
  if (style === "deepObject" && isContainer(value)) {
    const out: string[] = [];
    deep(key, value, encode, out);
    return out.length ? out.join("&") : undefined;
  }
  const delimiter = explode ? undefined : DELIMITERS[style];
  if (Array.isArray(value)) {
    const list = items(value);
    if (list.length === 0) return undefined;
    if (explode) return list.map((item) => `${key}=${encode(item)}`).join("&");
    if (delimiter) list.forEach((item) => checkDelimiter(item, delimiter, style));
    return `${key}=${list.map(encode).join(delimiter ?? ",")}`;
  }
  if (isContainer(value)) {
    const list = pairs(value);
    if (list.length === 0) return undefined;
    if (explode) return list.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
    if (delimiter) list.forEach((pair) => pair.forEach((item) => checkDelimiter(item, delimiter, style)));
    return `${key}=${list.map(([k, v]) => `${encode(k)}${delimiter ?? ","}${encode(v)}`).join(delimiter ?? ",")}`;
  }
  return `${key}=${encode(text(value))}`;
}

/** The value that replaces `{name}` in the path (simple, label or matrix); "" when undefined. */
function pathPart(name: string, value: unknown, encoding: ParamEncoding | undefined): string {
  if (encoding?.content) return strict(contentText(value, encoding.content));
  const style = encoding?.style ?? "simple";
  const explode = encoding?.explode === true;
  if (style === "matrix") {
    const key = strict(name);
    const named = (k: string, v: string) => (v === "" ? `;${k}` : `;${k}=${v}`);
    if (Array.isArray(value)) {
      const list = items(value).map(strict);
      if (list.length === 0) return "";
      return explode ? list.map((item) => named(key, item)).join("") : `;${key}=${list.join(",")}`;
    }
    if (isContainer(value)) {
      const list = pairs(value);
      if (list.length === 0) return "";
      return explode
        ? list.map(([k, v]) => named(strict(k), strict(v))).join("")
        : `;${key}=${list.map(([k, v]) => `${strict(k)},${strict(v)}`).join(",")}`;
    }
    return named(key, strict(text(value)));
  }
  // Exploded label items are separated by ".", which RFC 3986 leaves unencoded: a "." inside an
  // item goes as %2E (the same character by RFC 3986 §2.3), so the items stay apart.
  const encode = style === "label" && explode ? labelItem : strict;
  const joined = joinSimple(value, explode, encode, style === "label" ? "." : ",");
  return style === "label" && joined !== undefined ? `.${joined}` : (joined ?? "");
}

/** RFC 6570 simple (and label) expansion: `a,b`, `k,v,k2,v2`, exploded `k=v,k2=v2`. */
function joinSimple(
  value: unknown,
  explode: boolean,
  encode: (s: string) => string,
  explodedDelimiter: string,
): string | undefined {
  if (Array.isArray(value)) {
    const list = items(value);
    return list.length ? list.map(encode).join(explode ? explodedDelimiter : ",") : undefined;
  }
  if (isContainer(value)) {
    const list = pairs(value);
    if (list.length === 0) return undefined;
    return explode
      ? list.map(([k, v]) => `${encode(k)}=${encode(v)}`).join(explodedDelimiter)
      : list.map(([k, v]) => `${encode(k)},${encode(v)}`).join(",");
  }
  return encode(text(value));
}

/** A cookie parameter as `name=value` pairs joined by `; `; undefined when nothing is sent. */
function cookiePart(name: string, value: unknown, encoding: ParamEncoding | undefined): string | undefined {
  if (encoding?.content) return `${name}=${strict(contentText(value, encoding.content))}`;
  const explode = encoding ? encoding.explode === true : true;
  if (Array.isArray(value)) {
    const list = items(value).map(strict);
    if (list.length === 0) return undefined;
    return explode ? list.map((item) => `${name}=${item}`).join("; ") : `${name}=${list.join(",")}`;
  }
  if (isContainer(value)) {
    const list = pairs(value);
    if (list.length === 0) return undefined;
    return explode
      ? list.map(([k, v]) => `${strict(k)}=${strict(v)}`).join("; ")
      : `${name}=${list.map(([k, v]) => `${strict(k)},${strict(v)}`).join(",")}`;
  }
  return `${name}=${strict(text(value))}`;
}

function headerPart(name: string, value: unknown, encoding: ParamEncoding | undefined): string | undefined {
  const header = encoding?.content
    ? contentText(value, encoding.content)
    : joinSimple(value, encoding?.explode === true, verbatim, ",");
  if (header !== undefined && !HEADER_SAFE.test(header))
    throw new Unsendable(
      "has a character an HTTP header cannot carry (only visible ASCII, spaces and tabs); encode the value first",
    );
  return header;
}

/**
 * One parameter as it goes on the wire: for a query, its `name=value` pairs joined by `&`; for a
 * path, what replaces `{name}`; for a header, its value; for a cookie, its `name=value` pairs
 * joined by `; `. Undefined when the parameter is not sent. Throws `InvalidRequestError` for a
 * value that cannot be sent (a path value that is missing, empty, `.` or `..`; a number that is
 * not finite; a lone surrogate; a header value with a character headers cannot carry).
 */
export function serializeParam(
  location: ParamLocation,
  name: string,
  value: unknown,
  encoding?: ParamEncoding,
): string | undefined {
  try {
    if (value === undefined || value === null) {
      if (location === "path") throw new Unsendable(`is required but was ${String(value)}`);
      return undefined;
    }
    switch (location) {
      case "query":
        return queryPart(name, value, encoding);
      case "header":
        return headerPart(name, value, encoding);
      case "cookie":
        return cookiePart(name, value, encoding);
    }
    const part = pathPart(name, value, encoding);
    // Empty would leave `//`; `.` and `..` survive encoding and walk to another endpoint.
    if (part === "" || part === "." || part === "..")
      throw new Unsendable(part === "" ? "cannot be empty" : `cannot be "${part}"`);
    return part;
  } catch (error) {
    if (error instanceof Unsendable)
      throw new InvalidRequestError(`${location} parameter "${name}" ${error.message}`);
    if (error instanceof URIError)
      throw new InvalidRequestError(
        `${location} parameter "${name}" is not well-formed Unicode (it has a lone surrogate)`,
      );
    throw error;
  }
}

/** The query string (without `?`) of an operation's query parameters, in their order. */
export function queryString(query: Record<string, unknown> | undefined, encodings?: ParamEncodings): string {
  let search = "";
  for (const name in query) {
    const part = serializeParam("query", name, query[name], encodings?.query?.[name]);
    if (part !== undefined) search = search ? `${search}&${part}` : part;
  }
  return search;
}

const PATH_PARAM = /\{([^{}]+)\}/g;

/** `url` with each `{name}` replaced by its serialized value (openapi-fetch's `pathSerializer`). */
export function pathString(url: string, values: Record<string, unknown>, encodings?: ParamEncodings): string {
  return url.replace(PATH_PARAM, (match, name: string) =>
    name in values ? serializeParam("path", name, values[name], encodings?.path?.[name])! : match,
  );
}

/** Header parameters as header values; those not sent are left out. */
export function headerValues(
  values: Record<string, unknown>,
  encodings?: ParamEncodings,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in values) {
    const value = serializeParam("header", name, values[name], encodings?.header?.[name]);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** The `Cookie` header of cookie parameters (`a=1; b=2`); "" when none is sent. */
export function cookieHeader(cookies: Record<string, unknown>, encodings?: ParamEncodings): string {
  let header = "";
  for (const name in cookies) {
    const part = serializeParam("cookie", name, cookies[name], encodings?.cookie?.[name]);
    if (part !== undefined) header = header ? `${header}; ${part}` : part;
  }
  return header;
}
