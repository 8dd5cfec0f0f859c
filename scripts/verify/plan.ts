/**
 * What `verify` asks of each operation: a call with the required arguments only, one with every
 * optional argument too (when there is any), and, against the mock, one per documented status
 * forced with `Prefer: code=NNN`. Arguments are made from the schemas (values.ts) in the order the
 * generated methods take them: positional parameters, the body, then one options object. What
 * cannot be exercised is planned as skipped, with the reason.
 */
import type { ApiIr, BodyIr, OperationIr, ParamIr, SecuritySchemeIr } from "../ir/types.js";
import { resolvePointer } from "../json-pointer.js";
import { generatorKeywordProperties } from "./limitations.js";
import { ValueSynthesizer, type AmbiguousOneOf, type Schema, type Synthesis } from "./values.js";

export type CallKind = "required" | "optional" | "status";

export interface PlannedCall {
  kind: CallKind;
  /** The status asked of Prism with `Prefer: code=NNN` (status calls only). */
  prefer?: number;
  /** The documented response it stands for: `404`, `4XX`, `default`. */
  documented?: string;
  /** The method's arguments: positional parameters, the body (when the method takes one), options. */
  args: unknown[];
  /** The arguments hold a `oneOf` value that fits several members (see `AmbiguousOneOf`). */
  ambiguousOneOf?: AmbiguousOneOf[];
}

export interface Skip {
  /**
   * What is not exercised: the operation (`operation`), one documented status (`404`, `default`),
   * or one unforced call (`required arguments`, `every optional argument`).
   */
  what: string;
  reason: string;
}

export interface OperationPlan {
  operation: OperationIr;
  className: string;
  calls: PlannedCall[];
  skipped: Skip[];
  /** Property names in the response schemas that Prism's generator reads as keywords (limitations.ts). */
  generatorKeywordProperties?: string[];
}

export interface PlanOptions {
  /** Force each documented status (mock only: a real server answers what it answers). */
  statuses: boolean;
  /** Methods that may be called; the others are skipped with `unsafeReason`. */
  allowMethod: (method: string) => boolean;
  unsafeReason: string;
}

/** A media type as RFC 9110 §8.3.1 writes it: `type/subtype`, then parameters. */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(;.*)?$/;
/** Methods fetch sends no body with (Fetch standard: `new Request` throws). */
const BODILESS_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** Statuses tried, in order, for a range (`4XX`) or `default`: the first one not declared otherwise. */
const RANGE_CANDIDATES: Record<string, number[]> = {
  "2": [200, 201, 202, 203, 206, 207, 208, 226],
  "3": [300, 301, 302, 303, 304, 305, 307, 308],
  "4": [400, 401, 402, 403, 404, 405, 406, 409, 410, 418, 422, 429, 499],
  "5": [500, 501, 502, 503, 504, 599],
};
const DEFAULT_CANDIDATES = [500, 503, 400, 409, 418, 422, 599];

/** Why fetch cannot hand a response of this status to a client, if it cannot. */
function whyFetchCannotReceive(status: number): string | undefined {
  if (status < 200) return `${status} is informational: fetch never hands it to a client as a response`;
  if (status > 599) return `${status} is not an HTTP status fetch accepts (200-599)`;
  if (status === 407) return "fetch turns a 407 (proxy authentication) into a network error (Fetch standard)";
  return undefined;
}

/**
 * Why no request can meet the operation's security, if none can: every alternative asks for two
 * credentials in the one `Authorization` header (HTTP basic, bearer, OAuth2 and OpenID Connect).
 */
export function whyNoRequestIsAuthorised(operation: OperationIr, schemes: readonly SecuritySchemeIr[]): string | undefined {
  if (operation.security.length === 0) return undefined;
  const usesAuthorization = (name: string) => {
    const scheme = schemes.find((s) => s.name === name);
    return (
      scheme?.kind === "basic" ||
      scheme?.kind === "bearer" ||
      (scheme?.in === "header" && scheme.paramName?.toLowerCase() === "authorization")
    );
  };
  const clashes = operation.security.map((alternative) => alternative.filter(usesAuthorization));
  if (clashes.some((names) => names.length < 2)) return undefined;
  const first = clashes[0]!.join(" and ");
  return `every security alternative needs two credentials in the one Authorization header (e.g. ${first}): no request carries both`;
}

