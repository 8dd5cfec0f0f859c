/**
 * Random, structurally valid OpenAPI documents (fast-check arbitraries): operations on templated
 * paths, parameters of every location and style (and declared with `content`), request bodies of
 * several media types, responses, security schemes, and schemas with composition, nullability,
 * enums and `$ref` cycles between components; names drawn from every script, reserved words,
 * JavaScript globals, punctuation and the empty string. Valid in shape, not always in meaning
 * (two names may collide, a reserved word may be refused): the property under test holds either way.
 */
import fc from "fast-check";

/** Names that trip generators: scripts, reserved words, globals, punctuation, empty, control characters. */
export const ODD_NAMES = [
  "",
  " ",
  "a b",
  "a-b",
  "a.b",
  "a_b",
  "A",
  "a/b",
  "a~b",
  "a%20b",
  "1st",
  "_",
  "$",
  "$ref",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "class",
  "default",
  "delete",
  "new",
  "function",
  "await",
  "yield",
  "enum",
  "interface",
  "type",
  "namespace",
  "let",
  "void",
  "Object",
  "Promise",
  "Array",
  "String",
  "Error",
  "Symbol",
  "ApiError",
  "Response",
  "Request",
  "Headers",
  "fetch",
  "undefined",
  "null",
  "true",
  "NaN",
  "Infinity",
  "名前",
  "имя",
  "اسم",
  "שם",
  "नाम",
  "이름",
  "ชื่อ",
  "Ελληνικά",
  "🐶",
  "e\u0301",
  "a\u200bb",
  "tab\there",
  "line\nbreak",
  "*/",
  "/*",
  "`",
  "${x}",
  "{{x}}",
  "</script>",
  "'",
  '"',
  "\\",
] as const;

/** Component names as the OpenAPI Specification allows them (`^[a-zA-Z0-9.\-_]+$`), reserved words included. */
const COMPONENT_NAMES = [
  "Pet",
  "pet",
  "Pet.v2",
  "pet-status",
  "_Pet",
  "1Pet",
  "Object",
  "Promise",
  "Error",
  "Array",
  "String",
  "Response",
  "Request",
  "Date",
  "Record",
  "Partial",
  "Readable",
  "Writable",
  "class",
  "default",
  "constructor",
  "__proto__",
  "toString",
  "string",
  "number",
  "any",
  "never",
  "ApiError",
  "paths",
  "components",
  "operations",
  "webhooks",
  "a",
  "A",
  "a.b.c",
  "x-1",
];

const oddName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);
const componentName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMPONENT_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,10}$/) },
);
const MEDIA_TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "application/octet-stream",
  "text/plain",
  "application/xml",
  "application/vnd.api+json",
  "*/*",
];

/**
 * How odd the names and choices of one document are. "wild": anything from the pools above, so
 * most documents hit a name the generator refuses or renames; "tame": plain identifiers with a
 * few reserved words and other scripts, the media types and styles most specs use, so that most
 * documents generate and the client's compile is exercised.
 */
interface Tier {
  parameterName: fc.Arbitrary<string>;
  tag: fc.Arbitrary<string>;
  operationId: fc.Arbitrary<string>;
  componentName: fc.Arbitrary<string>;
  mediaTypes: readonly string[];
  allStyles: boolean;
  /** One operation in ~20 without an operationId. */
  dropsOperationIds: boolean;
  /** Security schemes named like `toString` too. */
  oddSchemeNames: boolean;
}

const plainIdentifier = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/);
const TAME: Tier = {
  parameterName: fc.oneof(
    { weight: 4, arbitrary: plainIdentifier },
    { weight: 1, arbitrary: fc.constantFrom("class", "default", "page size", "X-Request-ID", "名前", "ünï", "$filter", "sort_by") },
  ),
  tag: fc.constantFrom("pets", "store", "user", "class", "名前", "Admin Tools"),
  operationId: fc.oneof(
    { weight: 6, arbitrary: plainIdentifier },
    { weight: 1, arbitrary: fc.constantFrom("delete", "class", "constructor", "toString", "get", "list_pets", "get-pet", "new") },
  ),
  componentName: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom("Pet", "pet-status", "Pet.v2", "_Pet", "Date", "Record", "Partial", "class", "default", "a.b.c", "x-1"),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][A-Za-z0-9_]{0,8}$/) },
  ),
  mediaTypes: [
    "application/json",
    "application/json",
    "text/plain",
    "application/octet-stream",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
  ],
  allStyles: false,
  dropsOperationIds: false,
  oddSchemeNames: false,
};
const WILD: Tier = {
  parameterName: oddName,
  tag: oddName,
  operationId: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) },
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,10}$/) },
  ),
  componentName,
  mediaTypes: MEDIA_TYPES,
  allStyles: true,
  dropsOperationIds: true,
  oddSchemeNames: true,
};

