/**
 * One walk of the bundled document, object by object as the OpenAPI Specification defines them
 * (so a property named `not` is a name, not a keyword), for what Redocly's rules do not decide:
 *
 * - a `$ref` that leads nowhere in the bundle: read as any value (`unknown`), warned;
 * - discriminator mappings (§4.8.25): a bare schema name is written as the `$ref` it stands for;
 *   a value that names nothing is left out, warned;
 * - a schema or parameter `$ref` to a place openapi-typescript cannot name as a type (anything but
 *   a component, or a property of a component schema; e.g. another operation's
 *   `.../content/application~1json/schema` or `.../parameters/0`, as Redocly bundles a file used
 *   twice): replaced by a copy of what it points at;
 * - a header parameter named `Accept`, `Content-Type` or `Authorization` (§4.8.12.1: "SHALL be
 *   ignored"): left out of its list, warned;
 * - the fidelity report: every keyword the generated types or client do not express is named
 *   where it is written (ignored, or approximated by a looser type).
 *
 * The document is repaired in place; the warnings carry the JSON pointer of the bundled document.
 */
import type { SpecIssue } from "../issues.js";
import { encodePointerToken, refTokens, valueAt } from "../json-pointer.js";

type Node = Record<string, any>;

/** Deeper than any real document; what is below is not checked. */
const MAX_DEPTH = 256;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Schema keywords the types ignore (JSON Schema 2020-12 applicators and OpenAPI's `xml`), and why that is safe to know. */
const IGNORED_SCHEMA_KEYWORDS = new Map(
  Object.entries({
    not: "a value the schema excludes is not excluded by the type",
    if: "the type does not depend on the `if` condition (`then`/`else` are not applied)",
    dependentSchemas: "the type does not depend on which properties are present",
    dependentRequired: "properties required together are each typed as optional",
    unevaluatedProperties: "the type does not close the object",
    unevaluatedItems: "the type does not close the array",
    propertyNames: "keys are typed as any string",
    contains: "the array's items are typed by `items` only",
    $dynamicRef: "read as any value (`unknown`)",
    contentSchema: "the encoded string is typed as a string",
    xml: "XML names and wrapping are not used: an XML body is sent as the bytes or string given",
  }),
);

/** Keywords the types express only loosely. */
const APPROXIMATED_SCHEMA_KEYWORDS = new Map(
  Object.entries({
    patternProperties: "typed as an index signature whose values are the union of the patterns' types (the key patterns are not checked)",
  }),
);

interface Walk {
  document: Node;
  tokens: string[];
  warnings: SpecIssue[];
  /** How deep the walk is: a document is a tree (a YAML alias may share a node, never loop forever through this bound). */
  depth: number;
  resolved: Map<string, boolean>;
  schemaNames: Set<string>;
  /** The `$ref`s whose copies the walk is in (a copy is checked where it was written, not again). */
  copying: string[];
  /** Parameter list entries to leave out once the warnings are located (their pointers name them as written). */
  leftOut: { holder: Node; entries: Set<unknown> }[];
}

const at = (walk: Walk, ...more: string[]) => `#/${[...walk.tokens, ...more].map(encodePointerToken).join("/")}`;

function warn(walk: Walk, issue: Omit<SpecIssue, "severity">): void {
  walk.warnings.push({ ...issue, severity: "warning" });
}

function resolves(walk: Walk, ref: string): boolean {
  let found = walk.resolved.get(ref);
  if (found === undefined) {
    // `#` is the whole document, never a schema or a parameter (openapi-typescript cannot read it).
    found = ref.startsWith("#") && refTokens(ref).length > 0 && valueAt(walk.document, refTokens(ref)) !== undefined;
    walk.resolved.set(ref, found);
  }
  return found;
}

/** A `$ref` that leads nowhere is dropped (its siblings stay): the node is then any value. True when the node was a reference. */
function reference(walk: Walk, node: Node): boolean {
  if (!("$ref" in node)) return false;
  if (typeof node.$ref !== "string") {
    warn(walk, {
      code: "unresolved-ref",
      pointer: at(walk, "$ref"),
      message: `the $ref is ${JSON.stringify(node.$ref)}, not a string: ignored (the node is read without it)`,
      hint: "write the $ref as a string: a file and/or a JSON pointer",
    });
    delete node.$ref;
    return false;
  }
  if (resolves(walk, node.$ref)) return true;
  warn(walk, {
    code: "unresolved-ref",
    pointer: at(walk),
    message: `the $ref "${node.$ref}" points at ${node.$ref === "#" ? "the whole document" : "nothing in the bundled document"}: read as any value (\`unknown\`)`,
    hint: "point the $ref at an existing file and JSON pointer",
  });
  delete node.$ref;
  return false;
}

function visit(walk: Walk, key: string | number, value: unknown, visitor: (walk: Walk, node: Node) => void): void {
  if (!value || typeof value !== "object" || Array.isArray(value) || walk.depth > MAX_DEPTH) return;
  walk.depth++;
  walk.tokens.push(String(key));
  visitor(walk, value as Node);
  walk.tokens.pop();
  walk.depth--;
}

function each(walk: Walk, key: string, map: unknown, visitor: (walk: Walk, node: Node) => void): void {
  if (!map || typeof map !== "object") return;
  walk.tokens.push(key);
  if (Array.isArray(map)) map.forEach((value, i) => visit(walk, i, value, visitor));
  else for (const name of Object.keys(map)) visit(walk, name, (map as Node)[name], visitor);
  walk.tokens.pop();
}

function discriminator(walk: Walk, schema: Node): void {
  const mapping = schema.discriminator?.mapping;
  if (!mapping || typeof mapping !== "object") return;
  for (const [name, target] of Object.entries<unknown>(mapping)) {
    if (typeof target !== "string") continue;
    if (!target.includes("/") && !target.includes("#") && walk.schemaNames.has(target)) {
      // §4.8.25.1: a mapping value may be a schema name; written as the reference it stands for.
      mapping[name] = `#/components/schemas/${encodePointerToken(target)}`;
      continue;
    }
    if (resolves(walk, target)) continue;
    warn(walk, {
      code: "unresolved-discriminator-mapping",
      pointer: at(walk, "discriminator", "mapping", name),
      message: `the discriminator value "${name}" maps to "${target}", which is not in the bundled document: left out of the mapping`,
      hint: "map it to a schema of the document (`#/components/schemas/<name>`) or to a schema name",
    });
    delete mapping[name];
  }
}

/** Where a schema has subschemas (JSON Schema 2020-12 applicators): maps of them, lists of them, one of them. */
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONE = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "contentSchema",
];

