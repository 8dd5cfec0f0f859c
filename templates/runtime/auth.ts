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
 * Picks the first requirement alternative whose schemes all have credentials (an API key that is
 * a non-empty string, a username and a password, a non-empty token or token function), and
 * builds what it sends. No alternative satisfied: nothing is sent (the server answers 401). A
 * promise only when a bearer token comes from a function (every other call stays synchronous),
 * which is then called once, however many bearer schemes the alternative lists.
 */
export function authFor(
  security: readonly (readonly string[])[],
  schemes: SecuritySchemes,
  credentials: Credentials,
): AuthParts | undefined | Promise<AuthParts> {
  const { username, password, accessToken: token } = credentials;
  for (const alternative of security) {
    const parts: AuthParts = { headers: {}, query: {}, cookies: {} };
    let bearer = false;
    const satisfied =
      alternative.length > 0 &&
      alternative.every((name) => {
        const scheme = schemes[name];
        if (scheme?.kind === "apiKey") {
          const key = (credentials as Record<string, unknown>)[scheme.field];
          if (typeof key !== "string" || !key) return false;
          parts[scheme.in === "header" ? "headers" : scheme.in === "query" ? "query" : "cookies"][
            scheme.name
          ] = key;
        } else if (scheme?.kind === "basic") {
          if (username === undefined || password === undefined) return false;
          // btoa takes Latin-1 only: the UTF-8 bytes of `user:password`, one character each.
          const bytes = new TextEncoder().encode(`${username}:${password}`);
          parts.headers.Authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
        } else if (!scheme || !token) return false;
        else bearer = true;
        return true;
      });
    if (!satisfied) continue;
    if (typeof token === "function" && bearer)
      return (async () => {
        parts.headers.Authorization = `Bearer ${await token()}`;
        return parts;
      })();
    if (bearer) parts.headers.Authorization = `Bearer ${token}`;
    return parts;
  }
  return undefined;
}
