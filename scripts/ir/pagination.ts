/**
 * Paginated listings: how an operation pages (page number, offset, cursor, next URL in the body,
 * `Link` header), from the `x-pagination` extension or, without it, from the shape of the
 * operation (README "Pagination" lists the rules). Several matching shapes: the first of
 * cursor, next URL, `Link`, offset, page is followed, and a warning says so.
 */
import type { SpecIssue } from "../issues.js";
import { iteratorName, pagesName, quote } from "./naming.js";
import { pickResponseMedia } from "./responses.js";
import { deref, type Schema } from "./schema.js";
import type { OperationIr, PaginationIr, ParamIr } from "./types.js";

/** The extension that declares or turns off an operation's pagination. */
export const PAGINATION_EXTENSION = "x-pagination";

const PAGE_NAMES = new Set(["page", "pageNumber"]);
const PER_PAGE_NAMES = new Set(["perPage", "pageSize", "limit"]);
const TOTAL_PAGES_NAMES = ["total_pages", "totalPages"];
const OFFSET_NAMES = new Set(["offset", "skip"]);
const LIMIT_NAMES = new Set(["limit", "take", "pageSize", "perPage", "maxResults"]);
const CURSOR_NAMES = new Set(["cursor", "after", "pageToken", "nextToken", "continuationToken", "pageCursor"]);
const NEXT_CURSOR_NAMES = new Set([
  "next_cursor",
  "nextCursor",
  "next_page_token",
  "nextPageToken",
  "next_token",
  "nextToken",
  "continuation_token",
  "continuationToken",
  "end_cursor",
  "endCursor",
]);
const NEXT_URL_NAMES = new Set(["next_url", "nextUrl", "next_page_url", "nextPageUrl", "next_link", "nextLink", "@odata.nextLink"]);
const TOTAL_NAMES = new Set(["total", "total_count", "totalCount", "total_results", "totalResults", "count"]);

type Style = PaginationIr["style"];
/** The order in which matching shapes are preferred: what the server points to first, then what the client counts. */
const PREFERENCE: Style[] = ["cursor", "nextUrl", "link", "offset", "page"];

/** What the detection reads of an operation. */
interface Shape {
  document: Schema;
  op: OperationIr;
  /** The first 2xx JSON body schema (dereferenced). */
  body: Schema | undefined;
  /** The items: `[]` when the body is the array, else the one array property. */
  items: string[] | undefined;
  hasLinkHeader: boolean;
  query: ParamIr[];
}

function isArray(document: Schema, schema: unknown): boolean {
  const s = deref<Schema>(document, schema);
  return s?.type === "array" || (Array.isArray(s?.type) && s.type.includes("array")) || s?.items !== undefined;
}

function isString(document: Schema, schema: unknown): boolean {
  const s = deref<Schema>(document, schema);
  return s?.type === "string" || (Array.isArray(s?.type) && s.type.includes("string"));
}

function isUri(document: Schema, schema: unknown): boolean {
  const format = deref<Schema>(document, schema)?.format;
  return format === "uri" || format === "uri-reference" || format === "url";
}

function propertiesOf(document: Schema, schema: unknown): [string, Schema][] {
  const s = deref<Schema>(document, schema);
  const own = Object.entries<Schema>(s?.properties ?? {});
  // allOf parts add properties too (a page model extending a common envelope).
  for (const part of Array.isArray(s?.allOf) ? s.allOf : []) own.push(...propertiesOf(document, part));
  return own;
}

/** The schema of the items array at `path` in a page's body schema. */
export function itemsSchema(document: Schema, body: unknown, path: readonly string[]): Schema | undefined {
  let schema = deref<Schema>(document, body);
  for (const name of path) schema = deref<Schema>(document, propertiesOf(document, schema).find(([n]) => n === name)?.[1]);
  return schema;
}

