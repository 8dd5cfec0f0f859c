/**
 * Credentials → headers, query and cookies, driven by the spec's security schemes
 * (one descriptor per scheme, generated), never by the name of one API.
 */

export type SecuritySchemeDescriptor =
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; field: string }
  | { kind: "basic" }
  | { kind: "bearer" };

export type SecuritySchemes = Readonly<Record<string, SecuritySchemeDescriptor>>;

/** The credential options of a client configuration; apiKey fields are named by the generator. */
export interface Credentials {
  username?: string;
  password?: string;
  accessToken?: string | (() => string | Promise<string>);
}

export interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
  cookies: Record<string, string>;
}

/**
 * What a scheme sends, when the configuration has it: the API key, `user:password`, or the token
 * (a string or a function). `undefined`: this scheme cannot be sent.
 */
function credentialFor(scheme: SecuritySchemeDescriptor | undefined, credentials: Credentials): unknown {
  if (!scheme) return undefined;
  const { username, password, accessToken } = credentials;
  const value =
    scheme.kind === "apiKey"
      ? (credentials as Record<string, unknown>)[scheme.field]
      : scheme.kind === "basic"
        ? username !== undefined && password !== undefined
          ? `${username}:${password}`
          : undefined
        : accessToken;
  // An API key must be a string; none may be empty.
  return value === "" || (scheme.kind === "apiKey" && typeof value !== "string") ? undefined : value;
}

/**
 * Picks the first requirement alternative whose schemes all have credentials, and builds
 * what it sends. No alternative satisfied: nothing is sent (the server answers 401). A promise
 * only when a bearer token comes from a function (every other call stays synchronous).
 */
export function authFor(
  security: readonly (readonly string[])[],
  schemes: SecuritySchemes,
  credentials: Credentials,
): AuthParts | undefined | Promise<AuthParts> {
  const chosen = security.find(
    (alternative) =>
      alternative.length > 0 &&
      alternative.every((name) => credentialFor(schemes[name], credentials) !== undefined),
  );
  if (!chosen) return undefined;
  const parts: AuthParts = { headers: {}, query: {}, cookies: {} };
  let pending: Promise<void> | undefined;
  for (const name of chosen) {
    const scheme = schemes[name]!;
    const value = credentialFor(scheme, credentials) as string;
    const token = credentials.accessToken;
    if (scheme.kind === "apiKey")
      parts[scheme.in === "header" ? "headers" : scheme.in === "query" ? "query" : "cookies"][scheme.name] =
        value;
    else if (scheme.kind === "basic")
      // btoa takes Latin-1 only: the UTF-8 bytes of `user:password`, one character each.
      parts.headers.Authorization = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(value)))}`;
    else if (typeof token === "function")
      // One call of the token function, however many bearer schemes the alternative lists.
      pending ??= (async () => {
        parts.headers.Authorization = `Bearer ${await token()}`;
      })();
    else parts.headers.Authorization = `Bearer ${token}`;
  }
  return pending ? pending.then(() => parts) : parts;
}