/**
 * The status Prism's mock answers when none is asked for (prism-http's negotiator): the lowest
 * 2xx, else `default` as 200, else the first documented response (a range as its X00).
 */
export function unforcedMockStatus(documented: readonly string[]): number | undefined {
  const lowest2xx = documented.filter((s) => /^2(\d\d|XX)$/.test(s)).sort()[0];
  const chosen = lowest2xx ?? (documented.includes("default") ? "200" : documented[0]);
  if (chosen === undefined) return undefined;
  return Number(/^\dXX$/.test(chosen) ? `${chosen[0]}00` : chosen);
}

/** The status to force for a documented response, or a reason it cannot be forced. */
export function statusToForce(documented: string, all: readonly string[]): number | { reason: string } {
  const exact = new Set(all.filter((s) => /^\d{3}$/.test(s)).map(Number));
  const ranges = new Set(all.filter((s) => /^\dXX$/i.test(s)).map((s) => s[0]!));
  if (/^\d{3}$/.test(documented)) {
    const status = Number(documented);
    const unreceivable = whyFetchCannotReceive(status);
    return unreceivable ? { reason: unreceivable } : status;
  }
  if (/^\dXX$/i.test(documented)) {
    const digit = documented[0]!;
    if (digit === "1") return { reason: "1XX are informational: fetch never hands them to a client as a response" };
    const status = (RANGE_CANDIDATES[digit] ?? []).find((s) => !exact.has(s));
    return status ?? { reason: `every status of ${documented} this check knows is declared on its own` };
  }
  if (documented === "default") {
    const status = DEFAULT_CANDIDATES.find((s) => !exact.has(s) && !ranges.has(String(s)[0]!));
    return status ?? { reason: "every status this check would use for `default` is declared on its own" };
  }
  return { reason: `"${documented}" is not a status code` };
}

export class Planner {
  readonly #values: ValueSynthesizer;
  constructor(private readonly document: Schema) {
    this.#values = new ValueSynthesizer(document);
  }

  plan(ir: ApiIr, options: PlanOptions): OperationPlan[] {
    const plans: OperationPlan[] = [];
    for (const api of ir.apis)
      for (const operation of api.operations) plans.push(this.planOperation(operation, api.className, options, ir.securitySchemes));
    return plans;
  }