/** Paths of the properties of the body, one level deep too (`meta.next_cursor`), that `match`. */
function findPaths(document: Schema, body: Schema | undefined, match: (name: string, schema: Schema) => boolean): string[][] {
  const found: string[][] = [];
  for (const [name, schema] of propertiesOf(document, body)) {
    if (match(name, schema)) found.push([name]);
    else if (!isArray(document, schema))
      for (const [inner, innerSchema] of propertiesOf(document, schema)) {
        if (match(inner, innerSchema)) found.push([name, inner]);
        // HAL and JSON:API style: `_links.next.href`.
        else if (inner === "next" && propertiesOf(document, innerSchema).some(([h, hs]) => h === "href" && isString(document, hs)))
          found.push([name, inner, "href"]);
      }
  }
  return found;
}

function shapeOf(document: Schema, op: OperationIr, operation: Schema): Shape {
  const ok = Object.entries<Schema>(operation.responses ?? {}).find(([s]) => /^2/.test(s));
  const response = ok ? deref<Schema>(document, ok[1]) : undefined;
  const media = pickResponseMedia(response?.content);
  const body = media && op.parseAs === "json" ? deref<Schema>(document, response!.content[media]?.schema) : undefined;
  let items: string[] | undefined;
  if (body && isArray(document, body)) items = [];
  else {
    const arrays = propertiesOf(document, body).filter(([, p]) => isArray(document, p));
    if (arrays.length === 1) items = [arrays[0]![0]];
  }
  const hasLinkHeader = Object.keys(response?.headers ?? {}).some((h) => h.toLowerCase() === "link");
  return { document, op, body, items, hasLinkHeader, query: op.optionalParams.filter((p) => p.in === "query") };
}

function itemTypeExpr(op: OperationIr, items: string[]): string {
  let expr = op.resultSchemaTypeExpr;
  for (const name of items) expr = `NonNullable<${expr}>[${quote(name)}]`;
  return `NonNullable<${expr}>[number]`;
}

/** The parts every style has: names, item types. */
function common(op: OperationIr, style: Style, items: string[]): Omit<PaginationIr, "runtime" | "how"> {
  const expr = itemTypeExpr(op, items);
  return {
    style,
    items,
    iteratorName: iteratorName(op.methodName),
    ...(style === "page" ? {} : { pagesName: pagesName(op.methodName) }),
    itemTypeExpr: expr,
    itemTypeName: `${op.typePrefix}Item`,
    itemSchemaTypeExpr: expr,
  };
}

