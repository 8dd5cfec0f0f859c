/**
 * How each parameter goes on the wire (OpenAPI 3.1 §4.8.12.4 "Style Values" and "Style Examples";
 * Appendix D for headers and cookies): its style, explode and allowReserved with the defaults of
 * its location resolved, or the media type of a parameter declared with `content`. A combination
 * the spec does not define (its table's "n/a", a style of another location, nested values) is
 * decided here by a fixed rule and reported as a warning that says what is sent instead; the
 * runtime (templates/runtime/params.ts) only executes the decision.
 */
import * as runtimeParams from "../../templates/runtime/params.js";
import type { SpecIssue } from "../issues.js";
import { deref, schemaTypes, type Schema } from "./schema.js";
import type { ParamIr, ParamSerializationIr, ParamStyle, RuntimeStyleName } from "./types.js";

type Location = ParamIr["in"];

/** The styles each location defines, its default first (§4.8.12.4 "Style Values"). */
export const STYLES_BY_LOCATION: Readonly<Record<Location, readonly ParamStyle[]>> = {
  query: ["form", "spaceDelimited", "pipeDelimited", "deepObject"],
  path: ["simple", "label", "matrix"],
  header: ["simple"],
  cookie: ["form"],
};

/** What a schema's values are, as far as serialization cares. */
export type ValueShape = "primitive" | "array" | "object" | "unknown";

/** The shape of a schema: through `$ref`, 3.1 type lists, and compositions whose members agree. */
export function valueShape(document: Schema, schema: Schema | undefined, depth = 0): ValueShape {
  const resolved = deref<Schema | undefined>(document, schema);
  if (!resolved || typeof resolved !== "object" || depth > 8) return "unknown";
  const types = schemaTypes(resolved);
  if (types.length > 0) {
    const shapes = new Set(types.map((t) => (t === "array" ? "array" : t === "object" ? "object" : "primitive")));
    return shapes.size === 1 ? [...shapes][0]! : "unknown";
  }
  const members = (resolved.allOf ?? resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  if (Array.isArray(members) && members.length > 0) {
    const shapes = new Set(
      members.filter((m) => deref<Schema>(document, m)?.type !== "null").map((m) => valueShape(document, m, depth + 1)),
    );
    return shapes.size === 1 ? [...shapes][0]! : "unknown";
  }
  if (resolved.items || resolved.prefixItems) return "array";
  if (resolved.properties || resolved.additionalProperties) return "object";
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0)
    return resolved.enum.every((v: unknown) => v === null || typeof v !== "object") ? "primitive" : "unknown";
  return "unknown";
}

/** Whether the items of an array schema, or the properties of an object schema, are arrays or objects. */
function hasNestedValues(document: Schema, schema: Schema | undefined, shape: ValueShape): boolean {
  const resolved = deref<Schema | undefined>(document, schema);
  if (!resolved || typeof resolved !== "object") return false;
  const nested = (s: unknown) => {
    const inner = valueShape(document, s as Schema);
    return inner === "array" || inner === "object";
  };
  if (shape === "array") return nested(resolved.items);
  if (shape !== "object") return false;
  const extra = resolved.additionalProperties;
  return Object.values<Schema>(resolved.properties ?? {}).some(nested) || (typeof extra === "object" && extra !== null && nested(extra));
}

/** JSON media types (`application/json`, `application/problem+json`, `text/json`) are sent as JSON text. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return /^[a-z]+\/([a-z0-9.+-]*\+)?json$/.test(essence);
}

export interface SerializationInput {
  document: Schema;
  /** The resolved Parameter Object. */
  param: Schema;
  /** Where the Parameter Object is (after `$ref`s): the warnings point there. */
  at: string;
  issues: SpecIssue[];
  /** How warnings name it (default: `query parameter "name"`). */
  label?: string;
}

function warn(issues: SpecIssue[], code: string, at: string, message: string, hint: string): void {
  issues.push({ code, severity: "warning", pointer: at, message, hint });
}

