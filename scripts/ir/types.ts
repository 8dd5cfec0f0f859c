/**
 * The intermediate model: everything the templates print, fully decided (names, order, defaults,
 * what is supported). Both the client and the docs are views of one `ApiIr`, so they cannot
 * disagree. TS types are *referenced* (`typeExpr`, an expression over openapi-typescript's
 * `paths`/`components`), never computed by a template.
 */
import type { SpecIssue } from "../issues.js";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** A type as shown to a reader, split so a template can link model names without parsing. */
export interface TypeLabel {
  /** Plain text, e.g. `Array<AccessCredential>`, `string (date-time)`. */
  text: string;
  /** The same text in segments; a segment with `model` names a model page to link to. */
  parts: { text: string; model?: string }[];
}

export interface ServerIr {
  /** With each `{variable}` replaced by its default (§4.8.5). */
  url: string;
  /** As written, when it has variables. */
  template?: string;
  description?: string;
  /** Its variables: the default the client uses, and the values the spec allows. */
  variables: { name: string; default: string; enum: string[]; description?: string }[];
}

export interface SecuritySchemeIr {
  /** The key under `components.securitySchemes`. */
  name: string;
  kind: "apiKey" | "basic" | "bearer";
  /** For apiKey: where the key goes and under which name. */
  in?: "header" | "query" | "cookie";
  paramName?: string;
  /** Options of the client configuration that feed this scheme, e.g. `["apiKey"]`. */
  configFields: string[];
  /** One line for readers, e.g. "API key in the header `X-TILEDB-REST-API-KEY`". */
  summary: string;
  description?: string;
  bearerFormat?: string;
}

/** OpenAPI's parameter styles, plus `tabDelimited` (Swagger 2.0's `collectionFormat: tsv`). */
export type ParamStyle = "form" | "spaceDelimited" | "pipeDelimited" | "tabDelimited" | "deepObject" | "simple" | "label" | "matrix";

/**
 * How a parameter goes on the wire (OpenAPI 3.1 §4.8.12.4), every default resolved and every
 * combination the spec leaves undefined decided (with a warning). The runtime's serializer
 * (templates/runtime/params.ts) executes it.
 */
export interface ParamSerializationIr {
  /** The style sent; absent for a parameter declared with `content`. */
  style?: ParamStyle;
  explode: boolean;
  /** Query only: reserved characters are sent as they are. */
  allowReserved: boolean;
  /** A parameter declared with `content`: its media type, and whether it is sent as JSON or as text. */
  mediaType?: string;
  contentAs?: "json" | "text";
  /** The default of its location (query, cookie: form, exploded; path, header: simple): not in the operations table. */
  isDefault: boolean;
  /**
   * In the operations table with its style function: not the default, or a path parameter whose
   * value is an array or object (the core's own path serializer sends scalars only, so that an
   * operation with scalar path parameters does not bundle `simpleStyle`).
   */
  inTable: boolean;
  /** The runtime's function for it (templates/runtime/params.ts), e.g. `labelStyle`, `jsonContent`. */
  runtimeStyle: RuntimeStyleName;
}

export interface ParamIr {
  /** The name on the wire. */
  name: string;
  in: "path" | "query" | "header" | "cookie";
  /** Name of the positional argument (camelCase, never a reserved word). */
  bindingName: string;
  /** Key in the options object (camelCase of the wire name). */
  optionKey: string;
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** TS type as signatures print it: `string`, `"AWS" | "GCP"`, a model name, else `schemaTypeExpr`. */
  typeExpr: string;
  /** The openapi-typescript type it stands for (`NonNullable<paths[...]["parameters"]["query"]>["x"]`). */
  schemaTypeExpr: string;
  typeLabel: TypeLabel;
  /** JSON text of the schema default, when there is one. */
  defaultJson?: string;
  enumValues: string[];
  /** JSON text of an example value for docs (from the spec, else synthesised). */
  exampleJson: string;
  /** Where the Parameter Object is in the bundled document (after `$ref`s). */
  pointer: string;
  /** Where its schema is (`…/schema`, or `…/content/<media type>/schema`), when it has one. */
  schemaPointer?: string;
  serialization: ParamSerializationIr;
}

/** The parameters of one location that are not serialized its default way (the runtime's table). */
export interface ParamStylesIr {
  in: ParamIr["in"];
  params: ParamIr[];
}