/** Each style the shape matches, with what it needs, in `PREFERENCE` order. */
function candidates(shape: Shape): PaginationIr[] {
  const { document, op, body, items, query } = shape;
  if (items === undefined) return [];
  const found: PaginationIr[] = [];
  const cursor = query.find((p) => CURSOR_NAMES.has(p.optionKey));
  // `next` alone is a cursor where the operation takes one and the property is not a URI, else a URL.
  const nextCursors = findPaths(
    document,
    body,
    (n, s) => (NEXT_CURSOR_NAMES.has(n) || (n === "next" && isString(document, s))) && !isUri(document, s),
  );
  const nextUrls = findPaths(document, body, (n, s) => NEXT_URL_NAMES.has(n) || (n === "next" && isString(document, s)));
  if (cursor && nextCursors.length > 0) {
    const next = nextCursors[0]!;
    found.push({
      ...common(op, "cursor", items),
      sizeOption: query.find((p) => LIMIT_NAMES.has(p.optionKey))?.optionKey,
      runtime: { style: "cursor", items, cursor: cursor.optionKey, nextCursor: next },
      how: `sends the cursor in \`${next.join(".")}\` as \`${cursor.optionKey}\` until it is empty`,
    } as PaginationIr);
  } else if (nextUrls.length > 0) {
    const next = nextUrls.find((p) => p[p.length - 1] !== "next") ?? nextUrls[0]!;
    found.push({
      ...common(op, "nextUrl", items),
      sizeOption: query.find((p) => LIMIT_NAMES.has(p.optionKey))?.optionKey,
      runtime: { style: "nextUrl", items, nextUrl: next },
      how: `follows the URL in \`${next.join(".")}\` until there is none`,
    } as PaginationIr);
  }
  if (shape.hasLinkHeader)
    found.push({
      ...common(op, "link", items),
      sizeOption: query.find((p) => LIMIT_NAMES.has(p.optionKey) || PER_PAGE_NAMES.has(p.optionKey))?.optionKey,
      runtime: { style: "link", items },
      how: 'follows the `Link` response header\'s `rel="next"` URL until there is none',
    } as PaginationIr);
  const offset = query.find((p) => OFFSET_NAMES.has(p.optionKey));
  const limit = query.find((p) => LIMIT_NAMES.has(p.optionKey));
  if (offset && limit) {
    const total = findPaths(document, body, (n, s) => TOTAL_NAMES.has(n) && !isArray(document, s) && !isString(document, s))[0];
    found.push({
      ...common(op, "offset", items),
      sizeOption: limit.optionKey,
      runtime: { style: "offset", items, offset: offset.optionKey, limit: limit.optionKey, ...(total ? { total } : {}) },
      how: `moves \`${offset.optionKey}\` past the items received until a page is empty${total ? ` or \`${total.join(".")}\` is reached` : ""}`,
    } as PaginationIr);
  }
  const page = pageNumbered(shape);
  if (page) found.push(page);
  return found;
}

/** Page-numbered: `page` + `per_page`-like options, one array property and a page count in a metadata object. */
function pageNumbered({ document, op, body, query }: Shape): PaginationIr | undefined {
  const page = query.find((p) => PAGE_NAMES.has(p.optionKey));
  const perPage = query.find((p) => PER_PAGE_NAMES.has(p.optionKey));
  if (!page || !perPage) return undefined;
  const props = propertiesOf(document, body);
  const arrays = props.filter(([, p]) => isArray(document, p));
  if (arrays.length !== 1) return undefined;
  for (const [name, p] of props) {
    const total = TOTAL_PAGES_NAMES.find((t) => deref<Schema>(document, p)?.properties?.[t]);
    if (!total) continue;
    return pageStyle(op, page.optionKey, perPage.optionKey, arrays[0]![0], name, total);
  }
  return undefined;
}

function pageStyle(op: OperationIr, page: string, perPage: string, items: string, metadata: string, totalPages: string): PaginationIr {
  return {
    ...common(op, "page", [items]),
    pageOption: page,
    perPageOption: perPage,
    sizeOption: perPage,
    itemsProperty: items,
    metadataProperty: metadata,
    totalPagesProperty: totalPages,
    runtime: { itemsProperty: items, metadataProperty: metadata, totalPagesProperty: totalPages },
    how: `asks for page 1, then 2, ..., until the page count in \`${metadata}.${totalPages}\` is reached or a page has no items`,
  };
}

/** A dotted path (`meta.next`) or a list of names (for names with dots: `["@odata.nextLink"]`). */
function pathOf(value: unknown): string[] | undefined {
  if (typeof value === "string") return value === "" ? [] : value.split(".");
  if (Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "")) return value as string[];
  return undefined;
}

