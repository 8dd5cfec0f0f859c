/**
 * Violations that are Prism's own limitations, not the spec's or the client's: a call Prism flags
 * only for such reasons is reported as skipped, with the reason, never as ok. Each entry was
 * found on a real spec and reviewed (README "verify", and the skips each spec is expected to have
 * in test/verify/). Only the mock's responses are Prism's own making: against a real server, no
 * violation is excused.
 */
import type { OperationIr } from "../ir/types.js";
import { resolvePointer } from "../json-pointer.js";
import type { PrismFinding, PrismViolation } from "./prism.js";
import type { AmbiguousOneOf } from "./values.js";

/** What the plan found in the operation's schemas that a limitation may depend on. */
export interface LimitationContext {
  /** Property names in the response schemas that Prism's generator reads as its keywords (`generatorKeywordProperties`). */
  generatorKeywordProperties?: readonly string[];
}

interface Limitation {
  /** What the report prints. */
  reason: string;
  /** Whether one violation Prism listed is this limitation (the others of the finding given for context). */
  matches?(violation: PrismViolation, all: readonly PrismViolation[], operation: OperationIr, context: LimitationContext): boolean;
  /** Whether a problem Prism answered with, without a list of violations, is this limitation. */
  matchesProblem?(finding: PrismFinding, operation: OperationIr): boolean;
}

const inResponse = (v: PrismViolation) => v.location === "response" || v.location.startsWith("response.");
/** Ajv lists, with a failed oneOf, why each member failed: those sit at or under the oneOf's location. */
const underOneOf = (v: PrismViolation, all: readonly PrismViolation[]) =>
  all.some((o) => o !== v && o.code === "oneOf" && inResponse(o) && (v.location === o.location || v.location.startsWith(`${o.location}.`)));

