/**
 * Parameters on the wire, one serializer for every style of OpenAPI 3.1 (§4.8.12.4 "Style Values"
 * and "Style Examples", which follow RFC 6570 §3.2): query `form`, `spaceDelimited`,
 * `pipeDelimited`, `deepObject`; path `simple`, `label`, `matrix`; headers `simple`; cookies
 * `form`; each with or without `explode`; and parameters declared with `content` (their value as
 * JSON or as text). The generated operations table lists only the parameters that are not sent the
 * default way of their location (query and cookie: form, exploded; path and header: simple), each
 * with its style function, which it imports: a spec bundles only the styles it uses.
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

export type ParamLocation = "path" | "query" | "header" | "cookie";

/**
 * A style: one parameter's value (never undefined or null) as its wire text at `location` (see
 * `serializeParam`), `encode` percent-encoding each name and value as the location needs.
 */
export type ParamStyle = (
  location: ParamLocation,
  name: string,
  value: unknown,
  explode: boolean,
  encode: (text: string) => string,
) => string | undefined;

/** How one parameter is serialized, when it is not the default of its location. */
export interface ParamEncoding {
  style: ParamStyle;
  explode?: boolean;
  /** Query only: RFC 6570 reserved expansion. */
  allowReserved?: boolean;
}

/** Per location, the parameters (by wire name) that are not serialized the default way. */
export type ParamEncodings = Readonly<
  Partial<Record<ParamLocation, Readonly<Record<string, ParamEncoding>>>>
>;

/** A value that cannot be sent; `serializeParam` names the parameter. */
class Unsendable extends Error {}

/** Text of unreserved characters only (RFC 3986 §2.3): most names and values, sent as they are. */
const UNRESERVED = /^[\w.~-]*$/;

/**
 * RFC 3986 percent-encoding: only unreserved characters stay (`encodeURIComponent` leaves the
 * sub-delimiters `!'()*` as they are although RFC 3986 reserves them). Throws URIError on a lone surrogate.
 */