  planOperation(
    operation: OperationIr,
    className: string,
    options: PlanOptions,
    securitySchemes: readonly SecuritySchemeIr[] = [],
  ): OperationPlan {
    const plan: OperationPlan = { operation, className, calls: [], skipped: [] };
    const method = operation.httpMethodUpper;
    if (method === "TRACE") {
      plan.skipped.push({ what: "operation", reason: "fetch refuses to send TRACE (Fetch standard: a forbidden method)" });
      return plan;
    }
    if (!options.allowMethod(method)) {
      plan.skipped.push({ what: "operation", reason: options.unsafeReason });
      return plan;
    }
    const documented = operation.responses.map((r) => r.status);
    if (options.statuses && documented.length === 0) {
      plan.skipped.push({ what: "operation", reason: "it documents no response: Prism's mock has none to answer with" });
      return plan;
    }
    if (operation.path.includes("#")) {
      plan.skipped.push({
        what: "operation",
        reason: "its path holds a fragment (`#…`): fetch does not send it, so Prism cannot tell this operation from the path without it",
      });
      return plan;
    }
    const badMediaType = operation.responses
      .flatMap((r) => Object.keys((resolvePointer(this.document, r.pointer) as Schema | undefined)?.content ?? {}))
      .find((mediaType) => !MEDIA_TYPE.test(mediaType));
    if (badMediaType !== undefined) {
      plan.skipped.push({
        what: "operation",
        reason: `a response's media type "${badMediaType}" is not type/subtype: Prism crashes on it`,
      });
      return plan;
    }
    if (operation.body?.required && BODILESS_METHODS.has(method)) {
      plan.skipped.push({ what: "operation", reason: `its body is required, and fetch sends no body with ${method} (Fetch standard)` });
      return plan;
    }
    const unauthorisable = whyNoRequestIsAuthorised(operation, securitySchemes);
    if (unauthorisable) {
      plan.skipped.push({ what: "operation", reason: unauthorisable });
      return plan;
    }
    const keywordProperties = generatorKeywordProperties(
      this.document,
      operation.responses.flatMap((r) => (r.schemaPointer === undefined ? [] : [r.schemaPointer])),
    );
    if (keywordProperties.length > 0) plan.generatorKeywordProperties = keywordProperties;
    const required = this.#args(operation, "required");
    const everything = this.#args(operation, "full");
    const withOptional = JSON.stringify(everything.args, blobAsText) !== JSON.stringify(required.args, blobAsText);
    // Prism (prism-http's simple-style deserialiser) crashes on a request without an optional header
    // whose schema is an array or object: such headers go with every call but the one that leaves them out.
    const crashing = operation.optionalParams.filter((p) => p.in === "header" && !p.deprecated && this.#isArrayOrObject(p));
    const sent = crashing.length > 0 ? this.#args(operation, "required", crashing) : required;
    // Against the mock, a call without `Prefer: code` gets the status Prism picks: one fetch may refuse.
    const unforced = options.statuses ? unforcedMockStatus(documented) : undefined;
    const unreceivable = unforced === undefined ? undefined : whyFetchCannotReceive(unforced);
    if (unreceivable) {
      const reason = `Prism's mock answers ${unforced} when no status is asked for: ${unreceivable}`;
      plan.skipped.push({ what: "required arguments", reason });
      if (withOptional) plan.skipped.push({ what: "every optional argument", reason });
    } else {
      if (crashing.length > 0)
        plan.skipped.push({
          what: "required arguments",
          reason: `Prism crashes on a request without an optional array or object header (${crashing.map((p) => p.name).join(", ")}): the other calls send it`,
        });
      else plan.calls.push({ kind: "required", ...required });
      if (withOptional) plan.calls.push({ kind: "optional", ...everything });
    }
    if (!options.statuses) return plan;
    for (const status of documented) {
      const forced = statusToForce(status, documented);
      if (typeof forced === "number") plan.calls.push({ kind: "status", prefer: forced, documented: status, ...sent });
      else plan.skipped.push({ what: status, reason: forced.reason });
    }
    return plan;
  }

  #schema(at: string | undefined): Schema | undefined {
    return at === undefined ? undefined : (resolvePointer(this.document, at) as Schema | undefined);
  }

