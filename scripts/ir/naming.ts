/**
 * Names in generated code. Pure functions: the IR decides every identifier with these, and
 * templates print them as they are.
 */
import { CONFIG_OPTION_NAMES, REQUEST_OPTION_NAMES } from "./runtime-options.js";

/** Words that cannot be used as a binding name (parameter, variable) in strict-mode TS. */
const RESERVED_BINDINGS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with implements interface let package private protected public static yield " +
    "await arguments eval undefined"
  ).split(" "),
);

const reasons = (names: string, why: string): [string, string][] => names.split(" ").map((name) => [name, why]);

/**
 * Exported names no model, class or operation alias can take, each with why: TS's own type
 * keywords, openapi-typescript's exports, and names the generated package itself exports.
 * (Globals such as `Error` are renamed instead: see `globalSafeTypeName`.)
 */
export const RESERVED_TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ...reasons("any unknown never string number boolean object bigint symbol undefined null void", "a TypeScript type keyword"),
  ...reasons("paths components operations webhooks $defs Readable Writable $Read $Write", "an export of the generated types (schema.ts)"),
  ...reasons(
    "ApiError ApiCore InvalidRequestError ClientConfig RequestOptions BaseApi OPERATIONS DEFAULT_BASE_URL SECURITY_SCHEMES " +
      "ApiConnectionError ApiTimeoutError CLIENT_DEFAULTS Logger LogEvent HookError UnexpectedResponseError ApiPromise WithResponse",
    "an export of every generated client",
  ),
  ...reasons("EventStream ServerSentEvent JsonLines Download", "an export of a generated client with streamed responses"),
]);

/** Method names a generated API class cannot use (JS class semantics or our base class members), each with why. */
export const RESERVED_METHOD_NAMES: ReadonlyMap<string, string> = new Map([
  ["constructor", "the constructor of every class"],
  ["prototype", "a static member of every class"],
  ["core", "a member of every API class (the request machinery)"],
  ["client", "a member of every API class (the openapi-fetch client)"],
  ["createClient", "the factory that fn.ts exports beside the per-operation functions"],
]);

/**
 * Local names a method's body uses besides its arguments (the request builder's parameter):
 * an argument cannot be named like one.
 */
export const RESERVED_LOCALS: ReadonlySet<string> = new Set(["init"]);

/**
 * The method name of an operation without an operationId, from its method and path alone (so
 * adding an operation elsewhere never renames it): the HTTP method, then each path segment in
 * PascalCase, a parameter as `By<Name>` (`And<Name>` after another one), `Root` for `/`.
 * `GET /pets/{petId}/photos` → `getPetsByPetIdPhotos`, `DELETE /` → `deleteRoot`.
 */
export function methodNameFromPath(method: string, path: string): string {
  const parts: string[] = [];
  let previousWasParam = false;
  for (const piece of path.split(/(\{[^}]*\})/)) {
    const param = /^\{(.*)\}$/.exec(piece);
    if (param) {
      parts.push(previousWasParam ? "And" : "By", ...words(param[1]!).map(upperFirst));
      previousWasParam = true;
    } else if (words(piece).length > 0) {
      parts.push(...words(piece).map(upperFirst));
      previousWasParam = false;
    }
  }
  return camelCase(`${method} ${parts.length ? parts.join(" ") : "Root"}`);
}

/**
 * Globals a user's file is likely to use beside the client: every ECMAScript built-in (ES2024
 * §19-28: `Error`, `Date`, `Map`, `JSON`, ...), the fetch and URL globals an API call meets
 * (`Request`, `Response`, `Headers`, `URL`, `Blob`, `File`, `FormData`, `AbortSignal`, ...) and
 * TS's global utility types (`Record`, `Partial`, ...). `import { Error } from "client"` would
 * hide the global for the whole file (`new Error()` no longer compiles). DOM tree names (`Node`,
 * `Event`, `Comment`, `Location`) are left alone: they are common schema names, and a file that
 * calls an API seldom uses them as globals.
 */