function strict(text: string): string {
  return UNRESERVED.test(text)
    ? text
    : encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 6570 reserved expansion as OpenAPI's `allowReserved` means it in a query. */
function reserved(text: string): string {
  return encodeURIComponent(text).replace(/%(?:3A|2F|3F|40|24|2C|3B)|%25(?=[0-9A-Fa-f]{2})/g, (m) =>
    m === "%25" ? "%" : decodeURIComponent(m),
  );
}

/** Headers: the text as it is. */
const verbatim = (text: string) => text;

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

/** One scalar as text; an array or object nested in another as JSON text. */
function text(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new Unsendable(`cannot be ${value}`);
      return String(value);
    case "boolean":
    case "bigint":
      return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Unsendable("cannot be an invalid Date");
    return value.toISOString();
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new Unsendable(`cannot be a ${typeof value}`);
  return json;
}

/** Defined items of an array, or defined members of an object, as text. */
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

/** RFC 6570's list and map expansions: `a<sep>b`, `k,v,k2,v2`, exploded `k=v<sep>k2=v2`. */
function joined(value: unknown, explode: boolean, encode: (s: string) => string, explodedSeparator: string) {
  if (Array.isArray(value)) {
    const list = items(value);
    return list.length ? list.map(encode).join(explode ? explodedSeparator : ",") : undefined;
  }
  if (isContainer(value)) {
    const list = pairs(value);
    if (list.length === 0) return undefined;
    return explode
      ? list.map(([k, v]) => `${encode(k)}=${encode(v)}`).join(explodedSeparator)
      : list.map(([k, v]) => `${encode(k)},${encode(v)}`).join(",");
  }
  return encode(text(value));
}

/** `form` (query and cookie, their default): `c=a&c=b` exploded, `c=a,b` not; cookies join by `; `. */
export const formStyle: ParamStyle = (location, name, value, explode, encode) => {
  const key = location === "cookie" ? name : strict(name);
  if (explode && isContainer(value)) {
    const separator = location === "cookie" ? "; " : "&";
    if (Array.isArray(value)) {
      const list = items(value);
      return list.length ? list.map((item) => `${key}=${encode(item)}`).join(separator) : undefined;
    }
    return joined(value, true, encode, separator);
  }
  const part = joined(value, false, encode, ",");
  return part === undefined ? undefined : `${key}=${part}`;
};

/** `simple` (path and header, their default): `a,b`, `k,v,k2,v2`, exploded `k=v,k2=v2`. */
export const simpleStyle: ParamStyle = (_location, _name, value, explode, encode) =>
  joined(value, explode, encode, ",");

/** `label`: `.a,b`, exploded `.a.b` (a `.` inside an item goes as `%2E`, RFC 3986 §2.3). */
export const labelStyle: ParamStyle = (_location, _name, value, explode, encode) => {
  const part = joined(value, explode, explode ? (s) => encode(s).replace(/\./g, "%2E") : encode, ".");
  return part === undefined ? undefined : `.${part}`;
};

/** `matrix`: `;c=a,b`, exploded `;c=a;c=b` and `;k=v;k2=v2`; `;c` for the empty string. */
export const matrixStyle: ParamStyle = (_location, name, value, explode, encode) => {
  const named = (key: string, item: string) => (item === "" ? `;${key}` : `;${key}=${item}`);
  if (explode && isContainer(value)) {
    if (Array.isArray(value))
      return items(value)
        .map((item) => named(encode(name), encode(item)))
        .join("");
    return pairs(value)
      .map(([k, v]) => named(encode(k), encode(v)))
      .join("");
  }
  const part = joined(value, false, encode, ",");
  return part === undefined ? undefined : named(encode(name), part);
};

/** spaceDelimited, pipeDelimited and tabDelimited: `c=a%20b`, `c=k%7Cv`; exploded they are form. */
function delimited(delimiter: string, style: string): ParamStyle {
  const raw = decodeURIComponent(delimiter);
  return (location, name, value, explode, encode) => {
    if (explode || !isContainer(value)) return formStyle(location, name, value, explode, encode);
    const list = Array.isArray(value) ? items(value) : pairs(value).flat();
    if (list.length === 0) return undefined;
    for (const item of list)
      if (item.includes(raw))
        throw new Unsendable(
          `has the value ${JSON.stringify(item)}, which holds the delimiter of style ${style} (${delimiter}): the server could not tell the values apart`,
        );
    return `${strict(name)}=${list.map(encode).join(delimiter)}`;
  };
}

export const spaceDelimitedStyle: ParamStyle = /* @__PURE__ */ delimited("%20", "spaceDelimited");
export const pipeDelimitedStyle: ParamStyle = /* @__PURE__ */ delimited("%7C", "pipeDelimited");
/** Swagger 2.0's `collectionFormat: tsv`, which OpenAPI 3 has no style for. */
export const tabDelimitedStyle: ParamStyle = /* @__PURE__ */ delimited("%09", "tabDelimited");

/** `deepObject`: `f%5Ba%5D=1&f%5Bb%5D=2`, nested objects by key and arrays by index; always exploded. */
export const deepObjectStyle: ParamStyle = (location, name, value, explode, encode) => {
  if (!isContainer(value)) return formStyle(location, name, value, explode, encode);
  const out: string[] = [];
  const deep = (prefix: string, item: unknown): void => {
    if (item === undefined || item === null) return;
    if (Array.isArray(item)) item.forEach((member, i) => deep(`${prefix}%5B${i}%5D`, member));
    else if (isContainer(item))
      for (const [key, member] of Object.entries(item)) {
        if (/[[\]]/.test(key))
          throw new Unsendable(
            `has the key ${JSON.stringify(key)}, whose brackets deepObject could not tell from its own`,
          );
        deep(`${prefix}%5B${encode(key)}%5D`, member);
      }
    else out.push(`${prefix}=${encode(text(item))}`);
  };
  deep(strict(name), value);
  return out.length ? out.join("&") : undefined;
};

/** A parameter declared with `content`: its text in the place a value of its location goes. */
function content(serialize: (value: unknown) => string | undefined): ParamStyle {
  return (location, name, value, _explode, encode) => {
    const body = serialize(value);
    if (body === undefined) throw new Unsendable(`cannot be a ${typeof value}`);
    if (location === "path" || location === "header") return encode(body);
    return `${location === "query" ? strict(name) : name}=${encode(body)}`;
  };
}

/** `content` of a JSON media type: the value as JSON text. */
export const jsonContent: ParamStyle = /* @__PURE__ */ content((value) => JSON.stringify(value));
/** `content` of any other media type: a string as it is, anything else as JSON text. */
export const textContent: ParamStyle = /* @__PURE__ */ content((value) =>
  typeof value === "string" ? value : JSON.stringify(value),
);

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
  return serialize(
    location,
    name,
    value,
    encoding,
    location === "query" || location === "cookie" ? formStyle : simpleStyle,
  );
}