  #param(param: ParamIr, synthesis: Synthesis): unknown {
    return this.#values.value(this.#schema(param.schemaPointer), { ...synthesis, wire: true });
  }

  /** Whether Prism reads the parameter's schema as an array or object (its `type` that one word). */
  #isArrayOrObject(param: ParamIr): boolean {
    const type = this.#values.merged(this.#schema(param.schemaPointer) ?? {}).type;
    return type === "array" || type === "object";
  }

  /**
   * The arguments with the required values only (and the optional parameters `alsoSent`), or with
   * every optional one too (`full`).
   */
  #args(operation: OperationIr, fill: Synthesis["fill"], alsoSent: readonly ParamIr[] = []): Pick<PlannedCall, "args" | "ambiguousOneOf"> {
    const ambiguities = new Set<AmbiguousOneOf>();
    const synthesis: Synthesis = { fill, ambiguities };
    const optional = fill === "full";
    const args: unknown[] = operation.positionalParams.map((p) => this.#param(p, synthesis));
    // fetch refuses a body with GET or HEAD (an optional one is left out; a required one skips the operation).
    const bodySent = operation.body && !BODILESS_METHODS.has(operation.httpMethodUpper) && (operation.body.required || optional);
    const body = bodySent ? this.#body(operation.body!, synthesis) : undefined;
    if (operation.body) args.push(body);
    // A required header that frames the body says the body's length (fetch refuses any other).
    operation.positionalParams.forEach((p, i) => {
      if (isFraming(p) && p.name.toLowerCase() === "content-length") args[i] = byteLength(body);
    });
    const options: Record<string, unknown> = {};
    // Deprecated parameters are left out: Prism warns about each one sent, and a client should not send them.
    // So are the optional headers that frame the body: fetch sets them.
    for (const p of operation.optionalParams)
      if (!p.deprecated && !isFraming(p) && (optional || alsoSent.includes(p))) options[p.optionKey] = this.#param(p, synthesis);
    args.push(options);
    return ambiguities.size > 0 ? { args, ambiguousOneOf: [...ambiguities].sort() } : { args };
  }

  /** A body in the form the runtime serialises for its encoding (files as Blobs). */
  #body(body: BodyIr, synthesis: Synthesis): unknown {
    const schema = this.#schema(body.schemaPointer);
    switch (body.encoding) {
      case "binary":
        return new Blob(["verify"], { type: body.mediaType.includes("*") ? "application/octet-stream" : body.mediaType });
      case "text": {
        const value = this.#values.value(schema, synthesis);
        return typeof value === "string" ? value : JSON.stringify(value);
      }
      case "multipart":
        return this.#withFiles(schema, this.#sendableFields(body, schema, this.#values.value(schema, synthesis), synthesis));
      default:
        return this.#sendableFields(body, schema, this.#values.value(schema, synthesis), synthesis);
    }
  }

  /**
   * A form field sent as deepObject cannot carry an empty object (it has no pairs: the field is
   * not sent at all), so a field whose required-only value is `{}` gets every property instead.
   */
  #sendableFields(body: BodyIr, schema: Schema | undefined, value: unknown, synthesis: Synthesis): unknown {
    if (!body.fieldEncodings || value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const properties: Record<string, Schema> = this.#values.merged(schema ?? {}).properties ?? {};
    const result = { ...(value as Record<string, unknown>) };
    for (const { name, serialization } of body.fieldEncodings) {
      const field = result[name];
      if (serialization.style !== "deepObject" || !isEmptyObject(field) || !properties[name]) continue;
      result[name] = this.#values.value(properties[name], { ...synthesis, fill: "full" });
    }
    return result;
  }

  /** Multipart fields that are files (`format: binary`, or 3.1's `contentMediaType`) as Blobs. */
  #withFiles(schema: Schema | undefined, value: unknown): unknown {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const properties: Record<string, Schema> = this.#values.merged(schema ?? {}).properties ?? {};
    const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [name, property] of Object.entries(properties)) {
      if (!(name in result)) continue;
      const resolved = this.#values.merged(property);
      const item = resolved.type === "array" ? this.#values.merged(resolved.items ?? {}) : resolved;
      const isFile = item.format === "binary" || typeof item.contentMediaType === "string" || item.contentEncoding === "binary";
      if (!isFile) continue;
      const file = () =>
        new Blob(["verify"], { type: typeof item.contentMediaType === "string" ? item.contentMediaType : "application/octet-stream" });
      result[name] = Array.isArray(result[name]) ? (result[name] as unknown[]).map(file) : file();
    }
    return result;
  }
}

/**
 * A header that frames the body (`Content-Length`, `Transfer-Encoding`): fetch sets it from the
 * body, and refuses a request whose value disagrees. Not sent when optional.
 */
function isFraming(param: ParamIr): boolean {
  return param.in === "header" && /^(content-length|transfer-encoding)$/i.test(param.name);
}

/** The bytes the runtime sends for a body (a Blob as is, text as UTF-8, anything else as JSON). */
function byteLength(body: unknown): number {
  if (body === undefined) return 0;
  if (body instanceof Blob) return body.size;
  return Buffer.byteLength(typeof body === "string" ? body : JSON.stringify(body));
}

/** JSON.stringify replacer that tells Blobs apart from plain objects (for comparing argument lists). */
function blobAsText(_key: string, value: unknown): unknown {
  return value instanceof Blob ? `[Blob ${value.size} ${value.type}]` : value;
}

const isEmptyObject = (value: unknown): boolean =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
