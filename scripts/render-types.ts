/**
 * Stage 4a: TypeScript types of the whole spec, by openapi-typescript (`src/schema.ts`).
 *
 * `openapiTS()` would first lint and bundle the document again with its own copy of Redocly
 * (1.x): load-spec has already checked and bundled it (every `$ref` local), and on a large spec
 * that second pass costs as much as the transform itself. So we call openapi-typescript's
 * transform directly, with the context `openapiTS()` builds (same defaults, same options), and
 * import its modules by path so that its Redocly is not even loaded. The output is the same bytes.
 */
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from "openapi-typescript";
import type * as OpenapiTS from "openapi-typescript";
import type { OpenApiDocument } from "./load-spec.js";

/** openapi-typescript's transform, printer and helpers (version pinned in package.json). */
interface Internals {
  transformSchema: typeof OpenapiTS.transformSchema;
  scanDiscriminators: typeof OpenapiTS.scanDiscriminators;
  resolveRef: typeof OpenapiTS.resolveRef;
  astToString: typeof OpenapiTS.astToString;
}

// Module paths in variables: resolved at run time (their files have no type declarations).
const TRANSFORM = "openapi-typescript/dist/transform/index.mjs";
const UTILS = "openapi-typescript/dist/lib/utils.mjs";
const TS = "openapi-typescript/dist/lib/ts.mjs";

let internals: Promise<Internals> | undefined;

function loadInternals(): Promise<Internals> {
  internals ??= (async (): Promise<Internals> => {
    try {
      const [transform, utils, ts] = await Promise.all([import(TRANSFORM), import(UTILS), import(TS)]);
      return { transformSchema: transform.default, scanDiscriminators: utils.scanDiscriminators, resolveRef: utils.resolveRef, astToString: ts.astToString };
    } catch {
      // A layout we do not know: the public entry point has the same functions.
      const main = await import("openapi-typescript");
      return { transformSchema: main.transformSchema, scanDiscriminators: main.scanDiscriminators, resolveRef: main.resolveRef, astToString: main.astToString };
    }
  })();
  return internals;
}

/** The options we give openapi-typescript. */
const OPTIONS: OpenAPITSOptions = {
  silent: true,
  // A default in the schema does not make a field required in a request we send.
  defaultNonNullable: false,
  // readOnly/writeOnly become $Read/$Write markers: results are `Readable<...>` (no writeOnly
  // secrets claimed present), request bodies `Writable<...>` (no server-set fields sent).
  readWriteMarkers: true,
};

/** The context `openapiTS(schema, OPTIONS)` builds (openapi-typescript 7.13 `src/index.ts`), after its lint + bundle. */
function context(schema: OpenAPI3, { scanDiscriminators, resolveRef }: Internals): GlobalContext {
  const o = OPTIONS;
  return {
    additionalProperties: o.additionalProperties ?? false,
    alphabetize: o.alphabetize ?? false,
    arrayLength: o.arrayLength ?? false,
    defaultNonNullable: o.defaultNonNullable ?? true,
    discriminators: scanDiscriminators(schema, o),
    emptyObjectsUnknown: o.emptyObjectsUnknown ?? false,
    enum: o.enum ?? false,
    enumValues: o.enumValues ?? false,
    conditionalEnums: o.conditionalEnums ?? false,
    dedupeEnums: o.dedupeEnums ?? false,
    excludeDeprecated: o.excludeDeprecated ?? false,
    exportType: o.exportType ?? false,
    immutable: o.immutable ?? false,
    rootTypes: o.rootTypes ?? false,
    rootTypesNoSchemaPrefix: o.rootTypesNoSchemaPrefix ?? false,
    rootTypesKeepCasing: o.rootTypesKeepCasing ?? false,
    injectFooter: [],
    pathParamsAsTypes: o.pathParamsAsTypes ?? false,
    postTransform: undefined,
    propertiesRequiredByDefault: o.propertiesRequiredByDefault ?? false,
    // Only read by openapiTS()'s own lint + bundle, which we skip.
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: o.silent ?? false,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: o.makePathsEnum ?? false,
    generatePathParams: o.generatePathParams ?? false,
    readWriteMarkers: o.readWriteMarkers ?? false,
    resolve($ref) {
      return resolveRef(schema, $ref, { silent: o.silent ?? false });
    },
  };
}

/**
 * Whether openapi-typescript would write into the document: only `scanDiscriminators` does
 * (it adds the discriminator's enum to the schemas a `discriminator` maps to); the transform
 * itself only reads. No `discriminator.propertyName` anywhere: nothing is written.
 */
function hasDiscriminator(node: unknown, seen = new WeakSet<object>()): boolean {
  if (!node || typeof node !== "object" || seen.has(node)) return false;
  seen.add(node);
  if ((node as { discriminator?: { propertyName?: unknown } }).discriminator?.propertyName) return true;
  for (const key in node) if (hasDiscriminator((node as Record<string, unknown>)[key], seen)) return true;
  return false;
}

export async function renderTypes(document: OpenApiDocument, header: string): Promise<string> {
  const ots = await loadInternals();
  // openapi-typescript writes discriminator enums into the document: then it gets its own copy
  // (a copy of a large spec costs more than the check).
  const schema = (hasDiscriminator(document) ? structuredClone(document) : document) as OpenAPI3;
  const nodes = ots.transformSchema(schema, context(schema, ots));
  return `${header}\n${ots.astToString(nodes)}`;
}