export const LIMITATIONS: readonly Limitation[] = [
  {
    // GitHub: every `*_url` of `root` is `format: uri-template`; Keycloak's certificate downloads
    // are `format: byte`, DigitalOcean's uptime targets `format: url`: Prism's generator makes plain words.
    reason: "Prism's response generator (json-schema-faker) has no generator for the formats uri-template, byte and url",
    matches: (v) => inResponse(v) && v.code === "format" && /"(uri-template|byte|url)"/.test(v.message),
  },
  {
    // Vercel: `{ type: "null", oneOf: [string, number, …] }` (a nullable oneOf converted badly):
    // no value fits both, and the generator takes a member.
    reason:
      "the spec's response schema says `type: null` beside a oneOf of non-null members (no value fits both); Prism's generator takes a member",
    matches: (v) => inResponse(v) && v.code === "type" && /must be null$/.test(v.message),
  },
  {
    // GitHub's validation-error: `value` is oneOf a nullable string, integer and array: the
    // generator's null fits all three. Its other oneOfs (e.g. `errors` as strings or objects) get
    // values that mix the members.
    reason:
      "Prism's response generator (json-schema-faker) made a value that fits several members of a oneOf, or none (e.g. null where several members are nullable)",
    matches: (v, all) => inResponse(v) && (v.code === "oneOf" || underOneOf(v, all)),
  },
  {
    // GitHub's package-version metadata.docker requires `tags` and declares only `tag`.
    reason: "Prism's response generator (json-schema-faker) leaves out a required property that `properties` does not declare",
    matches: (v) => inResponse(v) && v.code === "required",
  },
  {
    // Kubernetes' CustomResourceDefinition: a column definition declares `jsonPath` (each column
    // came out as its property schemas), JSONSchemaProps declares `not` and `definitions`.
    reason:
      "Prism's response generator (json-schema-faker) reads a property named `jsonPath`, `not` or `definitions` as its own keyword and puts schemas or wrong types where values go",
    matches: (v, _all, _operation, context) => inResponse(v) && v.code === "type" && (context.generatorKeywordProperties?.length ?? 0) > 0,
  },
  {
    // YouTube (Swagger 2.0 without `produces`: responses of media type */*): Prism answers */* as
    // text, and cannot print an object as text.
    reason: "Prism cannot answer an object under the media type */* (it serialises */* as text)",
    matchesProblem: (finding) => finding.violations.includes("Cannot serialise complex objects as text"),
  },
  {
    // DocuSign (Swagger 2.0 `produces: application/pdf` for every response): a forced 400 is an
    // error object under application/pdf, and Prism has no serialiser for any media type but JSON,
    // XML and text.
    reason: "Prism cannot answer an object under a media type it has no serialiser for (e.g. an error object as application/pdf)",
    matchesProblem: (finding) => finding.violations.includes("Cannot find serializer for"),
  },
  {
    // Stripe: json-schema-faker's clean-up of a generated array reads the `items` of a schema it
    // has lost track of (the array sits under an anyOf/allOf without `properties`) and throws when
    // an element holds an empty object; Prism answers with the TypeError.
    reason: "Prism's response generator (json-schema-faker) crashed cleaning up an array it generated (TypeError reading 'items')",
    matchesProblem: (finding) =>
      finding.violations.includes("Cannot read properties of undefined (reading 'items')") &&
      finding.violations.includes("json-schema-faker"),
  },
  {
    // S3's HeadObject documents a text/xml body: Prism's answer to HEAD has none (HTTP forbids
    // it), and Prism then checks that empty answer against the documented body.
    reason: "Prism checks its own answer to HEAD (no body, as HTTP requires) against the documented body",
    matches: (v, _all, operation) =>
      operation.httpMethodUpper === "HEAD" &&
      ((v.location === "response" && v.message.includes('received media type ""')) || v.location === "response.body"),
  },
  {
    // YouTube's watermark upload: image/png or octet-stream bytes whose schema is an object. Prism
    // reads the bytes as text and checks them against the object schema: no bytes can pass.
    reason: "Prism checks a binary or text request body against an object schema (no bytes can pass)",
    matches: (v, _all, operation) =>
      /^(request\.)?body$/.test(v.location) &&
      v.code === "type" &&
      (operation.body?.encoding === "binary" || operation.body?.encoding === "text"),
  },
  {
    // readme's file-uploads: `filename` is an array of files, sent as one part per file; GitLab's
    // form bodies repeat a field per array item. Prism keeps one string per part or field name
    // (the last) unless the spec gives the field an `encoding` style, so an array or object fails.
    reason: "Prism reads each field of a multipart or form body as one string (an array or object field cannot pass)",
    matches: (v, _all, operation) =>
      /^(request\.)?body\.[^.]+$/.test(v.location) &&
      v.code === "type" &&
      /must be (array|object)/.test(v.message) &&
      (operation.body?.encoding === "multipart" || operation.body?.encoding === "form"),
  },
  {
    // Telnyx: `filter[record_type]` is a query parameter's name; the client percent-encodes its
    // brackets (as URLSearchParams does), and Prism looks the parameter up by the encoded name.
    reason: "Prism does not decode a query parameter's name: one with reserved characters (e.g. `filter[type]`) is not found",
    matches: (v) => /^(request\.)?query$/.test(v.location) && v.code === "required" && /'[^']*%[0-9a-f]{2}[^']*'/i.test(v.message),
  },
  {
    // Stripe: `automatic_tax` is an optional deepObject query parameter whose object requires
    // `enabled`. Prism's deepObject reader builds the object from the schema's properties even when
    // the request leaves the parameter out, and that empty object lacks its required properties.
    reason:
      "Prism reads an optional deepObject query parameter that is left out as an empty object, which lacks the object's required properties",
    matches: (v, _all, operation) => {
      const name = /^(?:request\.)?query\.([^.]+)$/.exec(v.location)?.[1];
      const param = operation.paramsIn?.query.find((p) => p.name === name);
      return v.code === "required" && param !== undefined && !param.required && param.serialization.style === "deepObject";
    },
  },
  {
    // Stripe's form bodies: `file_link_data`, `flow_data` are optional fields with `style:
    // deepObject` in the body's `encoding`; Prism reads one that is left out, or an optional object
    // nested in one, as an empty object, as above.
    reason:
      "Prism reads an optional deepObject form field (or an object nested in one) that is left out as an empty object, which lacks the object's required properties",
    matches: (v, _all, operation) => {
      const name = /^(?:request\.)?body\.([^.]+)/.exec(v.location)?.[1];
      return v.code === "required" && name !== undefined && deepObjectField(operation, name);
    },
  },
  {
    // Stripe: `line_items` is an array of objects with `style: deepObject` (`line_items[0][price]=x`,
    // as Stripe's API reads it); Prism's form reader takes an array of objects only as JSON text.
    reason: "Prism reads an array of objects in a form body only as JSON text, not by index as deepObject sends it",
    matches: (v, _all, operation) =>
      v.location === "request" && v.message.includes("Cannot deserialize JSON object array in form data") && deepObjectField(operation),
  },
  {
    // Dialogporten: `party` is a nullable array (`type: array, nullable: true`). Prism's
    // deserialisers read a parameter as an array or object only when `type` is that one word; with
    // a list of types (what `nullable` becomes) the value stays text and fails its type check.
    reason: "Prism does not deserialise a parameter whose schema lists several types (e.g. a nullable array): its value stays text",
    matches: (v) =>
      /^(request\.)?(query|header|path|cookie)\./.test(v.location) &&
      v.code === "type" &&
      /must be [a-z]+(,[a-z]+)+\b/.test(v.message) &&
      /must be \S*\b(array|object)\b/.test(v.message),
  },
];

