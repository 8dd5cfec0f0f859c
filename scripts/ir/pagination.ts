/** Page-numbered listings, detected from the shape of an operation (see `detectPagination`). */
import { iteratorName, quote } from "./naming.js";
import { pickResponseMedia } from "./responses.js";
import { deref, type Schema } from "./schema.js";
import type { OperationIr, PaginationIr } from "./types.js";

const PAGE_NAMES = new Set(["page", "pageNumber"]);
const PER_PAGE_NAMES = new Set(["perPage", "pageSize", "limit"]);
const TOTAL_PAGES_NAMES = ["total_pages", "totalPages"];

/**
 * Page-numbered listings: optional `page` + `per_page`-like query options, and a JSON result
 * with one array property and a metadata object that tells the number of pages.
 */
export function detectPagination(document: Schema, op: OperationIr, operation: Schema): PaginationIr | undefined {
  const page = op.optionalParams.find((p) => p.in === "query" && PAGE_NAMES.has(p.optionKey));
  const perPage = op.optionalParams.find((p) => p.in === "query" && PER_PAGE_NAMES.has(p.optionKey));
  if (!page || !perPage || op.parseAs !== "json") return undefined;
  const ok = Object.entries<Schema>(operation.responses ?? {}).find(([s]) => /^2/.test(s));
  const response = ok ? deref<Schema>(document, ok[1]) : undefined;
  const media = pickResponseMedia(response?.content);
  const schema = media ? deref<Schema>(document, response!.content[media]?.schema) : undefined;
  const props = Object.entries<Schema>(schema?.properties ?? {});
  const arrays = props.filter(([, p]) => deref<Schema>(document, p)?.type === "array" || deref<Schema>(document, p)?.items);
  if (arrays.length !== 1) return undefined;
  for (const [name, p] of props) {
    const meta = deref<Schema>(document, p);
    const total = TOTAL_PAGES_NAMES.find((t) => meta?.properties?.[t]);
    if (total) {
      const itemsProperty = arrays[0]![0];
      return {
        pageOption: page.optionKey,
        perPageOption: perPage.optionKey,
        itemsProperty,
        metadataProperty: name,
        totalPagesProperty: total,
        iteratorName: iteratorName(op.methodName),
        itemTypeExpr: `NonNullable<NonNullable<${op.resultSchemaTypeExpr}>[${quote(itemsProperty)}]>[number]`,
        itemTypeName: `${op.typePrefix}Item`,
        itemSchemaTypeExpr: `NonNullable<NonNullable<${op.resultSchemaTypeExpr}>[${quote(itemsProperty)}]>[number]`,
      };
    }
  }
  return undefined;
}