/**
 * `#/components/schemas/<name>`, then any number of `/properties/<name>`: openapi-typescript prints
 * these as `components["schemas"]["A"]["b"]`; any other pointer gives a member that does not exist.
 */
const PRINTABLE_SCHEMA_REF = /^#\/components\/schemas\/[^/]+(\/properties\/[^/]+)*$/;
/**
 * A parameter `$ref` into an operation (`#/paths/~1a/get/parameters/0`) prints as
 * `paths["/a"]["get"]["parameters"]["query"]["x"]`, and `query` is optional there: not a member.
 */
const PRINTABLE_PARAMETER_REF = /^#\/components\/parameters\/[^/]+$/;

/**
 * A `$ref` openapi-typescript cannot print is replaced by a copy of its target (its own keywords
 * kept over the copy's). False when the node stays a reference (a printable one, or one that
 * leads back into the copy being made: read as any value, warned).
 */
function copyTarget(walk: Walk, node: Node, printable: RegExp): boolean {
  const ref = node.$ref as string;
  if (printable.test(ref)) return false;
  delete node.$ref;
  if (walk.copying.includes(ref)) {
    warn(walk, {
      code: "type-cycle",
      pointer: at(walk),
      message: `the $ref "${ref}" leads back into itself through places that are not component schemas: read as any value (\`unknown\`)`,
      hint: "move the schema to `components/schemas` and refer to it there",
    });
    return false;
  }
  const target = structuredClone(valueAt(walk.document, refTokens(ref))) as Node;
  for (const [key, value] of Object.entries(target)) if (!(key in node)) node[key] = value;
  walk.copying.push(ref);
  return true;
}

function schema(walk: Walk, node: Node): void {
  const copied = reference(walk, node) && copyTarget(walk, node, PRINTABLE_SCHEMA_REF);
  if ("$ref" in node) return;
  schemaKeywords(walk, node);
  if (copied) walk.copying.pop();
}

/**
 * A `discriminator` written on an inline `allOf` part that has no `oneOf`/`anyOf` of its own names
 * no alternatives, and openapi-typescript then leaves its property out of the type
 * (`Omit<part, "type">`): a body that requires `type` could not be given one. Ignored, warned.
 */
