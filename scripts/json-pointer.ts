/**
 * JSON Pointers (RFC 6901) written as URI fragments, `#/paths/~1pets/get`: built, split and
 * followed here and nowhere else. A pointer we build is never percent-encoded; a `$ref` written in
 * a spec is a URI reference, so its fragment may be (RFC 3986 §2.1), and is decoded first.
 */

/** One token of a pointer: `~` → `~0`, `/` → `~1`. */
export function encodePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `pointer("paths", "/pets", "get")` → `#/paths/~1pets/get`. */
export function pointer(...tokens: (string | number)[]): string {
  return `#/${tokens.map(encodePointerToken).join("/")}`;
}

/** `#/paths/~1pets/get` → `["paths", "/pets", "get"]`; `#` and `#/` → `[]`. */
export function pointerTokens(at: string): string[] {
  const body = at.replace(/^#/, "");
  return body === "" || body === "/" ? [] : body.slice(1).split("/").map(decodePointerToken);
}

/** A `$ref`'s local fragment as tokens: percent-decoded first (a malformed escape stays as written). */
export function refTokens(ref: string): string[] {
  return pointerTokens(ref).map((token) => {
    if (!token.includes("%")) return token;
    try {
      return decodeURIComponent(token);
    } catch {
      return token;
    }
  });
}

/** The value at `tokens` in `document`, or undefined where the path does not exist. */
export function valueAt(document: unknown, tokens: readonly string[]): unknown {
  let node: unknown = document;
  for (const token of tokens) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** The value a pointer we built designates. */
export function resolvePointer(document: unknown, at: string): unknown {
  return valueAt(document, pointerTokens(at));
}
