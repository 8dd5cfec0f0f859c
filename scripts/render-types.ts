/** Stage 4a: TypeScript types of the whole spec, by openapi-typescript (`src/schema.ts`). */
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "./load-spec.js";

export async function renderTypes(document: OpenApiDocument, header: string): Promise<string> {
  const nodes = await openapiTS(structuredClone(document) as any, {
    silent: true,
    // A default in the schema does not make a field required in a request we send.
    defaultNonNullable: false,
  });
  return `${header}\n${astToString(nodes)}`;
}
