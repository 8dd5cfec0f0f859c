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

function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function apiKeyOf(credentials: Credentials, field: string): unknown {
  return (credentials as Record<string, unknown>)[field];
}

function isSatisfied(scheme: SecuritySchemeDescriptor | undefined, credentials: Credentials): boolean {
  if (!scheme) return false;
  switch (scheme.kind) {
    case "apiKey":
      return (
        typeof apiKeyOf(credentials, scheme.field) === "string" && apiKeyOf(credentials, scheme.field) !== ""
      );
    case "basic":
      return credentials.username !== undefined && credentials.password !== undefined;
    case "bearer":
      return credentials.accessToken !== undefined && credentials.accessToken !== "";
  }
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
      alternative.length > 0 && alternative.every((name) => isSatisfied(schemes[name], credentials)),
  );
  if (!chosen) return undefined;
  const parts: AuthParts = { headers: {}, query: {}, cookies: {} };
  let pending: Promise<void> | undefined;
  for (const name of chosen) {
    const scheme = schemes[name]!;
    if (scheme.kind === "apiKey") {
      const value = apiKeyOf(credentials, scheme.field) as string;
      if (scheme.in === "header") parts.headers[scheme.name] = value;
      else if (scheme.in === "query") parts.query[scheme.name] = value;
      else parts.cookies[scheme.name] = value;
    } else if (scheme.kind === "basic") {
      parts.headers.Authorization = `Basic ${base64Utf8(`${credentials.username}:${credentials.password}`)}`;
    } else if (typeof credentials.accessToken === "function") {
      // One call of the token function, however many bearer schemes the alternative lists.
      const token = credentials.accessToken;
      pending ??= (async () => {
        parts.headers.Authorization = `Bearer ${await token()}`;
      })();
    } else {
      parts.headers.Authorization = `Bearer ${credentials.accessToken}`;
    }
  }
  return pending ? pending.then(() => parts) : parts;
}