function partDiscriminator(walk: Walk, part: unknown, index: number): void {
  if (!part || typeof part !== "object" || Array.isArray(part)) return;
  const node = part as Node;
  if ("$ref" in node || node.discriminator === undefined || node.oneOf !== undefined || node.anyOf !== undefined) return;
  if (walk.copying.length === 0)
    warn(walk, {
      code: "ignored-keyword",
      pointer: at(walk, "allOf", String(index), "discriminator"),
      message:
        "`discriminator` on an inline allOf part with no oneOf or anyOf is ignored: it names no alternatives, and its property stays in the type as declared",
      hint: "put the discriminator on the schema whose oneOf/anyOf lists the alternatives",
    });
  delete node.discriminator;
}

function schemaKeywords(walk: Walk, node: Node): void {
  if (node.discriminator !== undefined) discriminator(walk, node);
  // Keywords of a copy were reported where the copy was made from.
  for (const key in walk.copying.length > 0 ? {} : node) {
    const ignored = IGNORED_SCHEMA_KEYWORDS.get(key);
    const approximated = ignored === undefined ? APPROXIMATED_SCHEMA_KEYWORDS.get(key) : undefined;
    if (ignored !== undefined || approximated !== undefined) {
      warn(walk, {
        code: ignored !== undefined ? "ignored-keyword" : "approximated-keyword",
        pointer: at(walk, key),
        message: `\`${key}\` is ${ignored !== undefined ? "ignored" : "approximated"}: ${ignored ?? approximated}`,
        hint: "nothing to do unless the client must enforce it; the docs and types show the schema without it",
      });
    }
  }
  for (const key of SCHEMA_MAPS) if (node[key] !== undefined) each(walk, key, node[key], schema);
  if (Array.isArray(node.allOf)) node.allOf.forEach((part: unknown, i: number) => partDiscriminator(walk, part, i));
  for (const key of SCHEMA_LISTS) if (node[key] !== undefined) each(walk, key, node[key], schema);
  if (Array.isArray(node.items)) each(walk, "items", node.items, schema);
  for (const key of SCHEMA_ONE) if (node[key] !== undefined) visit(walk, key, node[key], schema);
}

function mediaTypes(walk: Walk, content: unknown): void {
  each(walk, "content", content, (w, media) => {
    visit(w, "schema", media.schema, schema);
    each(w, "encoding", media.encoding, (w2, encoding) => each(w2, "headers", encoding.headers, header));
  });
}

function header(walk: Walk, node: Node): void {
  if (reference(walk, node)) return;
  visit(walk, "schema", node.schema, schema);
  mediaTypes(walk, node.content);
}

function parameter(walk: Walk, node: Node): void {
  const copied = reference(walk, node) && copyTarget(walk, node, PRINTABLE_PARAMETER_REF);
  if ("$ref" in node) return;
  visit(walk, "schema", node.schema, schema);
  mediaTypes(walk, node.content);
  if (copied) walk.copying.pop();
}

function response(walk: Walk, node: Node): void {
  if (reference(walk, node)) return;
  each(walk, "headers", node.headers, header);
  mediaTypes(walk, node.content);
  if (node.links && typeof node.links === "object" && Object.keys(node.links).length > 0) {
    warn(walk, {
      code: "ignored-keyword",
      pointer: at(walk, "links"),
      message: "`links` are ignored: the client does not follow them (the linked operations are methods of their own)",
      hint: "nothing to do; call the linked operation with the values of this response",
    });
  }
}

function requestBody(walk: Walk, node: Node): void {
  if (reference(walk, node)) return;
  mediaTypes(walk, node.content);
}

/** `parameters` that is not a list (e.g. a `$ref` to a list that is not there) declares none. */
function parameterList(walk: Walk, node: Node): void {
  if (node.parameters === undefined || Array.isArray(node.parameters)) return;
  warn(walk, {
    code: "invalid-structure",
    pointer: at(walk, "parameters"),
    message: "`parameters` is not a list: read as no parameters",
    hint: "write `parameters` as a list of parameter objects (or of $refs to them)",
  });
  node.parameters = [];
}

/** Header names whose parameter definitions OpenAPI ignores (§4.8.12.1 `name`): media types and security say them. */
const IGNORED_HEADER_PARAMETERS = new Map([
  ["accept", "the client sends the media types the responses document"],
  ["content-type", "the client sends the request body's media type"],
  ["authorization", "the client sends the credentials of the security schemes"],
]);

/** A parameter list entry, its `$ref`s (to a component, or a copy's target) followed. */
function derefParameter(walk: Walk, entry: unknown): Node | undefined {
  let node = entry;
  for (let hops = 0; hops < 16 && node && typeof node === "object" && typeof (node as Node).$ref === "string"; hops++) {
    const ref: string = (node as Node).$ref;
    node = ref.startsWith("#") ? valueAt(walk.document, refTokens(ref)) : undefined;
  }
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Node) : undefined;
}

