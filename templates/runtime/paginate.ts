/**
 * Page-numbered listings as one async iterator over their items. Generated `xxxIterator` methods
 * call it for every operation the generator recognised as paginated (a page option, a page-size
 * option, one array of items and metadata telling the number of pages).
 */

/** Where a page keeps its items and the number of pages (property names from the spec). */
export interface PaginationMeta {
  itemsProperty: string;
  metadataProperty: string;
  totalPagesProperty: string;
}

/**
 * Yields every item of page 1, 2, ... (`fetchPage(page)` asks for one page), and stops after the
 * page whose number reaches the metadata's page count, or at the first page without items.
 * Errors of `fetchPage` (after its own retries) end the iteration by rejecting `next()`.
 */
export async function* paginate<TItem>(
  meta: PaginationMeta,
  fetchPage: (page: number) => Promise<unknown>,
  firstPage = 1,
): AsyncGenerator<TItem, void, undefined> {
  for (let page = firstPage; ; page++) {
    const result = (await fetchPage(page)) as Record<string, unknown> | null | undefined;
    const items = result?.[meta.itemsProperty];
    if (!Array.isArray(items) || items.length === 0) return;
    yield* items as TItem[];
    const metadata = result?.[meta.metadataProperty] as Record<string, unknown> | null | undefined;
    const totalPages = metadata?.[meta.totalPagesProperty];
    if (typeof totalPages === "number" && page - firstPage + 1 >= totalPages) return;
  }
}
