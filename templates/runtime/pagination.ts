/**
 * Listings the server pages by offset, by cursor, by a next URL in the body, or by `Link` headers
 * (RFC 8288): one async iterator of pages and one of items for each. Generated `xxxPages` and
 * `xxxIterator` methods call these for the operations the generator recognised (or that declare
 * `x-pagination`); page-numbered listings use the smaller `paginate.ts`. Imported only by API
 * classes that have such a listing, so other clients do not carry it.
 */
import type { ApiCore, CallMeta, RequestOptions } from "./core.js";
import { InvalidRequestError } from "./errors.js";
import { queryString } from "./params.js";

/** A path into a page's body: property names, outermost first (`["meta", "next_cursor"]`). */
export type BodyPath = readonly string[];

/** How one operation pages (decided by the generator from the spec). */
export type PageStyle =
  /** `offset` + `limit` options; the next offset is this one plus the items received. */
  | { style: "offset"; items: BodyPath; offset: string; limit: string; total?: BodyPath }
  /** A `cursor` option, and the next cursor in the body (absent, null or "" on the last page). */
  | { style: "cursor"; items: BodyPath; cursor: string; nextCursor: BodyPath }
  /** The URL of the next page in the body (absent or null on the last page). */
  | { style: "nextUrl"; items: BodyPath; nextUrl: BodyPath }
  /** The URL of the next page in the `Link` response header, `rel="next"`. */
  | { style: "link"; items: BodyPath };

/** A page as the generated method gives it: the body and the response it came in. */
export interface FetchedPage {
  data: unknown;
  response: Response;
}

/** Sends the operation with the iterator's options plus `params` (the offset or the cursor). */
export type FetchPage = (params: Record<string, unknown>) => Promise<FetchedPage>;

function at(body: unknown, path: BodyPath): unknown {
  let value = body;
  for (const name of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** The items of one page (`[]` when the page has none or they are not a list). */
export function itemsOf(page: unknown, style: Pick<PageStyle, "items">): unknown[] {
  const items = at(page, style.items);
  return Array.isArray(items) ? items : [];
}

/**
 * The target of the `rel="next"` link in a `Link` header (RFC 8288 §3): `<uri>; rel="next"`,
 * several links separated by commas, `rel` possibly quoted and holding several relation types.
 * Commas and semicolons inside `<...>` and quoted strings belong to the link.
 */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const [, uri, params] of header.matchAll(
    /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)/g,
  )) {
    for (const [, name, value] of params!.matchAll(
      /;\s*([^;,=\s]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?/g,
    )) {
      if (name!.toLowerCase() !== "rel" || value === undefined) continue;
      const rels = (value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value).trim();
      if (rels.toLowerCase().split(/\s+/).includes("next")) return uri!;
    }
  }
  return undefined;
}

/**
 * The next page's URL made absolute (relative references resolve against the URL of the page that
 * gave them, RFC 3986 §5), as a path under the client's `baseUrl` plus its query. A URL elsewhere is
 * refused: the request would carry the client's credentials to another server.
 */
function nextRequest(core: ApiCore, meta: CallMeta, next: string, page: Response) {
  let url: URL;
  try {
    url = new URL(next, page.url || `${core.baseUrl}/`);
  } catch {
    throw new InvalidRequestError(
      `${meta.operationId}: the next page's URL ${JSON.stringify(next)} is not a URL`,
    );
  }
  const base = new URL(`${core.baseUrl}/`);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new InvalidRequestError(
      `${meta.operationId}: the next page's URL ${url.origin}${url.pathname} is not under the client's baseUrl ${core.baseUrl}; ` +
        "not followed, so that the client's credentials stay with its server",
    );
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { path: url.pathname.slice(base.pathname.length - 1), query };
}

/**
 * Every page, first to last. `fetchPage(params)` sends the operation with the caller's options and
 * `params` (the next offset or cursor); a next URL is sent as it is, through the same client
 * (auth, retries, timeouts, hooks), with the caller's `signal`, `headers`, `maxRetries` and
 * `timeoutMs`. Stops after the last page: no next cursor/URL/link, an empty page, the `total`
 * reached, or a next cursor/URL equal to the one just used (a server that would loop forever).
 * An abort of `options.signal` ends it with the signal's reason.
 */
export async function* iteratePages<TPage>(
  core: ApiCore,
  meta: CallMeta & { pagination: PageStyle },
  options: RequestOptions,
  fetchPage: FetchPage,
): AsyncGenerator<TPage, void, undefined> {
  const style = meta.pagination;
  const { signal, headers, maxRetries, timeoutMs } = options;
  const request: RequestOptions = { signal, headers, maxRetries, timeoutMs };
  const given = options as Record<string, unknown>;
  let params: Record<string, unknown> = {};
  let url: { path: string; query: Record<string, string | string[]> } | undefined;
  // A next URL's query goes out as the server wrote it, whether or not the operation has query parameters.
  const nextUrlMeta: CallMeta = { ...meta, serializeQuery: queryString };
  let offset = style.style === "offset" ? Number(given[style.offset] ?? 0) : 0;
  let previous: unknown = style.style === "cursor" ? given[style.cursor] : undefined;
  for (;;) {
    if (signal?.aborted) throw signal.reason;
    const { data, response } = url
      ? await core
          .send<unknown>(nextUrlMeta, request, { exactPath: url.path, query: url.query })
          .withResponse()
      : await fetchPage(params);
    yield data as TPage;
    const count = itemsOf(data, style).length;
    if (count === 0) return;
    let next: unknown;
    switch (style.style) {
      case "offset": {
        offset += count;
        const total = style.total ? at(data, style.total) : undefined;
        if (typeof total === "number" && offset >= total) return;
        params = { [style.offset]: offset };
        continue;
      }
      case "cursor":
        next = at(data, style.nextCursor);
        if ((typeof next !== "string" && typeof next !== "number") || next === "" || next === previous)
          return;
        previous = next;
        params = { [style.cursor]: next };
        continue;
      case "nextUrl":
        next = at(data, style.nextUrl);
        break;
      case "link":
        next = nextLink(response.headers.get("link"));
        break;
    }
    if (typeof next !== "string" || next === "") return;
    const following = nextRequest(core, meta, next, response);
    if (url && following.path === url.path && JSON.stringify(following.query) === JSON.stringify(url.query))
      return;
    url = following;
  }
}

/** Every item of every page, in order (see `iteratePages`). */
export async function* iterateItems<TItem>(
  style: Pick<PageStyle, "items">,
  source: AsyncIterable<unknown>,
): AsyncGenerator<TItem, void, undefined> {
  for await (const page of source) yield* itemsOf(page, style) as TItem[];
}