/** Free text that breaks comments, strings and templates. */
const prose = fc.oneof(
  fc.constantFrom(
    "",
    "*/ end of comment",
    "`backtick` ${interpolation}",
    "{{handlebars}} {{{raw}}}",
    "<b>html</b> & </script>",
    "line\nbreak\r\nwindows",
    "😀 ünïcödé ‮rtl",
  ),
  fc.string({ maxLength: 20 }),
);

type Version = "3.0" | "3.1";
type Json = Record<string, unknown>;

const STRING_FORMATS = ["date", "date-time", "uuid", "email", "uri", "binary", "byte", "password", "int64"];

/** A schema: leaves, arrays, objects, composition, and `$ref`s to any component (itself included: cycles). */
function schemaArbitrary(refs: readonly string[], version: Version, component = false): fc.Arbitrary<Json> {
  const nullable = (schema: fc.Arbitrary<Json>) =>
    fc.tuple(schema, fc.boolean()).map(([s, isNullable]) => {
      if (!isNullable || typeof s.type !== "string") return s;
      return version === "3.0" ? { ...s, nullable: true } : { ...s, type: [s.type, "null"] };
    });
  const { schema, object } = fc.letrec<{ schema: Json; leaf: Json; array: Json; object: Json; composed: Json; ref: Json }>((tie) => ({
    schema: fc.oneof(
      { maxDepth: 3, depthSize: "small", withCrossShrink: true },
      tie("leaf"),
      tie("ref"),
      tie("array"),
      tie("object"),
      tie("composed"),
    ),
    leaf: nullable(
      fc.oneof(
        fc.record({ type: fc.constant("string"), format: fc.constantFrom(...STRING_FORMATS) }, { requiredKeys: ["type"] }),
        fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(oddName, { minLength: 1, maxLength: 5 }) }),
        fc.record({
          type: fc.constantFrom("integer", "number"),
          enum: fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 4 }),
        }),
        fc.record({ type: fc.constantFrom("integer", "number", "boolean"), description: prose }, { requiredKeys: ["type"] }),
        fc.record(
          { type: fc.constant("integer"), minimum: fc.integer(), maximum: fc.integer(), default: fc.integer() },
          { requiredKeys: ["type"] },
        ),
        fc.constant({}),
      ),
    ),
    ref: refs.length ? fc.constantFrom(...refs).map((name) => ({ $ref: `#/components/schemas/${name}` })) : fc.constant({ type: "string" }),
    array: fc.record({ type: fc.constant("array"), items: tie("schema"), minItems: fc.nat(3) }, { requiredKeys: ["type", "items"] }),
    object: fc
      .record({
        properties: fc.dictionary(oddName, tie("schema"), { maxKeys: 4 }),
        additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
        required: fc.boolean(),
        readOnlyKey: fc.boolean(),
        description: prose,
      })
      .map(({ properties, additionalProperties, required, readOnlyKey, description }) => {
        const keys = Object.keys(properties);
        const props = { ...properties };
        if (readOnlyKey && keys[0] !== undefined) props[keys[0]] = { ...(props[keys[0]] as Json), readOnly: true };
        if (readOnlyKey && keys[1] !== undefined) props[keys[1]] = { ...(props[keys[1]] as Json), writeOnly: true };
        return {
          type: "object",
          ...(keys.length ? { properties: props } : {}),
          ...(required && keys.length ? { required: keys.slice(0, 2) } : {}),
          additionalProperties,
          description,
        };
      }),
    composed: fc.oneof(
      fc.record({ allOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ anyOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
      refs.length
        ? fc
            .tuple(fc.uniqueArray(fc.constantFrom(...refs), { minLength: 1, maxLength: 3 }), fc.constantFrom("kind", "type", "名前"))
            .map(([names, property]) => ({
              oneOf: names.map((name) => ({ $ref: `#/components/schemas/${name}` })),
              discriminator: { propertyName: property },
            }))
        : fc.constant({ type: "string" }),
    ),
  }));
  return component
    ? fc.oneof(
        object,
        schema.filter((s) => !("$ref" in s)),
      )
    : schema;
}