/**
 * §4.8.12.1: "If `in` is "header" and the `name` field is "Accept", "Content-Type" or
 * "Authorization", the parameter definition SHALL be ignored." Left out of the list (header names
 * are case-insensitive), so the types, the client, the docs and Prism never see it.
 */
function ignoredHeaderParameters(walk: Walk, node: Node): void {
  if (!Array.isArray(node.parameters)) return;
  const entries = new Set<unknown>();
  node.parameters.forEach((entry: unknown, i: number) => {
    const param = derefParameter(walk, entry);
    const why =
      param?.in === "header" && typeof param.name === "string" ? IGNORED_HEADER_PARAMETERS.get(param.name.toLowerCase()) : undefined;
    if (why === undefined) return;
    entries.add(entry);
    warn(walk, {
      code: "ignored-header-parameter",
      pointer: at(walk, "parameters", String(i)),
      message: `the header parameter "${param!.name}" is ignored, as OpenAPI says of Accept, Content-Type and Authorization: ${why}`,
      hint: "remove it: describe media types under `content` and credentials as a security scheme",
    });
  });
  if (entries.size > 0) walk.leftOut.push({ holder: node, entries });
}

function operation(walk: Walk, node: Node): void {
  parameterList(walk, node);
  ignoredHeaderParameters(walk, node);
  each(walk, "parameters", node.parameters, parameter);
  visit(walk, "requestBody", node.requestBody, requestBody);
  each(walk, "responses", node.responses, response);
  each(walk, "callbacks", node.callbacks, callback);
  serversBelowRoot(walk, node);
}

/** `https://a.test/v1/` and `//a.test/v1` are the same server (a protocol-relative URL takes the client's scheme). */
const serverKey = (url: unknown) =>
  String(url)
    .replace(/^[a-z][a-z0-9+.-]*:(?=\/\/)/i, "")
    .replace(/\/+$/, "");

function serversBelowRoot(walk: Walk, node: Node): void {
  if (!Array.isArray(node.servers) || node.servers.length === 0) return;
  // Servers the document's root also lists change nothing.
  const root = new Set((Array.isArray(walk.document.servers) ? walk.document.servers : []).map((s: Node) => serverKey(s?.url)));
  if (node.servers.every((s: Node) => root.has(serverKey(s?.url)))) return;
  warn(walk, {
    code: "ignored-keyword",
    pointer: at(walk, "servers"),
    message: `\`servers\` below the document's root are ignored (${node.servers.map((s: Node) => `\`${String(s?.url)}\``).join(", ")}): every operation is sent to the client's \`baseUrl\``,
    hint: "give the client a second instance with `baseUrl` set to this server for these operations",
  });
}

function pathItem(walk: Walk, node: Node): void {
  if (reference(walk, node)) return;
  parameterList(walk, node);
  ignoredHeaderParameters(walk, node);
  each(walk, "parameters", node.parameters, parameter);
  for (const method of METHODS) visit(walk, method, node[method], operation);
  serversBelowRoot(walk, node);
}

function callback(walk: Walk, node: Node): void {
  if (reference(walk, node)) return;
  for (const expression of Object.keys(node)) visit(walk, expression, node[expression], pathItem);
}

/**
 * Checks (and repairs in place) the bundled document. `locate` gives each warning its file and
 * line, before the parameters it names are taken out of their lists.
 */
export function checkBundled(document: Node, locate: (issue: SpecIssue) => SpecIssue = (issue) => issue): SpecIssue[] {
  const walk: Walk = {
    document,
    tokens: [],
    warnings: [],
    depth: 0,
    resolved: new Map(),
    schemaNames: new Set(Object.keys(document.components?.schemas ?? {})),
    copying: [],
    leftOut: [],
  };
  const components: Node = document.components ?? {};
  walk.tokens.push("components");
  each(walk, "schemas", components.schemas, schema);
  each(walk, "parameters", components.parameters, parameter);
  each(walk, "headers", components.headers, header);
  each(walk, "responses", components.responses, response);
  each(walk, "requestBodies", components.requestBodies, requestBody);
  each(walk, "callbacks", components.callbacks, callback);
  each(walk, "pathItems", components.pathItems, pathItem);
  walk.tokens.pop();
  each(walk, "paths", document.paths, pathItem);
  each(walk, "webhooks", document.webhooks, pathItem);
  const located = walk.warnings.map(locate);
  for (const { holder, entries } of walk.leftOut) holder.parameters = holder.parameters.filter((entry: unknown) => !entries.has(entry));
  return located;
}