/** The serialization of one parameter, with a warning for each decision the spec leaves open. */
export function decideSerialization({ document, param, at, issues, label }: SerializationInput): ParamSerializationIr {
  const location = param.in as Location;
  const where = label ?? `${location} parameter "${param.name}"`;
  // An `in` OpenAPI 3.1 does not have is the structural rules' error; serialize it as a query's.
  const allowed = STYLES_BY_LOCATION[location] ?? STYLES_BY_LOCATION.query;
  const isDefault = (s: ParamSerializationIr) =>
    s.style === allowed[0] && s.explode === (s.style === "form") && !s.allowReserved && !s.mediaType;

  if (!param.schema && param.content && typeof param.content === "object") {
    const mediaTypes = Object.keys(param.content);
    const mediaType = mediaTypes[0] ?? "application/json";
    if (mediaTypes.length > 1) {
      warn(
        issues,
        "parameter-content-media-types",
        `${at}/content`,
        `${where} declares ${mediaTypes.length} media types in \`content\` (OpenAPI allows one); the client sends ${mediaType}`,
        "keep one media type in the parameter's content",
      );
    }
    const contentAs = isJsonMediaType(mediaType) ? "json" : "text";
    if (contentAs === "text" && !/^text\//i.test(mediaType)) {
      warn(
        issues,
        "parameter-content-as-text",
        `${at}/content`,
        `${where} is declared as ${mediaType}, which the client cannot encode; a string is sent as it is, any other value as JSON text`,
        "declare the parameter as application/json or text/plain, or with a schema and a style",
      );
    }
    for (const keyword of ["style", "explode", "allowReserved"].filter((k) => param[k] !== undefined)) {
      warn(
        issues,
        "parameter-style-ignored",
        `${at}/${keyword}`,
        `${where} is declared with \`content\`, so its \`${keyword}\` is ignored (OpenAPI applies it to \`schema\` parameters only)`,
        `remove \`${keyword}\``,
      );
    }
    return {
      explode: false,
      allowReserved: false,
      mediaType,
      contentAs,
      isDefault: false,
      inTable: true,
      runtimeStyle: contentAs === "json" ? "jsonContent" : "textContent",
    };
  }

  let style = (typeof param.style === "string" ? param.style : allowed[0]) as ParamStyle;
  const tsv = location === "query" && param["x-collectionFormat"] === "tsv" && param.style === undefined;
  if (tsv) {
    // swagger2openapi keeps Swagger 2.0's tab-separated arrays only as this extension.
    style = "tabDelimited";
    warn(
      issues,
      "parameter-collection-format-tsv",
      at,
      `${where} has Swagger 2.0's \`collectionFormat: tsv\`, which OpenAPI 3 has no style for; the client sends the values tab-separated (${param.name}=a%09b)`,
      "use `style: spaceDelimited` or `pipeDelimited` if the server accepts it",
    );
  } else if (!allowed.includes(style)) {
    warn(
      issues,
      "parameter-style-not-allowed",
      `${at}/style`,
      `${where} has style ${String(param.style)}, which OpenAPI does not define for ${location} parameters; the client sends it as ${allowed[0]}`,
      `use one of: ${allowed.join(", ")}`,
    );
    style = allowed[0]!;
  }
  // deepObject's default (false) is the one combination its table leaves undefined; every use of
  // deepObject means it exploded, so an unwritten explode is taken as true without a warning.
  let explode = typeof param.explode === "boolean" ? param.explode : style === "form" || style === "deepObject";
  let allowReserved = param.allowReserved === true;
  if (allowReserved && location !== "query") {
    warn(
      issues,
      "parameter-style-ignored",
      `${at}/allowReserved`,
      `${where} has \`allowReserved\`, which OpenAPI applies to query parameters only; it is ignored`,
      "remove `allowReserved`",
    );
    allowReserved = false;
  }

  const shape = valueShape(document, param.schema);
  const undefinedCombination = (sent: string, sentStyle: ParamStyle, sentExplode: boolean) => {
    warn(
      issues,
      "parameter-style-undefined",
      at,
      `${where}: style ${style}${explode ? " with explode" : ""} on ${shape === "primitive" ? "a primitive" : `an ${shape}`} is not defined by OpenAPI; the client sends ${sent}`,
      `use a style OpenAPI defines for ${shape === "array" ? "arrays" : shape === "object" ? "objects" : "primitives"} (see its "Style Examples" table)`,
    );
    style = sentStyle;
    explode = sentExplode;
  };
  const delimited = style === "spaceDelimited" || style === "pipeDelimited" || style === "tabDelimited";
  if (delimited && explode) {
    undefinedCombination(`one ${param.name}=value pair per item, as form with explode does`, "form", true);
  } else if (delimited && shape === "primitive") {
    undefinedCombination(`${param.name}=value, as form does`, "form", true);
  } else if (style === "deepObject" && shape === "primitive") {
    undefinedCombination(`${param.name}=value, as form does`, "form", true);
  } else if (style === "deepObject" && shape === "array") {
    undefinedCombination(`each item under its index (${param.name}[0]=a&${param.name}[1]=b)`, "deepObject", true);
  } else if (style === "deepObject" && param.explode === false) {
    undefinedCombination(`it exploded (${param.name}[key]=value), as with explode: true`, "deepObject", true);
  } else if (delimited && shape === "object" && String(document.openapi).startsWith("3.0")) {
    warn(
      issues,
      "parameter-style-undefined",
      at,
      `${where}: OpenAPI 3.0 defines style ${style} for arrays only; the client sends the object as OpenAPI 3.1 does (${param.name}=key${style === "pipeDelimited" ? "%7C" : "%20"}value)`,
      "send an array, or use style form or deepObject",
    );
  }
  if (hasNestedValues(document, param.schema, shape)) {
    warn(
      issues,
      "parameter-nested-values",
      at,
      style === "deepObject"
        ? `${where} has nested arrays or objects, whose deepObject form OpenAPI does not define; the client sends them by key and index (${param.name}[a][b]=1, ${param.name}[list][0]=x)`
        : `${where} has nested arrays or objects, which style ${style} cannot express; the client sends each nested value as JSON text`,
      "declare the parameter with `content: {application/json: ...}` to send it all as JSON",
    );
  }
  if (location === "cookie" && (shape === "array" || shape === "object")) {
    warn(
      issues,
      "parameter-cookie-style",
      at,
      `${where} is ${shape === "array" ? "an array" : "an object"}, whose cookie form OpenAPI leaves to implementations (Appendix D); the client sends ${explode ? `one pair per ${shape === "array" ? "item" : "property"}, joined by "; "` : `${param.name}=a,b`}`,
      "declare the cookie with `content: {text/plain: ...}` and build its value yourself",
    );
  }
  const decided: ParamSerializationIr = { style, explode, allowReserved, isDefault: false, inTable: true, runtimeStyle: `${style}Style` };
  decided.isDefault = isDefault(decided);
  decided.inTable = !decided.isDefault || (location === "path" && shape !== "primitive");
  return decided;
}

/** The runtime's style functions by export name: a name the runtime lacks does not compile. */
const RUNTIME_STYLES: Record<RuntimeStyleName, runtimeParams.ParamStyle> = {
  formStyle: runtimeParams.formStyle,
  spaceDelimitedStyle: runtimeParams.spaceDelimitedStyle,
  pipeDelimitedStyle: runtimeParams.pipeDelimitedStyle,
  tabDelimitedStyle: runtimeParams.tabDelimitedStyle,
  deepObjectStyle: runtimeParams.deepObjectStyle,
  simpleStyle: runtimeParams.simpleStyle,
  labelStyle: runtimeParams.labelStyle,
  matrixStyle: runtimeParams.matrixStyle,
  jsonContent: runtimeParams.jsonContent,
  textContent: runtimeParams.textContent,
};

/** The runtime's table entry of a decided serialization (what `OPERATIONS.xxx.params` holds). */
export function runtimeEncoding(serialization: ParamSerializationIr): runtimeParams.ParamEncoding {
  return {
    style: RUNTIME_STYLES[serialization.runtimeStyle],
    ...(serialization.mediaType ? {} : { explode: serialization.explode }),
    ...(serialization.allowReserved ? { allowReserved: true } : {}),
  };
}