/** Parameter styles per location (OpenAPI 3.x §4.8.12.4), with a schema that fits each. */
function parameterArbitrary(location: "query" | "header" | "cookie", schema: fc.Arbitrary<Json>, tier: Tier): fc.Arbitrary<Json> {
  const primitive = fc.constantFrom<Json>(
    { type: "string" },
    { type: "integer" },
    { type: "boolean" },
    { type: "string", enum: ["a", "b c", ""] },
  );
  const array = primitive.map((items) => ({ type: "array", items }));
  const object = fc.constant<Json>({ type: "object", properties: { x: { type: "string" }, "y z": { type: "integer" } } });
  const styled =
    location === "query"
      ? fc.oneof(
          fc.record({
            style: fc.constant("form"),
            explode: tier.allStyles ? fc.boolean() : fc.constant(true),
            schema: fc.oneof(primitive, array, object),
          }),
          ...(tier.allStyles
            ? [fc.record({ style: fc.constantFrom("spaceDelimited", "pipeDelimited"), explode: fc.boolean(), schema: array })]
            : []),
          fc.record({ style: fc.constant("deepObject"), explode: fc.constant(true), schema: object }),
          fc.record({ schema }),
        )
      : location === "header"
        ? fc.record({ style: fc.constant("simple"), explode: fc.boolean(), schema: fc.oneof(primitive, array, object) })
        : fc.record({ style: fc.constant("form"), explode: fc.boolean(), schema: fc.oneof(primitive, array) });
  const viaContent = fc.record({ content: fc.record({ "application/json": fc.record({ schema }) }) });
  return fc
    .record({
      name: tier.parameterName,
      required: fc.boolean(),
      deprecated: fc.boolean(),
      description: prose,
      how: fc.oneof({ weight: 4, arbitrary: styled }, { weight: 1, arbitrary: viaContent }),
    })
    .map(({ how, ...rest }) => ({ ...rest, in: location, ...how }));
}

const PATH_PARAM_NAMES = ["id", "petId", "pet_id", "pet-id", "class", "default", "名前", "a.b", "constructor", "__proto__", "x"];
const PATH_LITERALS = ["pets", "v1", "a b", "ünï", "名前", "items.json", "-", "~", "class", "%20", ""];
const STATUSES = ["200", "201", "202", "204", "301", "400", "404", "409", "default", "2XX", "5XX"];

/** One operation on a path whose `{parameters}` it declares. */
function operationArbitrary(
  pathParams: readonly string[],
  schema: fc.Arbitrary<Json>,
  schemes: readonly string[],
  tier: Tier,
): fc.Arbitrary<Json> {
  const pathStyle = fc.record({ style: fc.constantFrom("simple", "label", "matrix"), explode: fc.boolean() });
  const pathParameters = fc.tuple(
    ...pathParams.map(() =>
      fc.tuple(pathStyle, fc.constantFrom<Json>({ type: "string" }, { type: "integer" }, { type: "string", format: "uuid" })),
    ),
  );
  const others = fc.array(
    fc
      .constantFrom("query", "header", "cookie")
      .chain((location) => parameterArbitrary(location as "query" | "header" | "cookie", schema, tier)),
    { maxLength: 3 },
  );
  const body = fc.option(
    fc.record(
      {
        description: prose,
        required: fc.boolean(),
        content: fc.dictionary(fc.constantFrom(...tier.mediaTypes), fc.record({ schema }), { minKeys: 1, maxKeys: 2 }),
      },
      { requiredKeys: ["content"] },
    ),
    { nil: undefined },
  );
  const responses = fc.dictionary(
    fc.constantFrom(...STATUSES),
    fc.record(
      {
        description: prose,
        content: fc.dictionary(fc.constantFrom(...tier.mediaTypes), fc.record({ schema }), { maxKeys: 2 }),
        headers: fc.dictionary(oddName, fc.record({ schema: fc.constant({ type: "string" }) }), { maxKeys: 1 }),
      },
      { requiredKeys: ["description"] },
    ),
    { minKeys: 1, maxKeys: 3 },
  );
  return fc
    .record({
      summary: prose,
      description: prose,
      tags: fc.uniqueArray(tier.tag, { maxLength: 2 }),
      deprecated: fc.boolean(),
      path: pathParameters,
      others,
      requestBody: body,
      responses,
      security: fc.option(
        fc.subarray([...schemes]).map((names) => names.map((name) => ({ [name]: [] }))),
        { nil: undefined },
      ),
    })
    .map(({ path: pathSchemas, others, requestBody, security, ...rest }) => {
      const parameters = [
        ...pathParams.map((name, i) => ({ name, in: "path", required: true, ...pathSchemas[i]![0], schema: pathSchemas[i]![1] })),
        // One parameter per name and location (`operation-parameters-unique`).
        ...others.filter((p, i) => others.findIndex((q) => q.name === p.name && q.in === p.in) === i),
      ];
      return { ...rest, parameters, ...(requestBody ? { requestBody } : {}), ...(security ? { security } : {}) };
    });
}

