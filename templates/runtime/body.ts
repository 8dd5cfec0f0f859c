/** Request bodies other than JSON (openapi-fetch's default), chosen by the spec's media type. */
import { serializeParam, type ParamEncoding } from "./params.js";

function formValue(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The `name=value` pairs of a field the spec's `encoding` gives a style, as a query parameter of
 * that style sends them (`scope[type]=account` for deepObject), decoded.
 */
function styledPairs(name: string, value: unknown, encoding: ParamEncoding): [string, string][] {
  const wire = serializeParam("query", name, value, encoding);
  if (!wire) return [];
  return wire.split("&").map((pair) => {
    const at = pair.indexOf("=");
    return at < 0
      ? [decodeURIComponent(pair), ""]
      : [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
  });
}

/**
 * application/x-www-form-urlencoded: a field with a declared style as a query parameter of that
 * style; any other field once per item, an object as JSON text.
 */
export function formBody(
  body: Record<string, unknown>,
  fields?: Readonly<Record<string, ParamEncoding>>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    const encoding = fields?.[key];
    if (encoding) for (const [name, text] of styledPairs(key, value, encoding)) params.append(name, text);
    else for (const item of Array.isArray(value) ? value : [value]) params.append(key, formValue(item));
  }
  return params;
}

/** multipart/form-data: a part per item (files as they are), styled fields as in `formBody`. */
export function multipartBody(
  body: Record<string, unknown>,
  fields?: Readonly<Record<string, ParamEncoding>>,
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    const encoding = fields?.[key];
    if (encoding) for (const [name, text] of styledPairs(key, value, encoding)) form.append(name, text);
    else
      for (const item of Array.isArray(value) ? value : [value]) {
        form.append(key, item instanceof Blob ? item : formValue(item));
      }
  }
  return form;
}

export const textBody = (body: unknown): string => String(body);

export const binaryBody = (body: unknown): unknown => body;