/**
 * `serializeParam` with the default style of the location given by the caller: a bundle whose
 * operations send no query or cookie parameter does not carry `formStyle` (only a scalar value
 * sent the default way needs no style at all).
 */
function serialize(
  location: ParamLocation,
  name: string,
  value: unknown,
  encoding: ParamEncoding | undefined,
  defaultStyle: ParamStyle,
): string | undefined {
  if (location === "path") return pathValue(name, value, encoding ?? { style: defaultStyle });
  return guard(location, name, () => {
    if (value === undefined || value === null) return undefined;
    let part: string | undefined;
    if (!encoding && typeof value !== "object") {
      // Most parameters: a scalar sent the default way of its location.
      const wire = location === "header" ? text(value) : strict(text(value));
      part =
        location === "query" ? `${strict(name)}=${wire}` : location === "cookie" ? `${name}=${wire}` : wire;
    } else {
      const style = encoding ? encoding.style : defaultStyle;
      const explode = encoding ? encoding.explode === true : location !== "header";
      const encode = location === "header" ? verbatim : encoding?.allowReserved ? reserved : strict;
      part = style(location, name, value, explode, encode);
    }
    if (location === "header" && part !== undefined && !/^[\t\x20-\x7E]*$/.test(part))
      throw new Unsendable(
        "has a character an HTTP header cannot carry (only visible ASCII, spaces and tabs); encode the value first",
      );
    return part;
  });
}

/** Runs `serialize`, turning a value that cannot be sent into an `InvalidRequestError` naming the parameter. */
function guard<T>(location: ParamLocation, name: string, serialize: () => T): T {
  try {
    return serialize();
  } catch (error) {
    if (error instanceof Unsendable || error instanceof URIError)
      throw new InvalidRequestError(
        `${location} parameter "${name}" ${error instanceof Unsendable ? error.message : "cannot be text with a lone surrogate"}`,
      );
    throw error;
  }
}

/**
 * One path parameter: a scalar as its text, percent-encoded; an array or object only with a style
 * (the operations table lists one for every path parameter that is an array or object, so that
 * operations with scalar path parameters do not bundle the styles). A value without a style that
 * is not a scalar goes as JSON text.
 */
function pathValue(name: string, value: unknown, encoding: ParamEncoding | undefined): string {
  return guard("path", name, () => {
    if (value === undefined || value === null) throw new Unsendable(`cannot be ${value}`);
    const part = encoding
      ? encoding.style("path", name, value, encoding.explode === true, strict)
      : strict(text(value));
    // Empty would leave `//`; `.` and `..` survive encoding and walk to another endpoint.
    if (!part || part === "." || part === "..")
      throw new Unsendable(`cannot be ${JSON.stringify(part ?? "")}`);
    return part;
  });
}

/** The query string (without `?`) of an operation's query parameters, in their order. */
export function queryString(query: Record<string, unknown> | undefined, encodings?: ParamEncodings): string {
  let search = "";
  for (const name in query) {
    const part = serialize("query", name, query[name], encodings?.query?.[name], formStyle);
    if (part !== undefined) search = search ? `${search}&${part}` : part;
  }
  return search;
}

/** `url` (a path template) with each `{name}` replaced by its serialized value. */
export function pathString(url: string, values: Record<string, unknown>, encodings?: ParamEncodings): string {
  return url.replace(/\{([^{}]*)\}/g, (template, name: string) =>
    Object.hasOwn(values, name) ? pathValue(name, values[name], encodings?.path?.[name]) : template,
  );
}

/** Header parameters as header values; those not sent are left out. */
export function headerValues(
  values: Record<string, unknown>,
  encodings?: ParamEncodings,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in values) {
    const value = serialize("header", name, values[name], encodings?.header?.[name], simpleStyle);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** The `Cookie` header of cookie parameters (`a=1; b=2`); "" when none is sent. */
export function cookieHeader(cookies: Record<string, unknown>, encodings?: ParamEncodings): string {
  let header = "";
  for (const name in cookies) {
    const part = serialize("cookie", name, cookies[name], encodings?.cookie?.[name], formStyle);
    if (part !== undefined) header = header ? `${header}; ${part}` : part;
  }
  return header;
}