/** `x-pagination` as declared: the style and where each thing is (README "Pagination"). */
function declared(shape: Shape, extension: Schema, at: string, issues: SpecIssue[]): PaginationIr | undefined {
  const { op, query } = shape;
  const problem = (message: string): undefined => {
    issues.push({
      code: "pagination-extension-invalid",
      severity: "warning",
      pointer: at,
      message: `${PAGINATION_EXTENSION} of "${op.operationId}": ${message}; no iterator is generated`,
      hint: "see README, Pagination, for the fields of each style",
    });
    return undefined;
  };
  const option = (field: string): string | undefined => {
    const name = extension[field];
    return query.find((p) => p.name === name || p.optionKey === name)?.optionKey;
  };
  const style = extension.style as Style;
  if (!PREFERENCE.includes(style)) return problem(`style ${JSON.stringify(style)} is not one of ${PREFERENCE.join(", ")}`);
  if (op.parseAs !== "json") return problem("the success response is not JSON");
  const items = extension.items === undefined ? shape.items : pathOf(extension.items);
  if (items === undefined) return problem("`items` (where the list is in the body) is missing and cannot be told from the response schema");
  const base = common(op, style, items);
  const size = extension.limit ?? extension.perPage;
  const sizeOption = size === undefined ? undefined : query.find((p) => p.name === size || p.optionKey === size)?.optionKey;
  const need = (field: string): string | undefined =>
    option(field) ?? problem(`\`${field}\` must name an optional query parameter of the operation`);
  const path = (field: string): string[] | undefined =>
    pathOf(extension[field]) ?? problem(`\`${field}\` must be a property path of the response body, such as "meta.next"`);
  switch (style) {
    case "cursor": {
      const cursor = need("cursor");
      const next = cursor && path("nextCursor");
      if (!cursor || !next) return undefined;
      return {
        ...base,
        sizeOption,
        runtime: { style, items, cursor, nextCursor: next },
        how: `sends the cursor in \`${next.join(".")}\` as \`${cursor}\` until it is empty`,
      } as PaginationIr;
    }
    case "nextUrl": {
      const next = path("nextUrl");
      if (!next) return undefined;
      return {
        ...base,
        sizeOption,
        runtime: { style, items, nextUrl: next },
        how: `follows the URL in \`${next.join(".")}\` until there is none`,
      } as PaginationIr;
    }
    case "link":
      return {
        ...base,
        sizeOption,
        runtime: { style, items },
        how: 'follows the `Link` response header\'s `rel="next"` URL until there is none',
      } as PaginationIr;
    case "offset": {
      const offset = need("offset");
      const limit = offset && need("limit");
      const total = extension.total === undefined ? undefined : path("total");
      if (!offset || !limit || (extension.total !== undefined && !total)) return undefined;
      return {
        ...base,
        sizeOption: limit,
        runtime: { style, items, offset, limit, ...(total ? { total } : {}) },
        how: `moves \`${offset}\` past the items received until a page is empty${total ? ` or \`${total.join(".")}\` is reached` : ""}`,
      } as PaginationIr;
    }
    case "page": {
      const page = need("page");
      const perPage = page && need("perPage");
      const totalPages = perPage && path("totalPages");
      if (!page || !perPage || !totalPages) return undefined;
      if (items.length !== 1 || totalPages.length !== 2)
        return problem("the page style needs `items` to be one property and `totalPages` a property of one object (`meta.total_pages`)");
      return pageStyle(op, page, perPage, items[0]!, totalPages[0]!, totalPages[1]!);
    }
  }
}

/**
 * How an operation pages, if it does: as its `x-pagination` says (`false` turns detection off),
 * else the one shape it matches (several: the preferred one, with a `pagination-ambiguous` warning).
 */
export function detectPagination(document: Schema, op: OperationIr, operation: Schema, issues: SpecIssue[]): PaginationIr | undefined {
  const extension = operation[PAGINATION_EXTENSION];
  if (extension === false) return undefined;
  const shape = shapeOf(document, op, operation);
  const at = `${op.pointer}/${PAGINATION_EXTENSION}`;
  if (extension !== undefined) {
    if (extension === null || typeof extension !== "object" || Array.isArray(extension)) {
      issues.push({
        code: "pagination-extension-invalid",
        severity: "warning",
        pointer: at,
        message: `${PAGINATION_EXTENSION} of "${op.operationId}" is not an object or false; no iterator is generated`,
        hint: "see README, Pagination",
      });
      return undefined;
    }
    return declared(shape, extension, at, issues);
  }
  const found = candidates(shape);
  if (found.length > 1) {
    issues.push({
      code: "pagination-ambiguous",
      severity: "warning",
      pointer: op.pointer,
      message: `"${op.operationId}" pages in more than one way (${found.map((c) => c.style).join(", ")}): its iterator ${found[0]!.how}`,
      hint: `declare ${PAGINATION_EXTENSION} on the operation to choose (README, Pagination)`,
    });
  }
  return found[0];
}