const SECURITY_SCHEMES: Record<string, Json> = {
  apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
  apiKeyQuery: { type: "apiKey", in: "query", name: "api key" },
  apiKeyCookie: { type: "apiKey", in: "cookie", name: "session" },
  basic: { type: "http", scheme: "basic" },
  bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
  "odd.name-2_x": { type: "http", scheme: "bearer" },
  toString: { type: "apiKey", in: "header", name: "X-Token" },
  constructor: { type: "apiKey", in: "query", name: "constructor" },
  oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.test/token", scopes: { "read:pets": "read" } } } },
};

/** A whole document: components first (so that schemas can refer to each other), then paths. */
export function specArbitrary(): fc.Arbitrary<Json> {
  return fc.oneof({ weight: 2, arbitrary: documentArbitrary(TAME) }, { weight: 1, arbitrary: documentArbitrary(WILD) });
}

function documentArbitrary(tier: Tier): fc.Arbitrary<Json> {
  return fc
    .record({
      version: fc.constantFrom<Version>("3.0", "3.1"),
      names: fc.uniqueArray(tier.componentName, { maxLength: 5 }),
      schemes: fc.subarray(Object.keys(SECURITY_SCHEMES).filter((name) => tier.oddSchemeNames || !(name in Object.prototype))),
      paths: fc.uniqueArray(
        fc.array(
          fc.oneof(
            fc.constantFrom(...PATH_LITERALS),
            fc.constantFrom(...PATH_PARAM_NAMES).map((p) => `{${p}}`),
          ),
          { maxLength: 3 },
        ),
        {
          minLength: 1,
          maxLength: 4,
          selector: (segments) => segments.join("/"),
        },
      ),
    })
    .chain(({ version, names, schemes, paths }) => {
      const schema = schemaArbitrary(names, version);
      // Unique ignoring case: `getPet` and `GetPet` would be the same method (a collision of its own).
      const operationIds = fc.uniqueArray(tier.operationId, {
        minLength: 12,
        maxLength: 12,
        comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
      });
      const pathItems = paths.map((segments) => {
        // One declaration per parameter name, in path order.
        const params = [...new Set(segments.filter((s) => s.startsWith("{")).map((s) => s.slice(1, -1)))];
        const template = `/${segments.map((s) => (s.startsWith("{") ? s : s)).join("/")}`;
        return fc
          .dictionary(
            fc.constantFrom("get", "put", "post", "delete", "patch", "head", "options"),
            operationArbitrary(params, schema, schemes, tier),
            { minKeys: 1, maxKeys: 3 },
          )
          .map((operations) => [template, operations] as const);
      });
      return fc
        .record({
          title: oddName,
          description: prose,
          // A component that is only a $ref to itself is a cycle with no schema: not a valid spec.
          components: fc.tuple(...names.map(() => schemaArbitrary(names, version, true))),
          pathItems: fc.tuple(...pathItems),
          operationIds,
          dropOperationId: tier.dropsOperationIds ? fc.nat(20) : fc.constant(-1),
          servers: fc.constantFrom<Json[]>(
            [],
            [{ url: "https://api.example.test/v1" }],
            [{ url: "/relative" }],
            [{ url: "https://{region}.example.test", variables: { region: { default: "eu" } } }],
          ),
          globalSecurity: fc.subarray(schemes),
        })
        .map(({ title, description, components, pathItems: items, operationIds: ids, dropOperationId, servers, globalSecurity }) => {
          let next = 0;
          const pathsObject: Json = {};
          for (const [template, operations] of items) {
            const withIds: Json = {};
            for (const [method, operation] of Object.entries(operations)) {
              const id = ids[next++ % ids.length]!;
              // Sometimes no operationId at all (it is optional in OpenAPI 3.x).
              withIds[method] = next === dropOperationId ? operation : { operationId: id, ...operation };
            }
            pathsObject[template] = { ...(pathsObject[template] as Json | undefined), ...withIds };
          }
          return {
            openapi: version === "3.0" ? "3.0.3" : "3.1.0",
            info: { title, version: "1.0.0", description },
            ...(servers.length ? { servers } : {}),
            ...(globalSecurity.length ? { security: globalSecurity.map((name) => ({ [name]: [] })) } : {}),
            paths: pathsObject,
            components: {
              schemas: Object.fromEntries(names.map((name, i) => [name, components[i]!])),
              ...(schemes.length ? { securitySchemes: Object.fromEntries(schemes.map((name) => [name, SECURITY_SCHEMES[name]!])) } : {}),
            },
          };
        });
    });
}