const SHADOWED_GLOBALS = new Set(
  (
    "AggregateError Array ArrayBuffer Atomics BigInt BigInt64Array BigUint64Array Boolean DataView Date " +
    "Error EvalError FinalizationRegistry Float32Array Float64Array Function Infinity Int8Array Int16Array " +
    "Int32Array Intl Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError " +
    "Reflect RegExp Set SharedArrayBuffer String Symbol SyntaxError TypeError URIError Uint8Array " +
    "Uint8ClampedArray Uint16Array Uint32Array WeakMap WeakRef WeakSet " +
    "AbortController AbortSignal Blob Crypto DOMException File FormData Headers ReadableStream Request " +
    "Response TextDecoder TextEncoder URL URLSearchParams WebSocket " +
    "Awaited Capitalize ConstructorParameters Exclude Extract InstanceType Lowercase NonNullable Omit " +
    "Parameters Partial Pick Readonly Record Required ReturnType Uncapitalize Uppercase"
  ).split(" "),
);

/**
 * The name a model is exported as when its own name would shadow a JavaScript global: `Error` →
 * `ErrorModel`. `undefined` when the name is safe as it is. (The IR reports each rename as a
 * warning.)
 */
export function globalSafeTypeName(typeName: string): string | undefined {
  return SHADOWED_GLOBALS.has(typeName) ? `${typeName}Model` : undefined;
}

function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const camelCases = new Map<string, string>();

/** `list_credentials`, `get-order-by-id`, `ListCredentials` → `listCredentials`, `getOrderById`. */
export function camelCase(input: string): string {
  // Names repeat (every operation's parameters, every model's properties): computed once each.
  let result = camelCases.get(input);
  if (result === undefined) camelCases.set(input, (result = computeCamelCase(input)));
  return result;
}

function computeCamelCase(input: string): string {
  const parts = words(input);
  // A leading acronym is lowered whole (`HTTPStatus` → `httpStatus`), later words keep their case.
  const lowerFirst = (w: string) => (w === w.toUpperCase() ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1));
  const joined = parts.map((w, i) => (i === 0 ? lowerFirst(w) : upperFirst(w))).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `organization` → `Organization`, `user-accounts` → `UserAccounts`. */
export function pascalCase(input: string): string {
  const joined = words(input).map(upperFirst).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

export function isReservedBinding(name: string): boolean {
  return RESERVED_BINDINGS.has(name);
}

/** A local binding for a wire name: camelCased, and suffixed with `_` when reserved. */
export function bindingName(wireName: string): string {
  const name = camelCase(wireName) || "value";
  return isReservedBinding(name) ? `${name}_` : name;
}

/** A string as TS (and JSON) source: `"name"`. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** An object key as TS source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return isValidIdentifier(name) ? name : JSON.stringify(name);
}

/** Keys of the per-call options object that every method takes: a parameter cannot be named like one. */
export const REQUEST_OPTION_KEYS: ReadonlySet<string> = new Set(REQUEST_OPTION_NAMES);

/** The request options as holders of their names in an operation's options namespace. */
export const REQUEST_OPTION_HOLDERS: ReadonlyMap<string, string> = new Map(
  REQUEST_OPTION_NAMES.map((name) => [name, "a request option of every method"]),
);
/**
 * Names every object has (`toString`, `constructor`, `__proto__`, ...): an option object the caller
 * leaves out (`= {}`) still "has" them, so they cannot be option keys.
 */
export const INHERITED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Options of the client configuration the runtime defines: a credential option cannot take one of these names. */
export const CONFIG_OPTION_KEYS: ReadonlySet<string> = new Set(CONFIG_OPTION_NAMES);

/** The async-iterator method of a paginated operation. */
export function iteratorName(methodName: string): string {
  return `${methodName}Iterator`;
}

/** The async iterator over the pages of a paginated operation. */
export function pagesName(methodName: string): string {
  return `${methodName}Pages`;
}