export interface BodyIr {
  required: boolean;
  mediaType: string;
  /** How the runtime serialises it: JSON, form fields, multipart, text, or raw bytes. */
  encoding: "json" | "form" | "multipart" | "text" | "binary";
  /** The runtime's serializer for it (absent for JSON, openapi-fetch's default). */
  serializer?: BodySerializerName;
  /** Content-Type the client sets itself; absent when openapi-fetch or fetch sets it. */
  contentType?: string;
  /**
   * Form and multipart fields the spec's `encoding` gives a style (`style`, `explode`,
   * `allowReserved`), in property order: sent as query parameters of that style would be
   * (`scope[type]=account`). Fields without one keep the default (see the runtime's `formBody`).
   */
  fieldEncodings?: { name: string; serialization: ParamSerializationIr }[];
  bindingName: string;
  description?: string;
  /**
   * A media type the runtime cannot serialise: the caller passes the bytes (`typeExpr` is then
   * what fetch sends as is, not the schema's type).
   */
  raw?: boolean;
  /** What the `XxxBody` alias is: the model's write view (`AccessCredentialInput`), else `schemaTypeExpr`. */
  typeExpr: string;
  /** The openapi-typescript type, write view: `Writable<NonNullable<paths[...]["requestBody"]>...>`. */
  schemaTypeExpr: string;
  /** What signatures print: the model's write view, else the operation's `XxxBody` alias. */
  typeName: string;
  typeLabel: TypeLabel;
  exampleJson: string;
  /**
   * Names of the properties marked `writeOnly` anywhere in the body schema (through `$ref`,
   * `allOf`/`oneOf`/`anyOf`, nested objects and arrays), sorted: secrets the client sends but must
   * never log or put in an error.
   */
  secretFields: string[];
  /** Where the Request Body Object is in the bundled document (after `$ref`s). */
  pointer: string;
  /** Where the schema of the chosen media type is, when it has one. */
  schemaPointer?: string;
}

export interface ResponseHeaderIr {
  name: string;
  description?: string;
  typeLabel: TypeLabel;
  /** The Header Object says `required: true`. */
  required: boolean;
  /** How the runtime parses it (`HeaderKind` of templates/runtime/response.ts). */
  kind: string;
  /** TS type of the parsed value: `number`, `string`, `"a" | "b"`, `string[]`. */
  typeExpr: string;
}

export interface ResponseIr {
  /** `200`, `4XX`, `default`, as written in the spec. */
  status: string;
  isSuccess: boolean;
  description: string;
  mediaType?: string;
  typeLabel?: TypeLabel;
  /** TS type of the body, when it has one. */
  typeExpr?: string;
  headers: ResponseHeaderIr[];
  /** Where the Response Object is in the bundled document (after `$ref`s). */
  pointer: string;
  /** Where the schema of the chosen media type is, when it has one. */
  schemaPointer?: string;
}

export interface PaginationIr {
  /** How the next page is asked for (README "Pagination"). */
  style: "page" | "offset" | "cursor" | "nextUrl" | "link";
  /** Where the items are in a page: property names, outermost first; `[]` when the page is the list. */
  items: string[];
  /** What the runtime is told (`OPERATIONS.x.pagination`): templates/runtime/pagination.ts `PageStyle`, or paginate.ts's for pages. */
  runtime: Record<string, unknown>;
  /** How the iterator finds the next page, for its JSDoc and the docs ("follows the URL in `next`"). */
  how: string;
  /** The option that sets the page size, when there is one (docs example). */
  sizeOption?: string;
  /** Page style only: query option keys of the page number and page size. */
  pageOption?: string;
  perPageOption?: string;
  /** Page style only: property of the result holding the items, and the one holding the metadata. */
  itemsProperty?: string;
  metadataProperty?: string;
  totalPagesProperty?: string;
  /** TS type of one item as printed: a model name when the items are one, else `itemSchemaTypeExpr`. */
  itemTypeExpr: string;
  itemSchemaTypeExpr: string;
  /** What the iterator's signature prints: `itemTypeExpr` when it names a model, else the `XxxItem` alias. */
  itemTypeName: string;
  /** The async-iterator method over every item, e.g. `listCredentialsIterator`. */
  iteratorName: string;
  /** The async-iterator method over every page, e.g. `listEventsPages` (every style but `page`). */
  pagesName?: string;
}

/** A success body read as it arrives (templates/runtime/streaming.ts, event-stream.ts). */
export interface StreamIr {
  /** Server-sent events, JSON lines, or the bytes of a download. */
  kind: "events" | "lines" | "bytes";
  mediaType: string;
  /** The runtime function that reads it: `readEvents`, `readJsonLines`, `readBinary`. */
  reader: "readEvents" | "readJsonLines" | "readBinary";
  /** Events: their data parsed as JSON, or kept as the text sent. */
  data?: "json" | "text";
  /** A stream of typed items (events, lines), not bytes. */
  items: boolean;
  /** TS type of one item (an event's data, a line): a model name where it is one. */
  itemTypeExpr: string;
  /** What the class prints for it: `itemTypeExpr` when it names a model, else the `XxxItem` alias. */
  itemTypeName: string;
  /** Where the schema of one item is, when it has one (printed by type-names.ts). */
  itemSchemaPointer?: string;
  /** No openapi-typescript type stands for the item (`itemSchema`): printed, or `unknown` with a warning. */
  mustPrint?: boolean;
}

