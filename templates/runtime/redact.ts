/**
 * Redaction: what may leave the client in an error or a log line. Two mechanisms:
 * - by name: headers that carry credentials, the query parameters of apiKey schemes, and the
 *   request body's fields the spec marks `writeOnly` become "[REDACTED]";
 * - by value: the known secret values of one call (API key, password, token, writeOnly values)
 *   are blanked out of any text, in case a server or a `fetch` quotes them back.
 */

export const REDACTED = "[REDACTED]";

/**
 * Shorter values are not blanked out by value: replacing every "a" or "42" in a message would
 * destroy it while protecting nothing a real credential looks like. (By-name redaction applies
 * whatever the length.)
 */
export const MIN_SECRET_LENGTH = 4;

/** Headers that carry credentials whatever the API: auth, cookies, and key/token-like names. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|secret|token|passw|session|signature|credential/i;

export function isSecretHeaderName(name: string, extra?: ReadonlySet<string>): boolean {
  return SECRET_HEADER.test(name) || (extra !== undefined && extra.has(name.toLowerCase()));
}

/** The secret forms of a header's value (whole, and after a scheme like `Bearer `), if the header carries credentials. */
export function headerSecrets(name: string, value: unknown, extra?: ReadonlySet<string>): string[] {
  return typeof value === "string" && isSecretHeaderName(name, extra)
    ? [...secretForms(value), ...secretForms(value.slice(value.indexOf(" ") + 1))]
    : [];
}

/** The value and the forms it takes in a URL or a form body (none when it is not a string). */
export function secretForms(value: unknown): string[] {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set([value]);
  try {
    forms.add(encodeURIComponent(value));
  } catch {
    // A lone surrogate: no URL form.
  }
  return [...forms.add(new URLSearchParams({ v: value }).toString().slice(2))];
}

/** `text` with every occurrence of every secret replaced by "[REDACTED]". */
export function scrubText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && result.includes(secret))
      result = result.split(secret).join(REDACTED);
  }
  return result;
}

/** A copy of a JSON-like value with secrets blanked out of every string (keys included). */
export function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (Array.isArray(value) && depth < 33) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  // JSON's objects (a parsed body, or one redactFields made): class instances never reach here.
  if (value === null || typeof value !== "object" || depth > 32) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value)
    copy[scrubText(key, secrets)] = scrubDeep((value as Record<string, unknown>)[key], secrets, depth + 1);
  return copy;
}

/** A copy of a request body with the value of every field named in `names` (any depth) redacted. */
export function redactFields(value: unknown, names: readonly string[], depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, names, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    return `[${(value as object).constructor?.name ?? "object"}]`;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      names.includes(key) && item !== undefined && item !== null
        ? REDACTED
        : redactFields(item, names, depth + 1);
  }
  return copy;
}

/** Every string under a field named in `names` (any depth): the values to blank out of errors. */
export function secretValuesOf(
  value: unknown,
  names: readonly string[],
  into: string[] = [],
  depth = 0,
  inside = false,
): string[] {
  if (depth > 32) return into;
  if (typeof value === "string") {
    if (inside) into.push(...secretForms(value));
  } else if (Array.isArray(value)) {
    for (const item of value) secretValuesOf(item, names, into, depth + 1, inside);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      secretValuesOf(item, names, into, depth + 1, inside || names.includes(key));
  }
  return into;
}

/** Headers as a plain record for a log line, with credential-carrying ones redacted. */
export function redactHeaders(
  headers: Headers,
  extra: ReadonlySet<string>,
  secrets: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = isSecretHeaderName(name, extra) ? REDACTED : scrubText(value, secrets);
  });
  return result;
}

/** A URL for a log line: the values of the named query parameters redacted, other secrets blanked. */
export function redactUrl(url: string, queryNames: ReadonlySet<string>, secrets: readonly string[]): string {
  const start = url.indexOf("?");
  if (start < 0 || queryNames.size === 0) return scrubText(url, secrets);
  const end = url.indexOf("#", start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  const redacted = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // Keep the raw name.
      }
      return queryNames.has(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  return scrubText(`${url.slice(0, start)}?${redacted}${end < 0 ? "" : url.slice(end)}`, secrets);
}
