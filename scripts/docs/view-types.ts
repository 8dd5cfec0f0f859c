/**
 * The docs view: what the templates in `templates/docs` print, every page, link, anchor, note and
 * example already decided (by view.ts, from the IR).
 */
import type { DocsClientSnippet, DocsExample, DocsIteratorExample } from "./example.js";

/** A type as printed on one page: model names carry a link relative to that page. */
export interface DocsTypeRef {
  text: string;
  parts: { text: string; href?: string }[];
}

export interface DocsLink {
  text: string;
  href: string;
}

/** A README section whose heading anchor other pages link to. */
export interface DocsSection {
  title: string;
  /** GitHub's anchor of the heading. */
  anchor: string;
}

export interface DocsLabeledExample {
  /** Markdown line above the code: which credentials it uses. */
  label: string;
  example: DocsExample;
}

export interface DocsParamRow {
  name: string;
  type: DocsTypeRef;
  description: string;
  /** Markdown: optional/required, where it goes, default, allowed values. */
  notes: string;
}

export interface DocsResponseRow {
  /** As written in the spec: `200`, `4XX`, `default`. */
  status: string;
  description: string;
  /** Markdown: one line per header, or `-`. */
  headers: string;
}

export interface DocsOperation {
  /** Explicit anchor (`<a name>`) of the operation on its class page: the method name. */
  anchor: string;
  methodName: string;
  httpMethodUpper: string;
  path: string;
  summary?: string;
  description?: string;
  /** One paragraph for tables. */
  shortDescription: string;
  deprecated: boolean;
  /** `listCredentials(namespace, options?): Promise<AccessCredentialsData>` */
  signature: string;
  examples: DocsLabeledExample[];
  /** For paginated listings: the generated iterator over every item of every page. */
  iterator?: {
    name: string;
    /** Page-numbered listings: the page option the iterator sets itself. */
    pageOption?: string;
    /** Other styles: the iterator over the pages themselves, and how the next page is found. */
    pagesName?: string;
    how: string;
    example: DocsIteratorExample;
  };
  params: DocsParamRow[];
  /** Absent when the method resolves to nothing (void). */
  returnType?: DocsTypeRef;
  /** Markdown: the requirement alternatives, linked to the README. */
  authorization: string;
  contentType: string;
  accept: string;
  responses: DocsResponseRow[];
}

export interface DocsApiPage {
  className: string;
  /** Path under `docs/`. */
  path: string;
  description?: string;
  baseUrl: string;
  operations: DocsOperation[];
  backLinks: DocsLink[];
}

export interface DocsPropertyRow {
  name: string;
  type: DocsTypeRef;
  description: string;
  notes: string;
}

export interface DocsModelPage {
  name: string;
  typeName: string;
  path: string;
  /** Markdown, when the schema key differs from the exported type name. */
  schemaNote?: string;
  description?: string;
  type: DocsTypeRef;
  /** Markdown line under the type, e.g. that it may be `null`. */
  typeNotes: string;
  properties: DocsPropertyRow[];
  enumValues: { value: string; description: string }[];
  exampleJson?: string;
  backLinks: DocsLink[];
}

export interface DocsScheme {
  name: string;
  /** Explicit anchor in the README: the scheme's name, as the client docs of other generators. */
  anchor: string;
  summary: string;
  description?: string;
  /** Markdown values. */
  details: { label: string; value: string }[];
  /** How an API class is configured with it; none when the spec has no operations (no class to configure). */
  snippet?: DocsClientSnippet;
}

export interface DocsConfigRow {
  /** Markdown (a code span). */
  name: string;
  type: string;
  description: string;
}

/** One webhook or callback: a section of docs/webhooks.md. */
export interface DocsWebhook {
  /** Explicit anchor (`<a name>`) of the section. */
  anchor: string;
  /** Heading text, e.g. `newPet (POST)` or `onData (POST {$request.query.callbackUrl}/data)`. */
  title: string;
  /** Markdown: what sends it (`Webhook`, or the callback of an operation). */
  kind: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** The exported payload type and its shape, when it has a body. */
  payload?: { typeName: string; type: DocsTypeRef; mediaType: string; required: boolean; exampleJson: string };
  responses: { status: string; description: string }[];
}

export interface DocsWebhookPage {
  path: string;
  webhooks: DocsWebhook[];
  backLinks: DocsLink[];
}

export interface DocsView {
  packageName: string;
  title: string;
  summary?: string;
  description?: string;
  version: string;
  baseUrl: string;
  /** Markdown lines about the servers of the spec. */
  servers: string[];
  installCommand: string;
  /** Every API class and `ApiError`, as one import. */
  importSnippet: { packageName: string; imports: string[] };
  /** The per-operation functions' module (`<package>/fn`) and one of them; none without operations. */
  functionSnippet?: { module: string; functionName: string };
  configRows: DocsConfigRow[];
  /** The per-call options every method takes, by name. */
  requestOptions: readonly string[];
  schemes: DocsScheme[];
  /** Absent when the spec has no operations. */
  gettingStarted?: DocsLabeledExample;
  /** Markdown lines about what the spec declares besides operations when it has none. */
  noOperations?: string;
  sections: {
    install: DocsSection;
    configuration: DocsSection;
    gettingStarted: DocsSection;
    endpoints: DocsSection;
    models: DocsSection;
    authorization: DocsSection;
    webhooks: DocsSection;
  };
  endpoints: {
    api: DocsLink;
    method: DocsLink;
    httpMethodUpper: string;
    path: string;
    description: string;
  }[];
  modelRows: { link: DocsLink; description: string }[];
  webhookRows: { link: DocsLink; kind: string; description: string }[];
  webhookPage?: DocsWebhookPage;
  apis: DocsApiPage[];
  models: DocsModelPage[];
}