export interface OperationIr {
  /** As written; when the spec gives none, the method name (made from the method and path). */
  operationId: string;
  /** The spec gives no usable operationId: `methodName` was made from the method and path. */
  derivedName?: boolean;
  methodName: string;
  /** The per-operation function of `fn.ts`: the method name, suffixed with `_` when it is a reserved word. */
  functionName: string;
  /** The exported `CallMeta` constant of operations.ts (`getThingOperation`), so that one function bundles one entry. */
  metaName: string;
  /** PascalCase stem of every type alias of this operation, e.g. `ListCredentials`. */
  typePrefix: string;
  httpMethod: HttpMethod;
  /** `GET`: the name of openapi-fetch's method and what the docs show. */
  httpMethodUpper: string;
  path: string;
  summary?: string;
  description?: string;
  /** The summary, unless the description already starts with it (no doubled first line). */
  jsdocSummary?: string;
  deprecated: boolean;
  tags: string[];
  /** The openapi-typescript type of the operation: `paths["/x"]["get"]`. */
  operationTypeExpr: string;
  /** Arguments in order: path parameters (as in the path), then other required parameters. */
  positionalParams: ParamIr[];
  optionalParams: ParamIr[];
  /** Every parameter by where it goes on the wire (each list in spec order). */
  paramsIn: Record<ParamIr["in"], ParamIr[]>;
  /** Per location (path, query, header, cookie), the parameters not serialized the default way. */
  paramStyles: ParamStylesIr[];
  body?: BodyIr;
  responses: ResponseIr[];
  /**
   * TS type the method resolves to (the `XxxResult` alias): model names where the responses are
   * models (`AccessCredential`, `Order[]`), else `resultSchemaTypeExpr`; `void` when no success
   * response has a body.
   */
  resultTypeExpr: string;
  /** The openapi-typescript type it stands for (read view). */
  resultSchemaTypeExpr: string;
  /** What signatures print: `resultTypeExpr` when it names models, else the `XxxResult` alias. */
  resultTypeName: string;
  resultIsVoid: boolean;
  resultTypeLabel?: TypeLabel;
  /**
   * How to read a success body: `json`, `text`, `blob`, `any` (the wildcard media type: JSON when the answer
   * says so, else text), or `stream` (see `stream`); absent when there is none.
   */
  parseAs?: "json" | "text" | "blob" | "any" | "stream";
  /** A success body read as it arrives: events, JSON lines, a download. */
  stream?: StreamIr;
  /** Media types for the docs' "HTTP request headers". */
  accept: string[];
  /** TS type of the error body: the union of the non-success responses' bodies (model names where it can). */
  errorTypeExpr: string;
  errorSchemaTypeExpr: string;
  /** The response headers the success responses declare (`withResponse().headers`), sorted by name. */
  responseHeaders: ResponseHeaderIr[];
  /** Alternatives; each lists the schemes that must be sent together. `[]` means no auth. */
  security: string[][];
  /** Every scheme that can authorise it, in a stable order (docs). */
  securitySchemeNames: string[];
  pagination?: PaginationIr;
  /** Where it is in the spec. */
  pointer: string;
}

/** A request the API sends (a 3.1 webhook or an operation's callback): documented, its payload type exported. */
export interface WebhookIr {
  /** The key under `webhooks` (for a callback: the key its types are printed under). */
  name: string;
  /** For a callback: the operation it belongs to, the callback's name and its URL expression. */
  callback?: { operationPath: string; operationMethod: string; name: string; expression: string };
  httpMethodUpper: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** The exported payload type (`NewPetWebhookPayload`), when it has a body. */
  typeName: string;
  payload?: { mediaType: string; required: boolean; typeExpr: string; typeLabel: TypeLabel; exampleJson: string; pointer: string };
  responses: { status: string; description: string }[];
  pointer: string;
}

export interface ApiClassIr {
  className: string;
  /** File stem under `apis/` (the class name). */
  fileName: string;
  tag?: string;
  description?: string;
  operations: OperationIr[];
  /** Some operation of the class has a page-numbered iterator (the class imports `paginate`). */
  paginated: boolean;
  /** Some operation pages by offset, cursor, next URL or `Link` (the class imports runtime/pagination.ts). */
  followsPages: boolean;
  /** The stream readers its operations use, by runtime module (imported only where used). */
  eventReaders: string[];
  streamReaders: string[];
  /** What its signatures use from operations.ts (`XxxOptions`, aliases), sorted. */
  operationImports: string[];
  /** The models its signatures name, sorted. */
  modelImports: string[];
}