const inRequest = (v: PrismViolation) => !inResponse(v);

/** Whether the operation's body sends the field `name` (any field, without one) in style deepObject (its `encoding` says so). */
function deepObjectField(operation: OperationIr, name?: string): boolean {
  return (
    operation.body?.fieldEncodings?.some((f) => (name === undefined || f.name === name) && f.serialization.style === "deepObject") === true
  );
}

/**
 * Property names json-schema-faker (0.5, `traverse`) acts on as keywords when it walks an object's
 * map of property schemas: `jsonPath` makes it return the map itself (schemas where values go),
 * `not` makes it generate a value that is not the map, `definitions` is copied as written.
 */
const GENERATOR_KEYWORDS = new Set(["jsonPath", "not", "definitions"]);

/**
 * The property names of `GENERATOR_KEYWORDS` declared by any object schema reachable from these
 * schemas (through `$ref`s, properties, items and compositions), sorted.
 */
export function generatorKeywordProperties(document: unknown, schemaPointers: readonly string[]): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const schema = node as Record<string, unknown>;
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) visit(resolvePointer(document, schema.$ref));
    const properties = schema.properties;
    if (properties && typeof properties === "object") {
      for (const name of Object.keys(properties)) if (GENERATOR_KEYWORDS.has(name)) found.add(name);
      Object.values(properties).forEach(visit);
    }
    for (const key of ["items", "additionalProperties", "allOf", "anyOf", "oneOf", "not", "prefixItems"]) visit(schema[key]);
  };
  for (const at of schemaPointers) visit(resolvePointer(document, at));
  return [...found].sort();
}

/**
 * Why a request Prism refused is not exercised, when the call's arguments hold a `oneOf` value
 * that fits several members (no value made fits one only) and Prism's every finding is such a
 * `oneOf`, or under one: the request cannot be made valid, by this check, for that reason.
 */
export function ambiguousOneOfReason(finding: PrismFinding, ambiguities: readonly AmbiguousOneOf[] | undefined): string | undefined {
  if (!ambiguities?.length || finding.items.length === 0) return undefined;
  const oneOfs = finding.items.filter((v) => inRequest(v) && v.code === "oneOf");
  const explained = (v: PrismViolation) => oneOfs.some((o) => v.location === o.location || v.location.startsWith(`${o.location}.`));
  if (oneOfs.length === 0 || !finding.items.every(explained)) return undefined;
  return ambiguities
    .map((kind) =>
      kind === "discriminator"
        ? "Prism checks a oneOf without its discriminator: the value fits several members, and the discriminator names one"
        : "the spec's oneOf members overlap: every value this check makes fits several, and oneOf asks for exactly one",
    )
    .join("; ");
}

/** Why a call to the mock that timed out is Prism's limitation (its generator on a large recursive schema). */
export const MOCK_TIMEOUT_REASON = "Prism did not answer in time (its response generator on a large or deeply recursive schema)";

/**
 * The reason(s) when every violation of a finding on the mock is a known limitation of Prism;
 * otherwise (or against a real server) undefined.
 */
export function knownLimitation(
  finding: PrismFinding,
  operation: OperationIr,
  mock: boolean,
  context: LimitationContext = {},
): string | undefined {
  if (!mock) return undefined;
  if (finding.items.length === 0) return LIMITATIONS.find((l) => l.matchesProblem?.(finding, operation))?.reason;
  const reasons = new Set<string>();
  for (const item of finding.items) {
    const limitation = LIMITATIONS.find((l) => l.matches?.(item, finding.items, operation, context));
    if (!limitation) return undefined;
    reasons.add(limitation.reason);
  }
  return [...reasons].join("; ");
}