export interface PropertyIr {
  name: string;
  description?: string;
  typeLabel: TypeLabel;
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  nullable: boolean;
  deprecated: boolean;
  defaultJson?: string;
  enumValues: string[];
}

/** How a view of a model is exported: an interface (hovers and errors show its name) or an alias. */
export interface ModelTypeIr {
  typeName: string;
  /** `interface X extends <typeExpr> {}` for objects (hovers keep the name), else `type X = <typeExpr>`. */
  isInterface: boolean;
  /** What it extends or aliases: `Readable<components["schemas"]["X"]>`, or a union of model names. */
  typeExpr: string;
  /** The openapi-typescript type it equals: `Readable<...>` or `Writable<...>`. */
  schemaTypeExpr: string;
}

export interface ModelIr extends ModelTypeIr {
  /** The key under `components.schemas`. */
  name: string;
  /**
   * The exported TS name: the schema name, in PascalCase when it is not an identifier, with a
   * `Model` suffix when it would shadow a JavaScript global (`Error` → `ErrorModel`).
   */
  typeName: string;
  /** The write view (`XxxInput`), for models a request body uses (directly or nested). */
  input?: ModelTypeIr;
  /** Some schema it reaches is `readOnly` or `writeOnly` (its read view then differs from the schema). */
  hasMarkers: boolean;
  description?: string;
  kind: "object" | "enum" | "union" | "intersection" | "array" | "primitive";
  properties: PropertyIr[];
  /** Enum values with their descriptions where the spec gives them (`x-enum-descriptions`). */
  enumValues: { value: string; description?: string }[];
  /** For unions/intersections: the members. */
  members: TypeLabel[];
  /** For arrays and primitives: what it is. */
  typeLabel: TypeLabel;
  nullable: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  /** Pretty JSON of the schema's own example, if it has one. */
  exampleJson?: string;
  pointer: string;
}

export interface ConfigFieldIr {
  name: string;
  description: string;
  /** TS type of the option, e.g. `string`. */
  tsType: string;
  /** Never printed, logged or put in an error. */
  secret: boolean;
}

/** Runtime exports that serialize a parameter in a style (templates/runtime/params.ts). */
export type RuntimeStyleName = `${ParamStyle}Style` | "jsonContent" | "textContent";

/** Runtime exports that serialise a request body other than JSON (templates/runtime/body.ts). */
export type BodySerializerName = "formBody" | "multipartBody" | "textBody" | "binaryBody";

/** What the runtime (templates/runtime) brings to every client, for its JSDoc and docs. */
export interface RuntimeIr {
  /** Names of the per-call options every method takes. */
  requestOptions: readonly string[];
  /** Retry and timeout defaults. */
  defaults: { maxRetries: number; timeoutMs: number; minRetryDelayMs: number; maxRetryDelayMs: number; maxRetryAfterMs: number };
}

export interface ApiIr {
  title: string;
  summary?: string;
  description?: string;
  /** `info.version` as written. */
  version: string;
  /** The client package's version: `version` when it is semver, else one made from it (package-version.ts). */
  packageVersion: string;
  openapiVersion: string;
  servers: ServerIr[];
  /** The base URL the client uses unless configured: the first server, else http://localhost. */
  defaultBaseUrl: string;
  securitySchemes: SecuritySchemeIr[];
  /** Options of the client configuration (auth fields), in order, with their docs. */
  configFields: ConfigFieldIr[];
  apis: ApiClassIr[];
  /** Every operation once, sorted by method name. */
  operations: OperationIr[];
  models: ModelIr[];
  /** Webhooks, then callbacks (in path order): requests the API sends. */
  webhooks: WebhookIr[];
  /** The models operations.ts names (options, aliases, error bodies), sorted. */
  operationModelImports: string[];
  /** The stream types operations.ts names, by runtime module: `EventStream` (event-stream.ts), `JsonLines`, `Download` (streaming.ts). */
  eventStreamTypes: string[];
  streamTypes: string[];
  /** The body serializers the operations use, sorted: only those are imported (and bundled). */
  bodySerializers: BodySerializerName[];
  /** The parameter styles the operations tables name, sorted: only those are imported (and bundled). */
  paramStyleFunctions: RuntimeStyleName[];
  runtime: RuntimeIr;
  /**
   * Everything decided on the reader's behalf (load and IR): sorted, located. The fidelity
   * report: printed on every run, refused with `--strict`. Never printed into the output.
   */
  warnings: SpecIssue[];
}
