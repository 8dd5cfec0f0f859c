/**
 * Stage 4a: TypeScript types of the whole spec, by openapi-typescript (`src/schema.ts`).
 *
 * `openapiTS()` would first lint and bundle the document again with its own copy of Redocly
 * (1.x): load-spec has already checked and bundled it (every `$ref` local), and on a large spec
 * that second pass costs as much as the transform itself. So we call openapi-typescript's
 * transform directly, with the context `openapiTS()` builds (same defaults, same options), and
 * import its modules by path so that its Redocly is not even loaded. The output is the same bytes.
 *
 * It runs in a worker thread: printing the types is independent of the IR, the client and the
 * docs, so on two cores the pipeline does both at once (see the README's Performance section).
 * The worker gets its own copy of the document, so openapi-typescript may write into it; so does
 * `typeContentParameters`, which gives a parameter declared with `content` its media type's
 * schema, as the client sends it (openapi-typescript would type it as a string).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { GlobalContext, OpenAPITSOptions } from "openapi-typescript";
import type { OpenApiDocument } from "../load/load.js";

/** The options we give openapi-typescript. */
const OPTIONS: OpenAPITSOptions = {
  silent: true,
  // A default in the schema does not make a field required in a request we send.
  defaultNonNullable: false,
  // readOnly/writeOnly become $Read/$Write markers: results are `Readable<...>` (no writeOnly
  // secrets claimed present), request bodies `Writable<...>` (no server-set fields sent).
  readWriteMarkers: true,
};

type StaticContext = Omit<GlobalContext, "discriminators" | "resolve">;

/**
 * The context `openapiTS(schema, OPTIONS)` builds (openapi-typescript 7.13 `src/index.ts`), after
 * its lint + bundle, less the two parts that need the document (added in the worker).
 */
function staticContext(o: OpenAPITSOptions): StaticContext {
  return {
    additionalProperties: o.additionalProperties ?? false,
    alphabetize: o.alphabetize ?? false,
    arrayLength: o.arrayLength ?? false,
    defaultNonNullable: o.defaultNonNullable ?? true,
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
  };
}

const require = createRequire(import.meta.url);

/** openapi-typescript's transform, utils and printer modules, as file URLs (version pinned). */
function moduleUrls(): { transform: string; utils: string; ts: string; main: string } {
  const at = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
  const main = at("openapi-typescript");
  const dist = main.replace(/\/index\.(c|m)?js$/, "");
  return {
    transform: `${dist}/transform/index.mjs`,
    utils: `${dist}/lib/utils.mjs`,
    ts: `${dist}/lib/ts.mjs`,
    main: main.replace(/\.cjs$/, ".mjs"),
  };
}

/**
 * Plain JavaScript (no loader of ours needed in the thread). It imports openapi-typescript (and
 * TypeScript) at once, then waits for the document: the imports overlap the loading of the spec.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { modules, context, options } = workerData;
const loaded = (async () => {
  try {
    const [transform, utils, ts] = await Promise.all([import(modules.transform), import(modules.utils), import(modules.ts)]);
    return { transformSchema: transform.default, scanDiscriminators: utils.scanDiscriminators, resolveRef: utils.resolveRef, astToString: ts.astToString };
  } catch {
    // A layout we do not know: the public entry point has the same functions.
    return import(modules.main);
  }
})();
// A parameter declared with \`content\` is typed by its media type's schema (openapi-typescript
// types it as a string): the client takes the value and serializes it (JSON in a query string).
function typeContentParameters(document) {
  const typed = (list) => {
    for (const param of Array.isArray(list) ? list : []) {
      if (param && typeof param === "object" && !param.schema && param.content && typeof param.content === "object") {
        const first = Object.values(param.content)[0];
        if (first && typeof first === "object" && first.schema) param.schema = first.schema;
      }
    }
  };
  typed(Object.values(document.components?.parameters ?? {}));
  for (const item of Object.values(document.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    typed(item.parameters);
    for (const operation of Object.values(item)) if (operation && typeof operation === "object") typed(operation.parameters);
  }
}
parentPort.once("message", async (document) => {
  const api = await loaded;
  typeContentParameters(document);
  const ctx = {
    ...context,
    discriminators: api.scanDiscriminators(document, options),
    resolve($ref) {
      return api.resolveRef(document, $ref, { silent: options.silent ?? false });
    },
  };
  parentPort.postMessage(api.astToString(api.transformSchema(document, ctx)));
});
`;

export interface TypesJob {
  /** Hands the bundled document to the thread, which starts printing (once). */
  print(document: OpenApiDocument): void;
  /** The printed types, under `header`. */
  result(header: string): Promise<string>;
  /** Stops the thread (when another stage failed meanwhile). */
  cancel(): void;
}

let prestarted: TypesJob | undefined;

/**
 * Starts the thread now, for the next `startTypes()`: an entry point calls it before it loads the
 * rest of the pipeline. Until the document is handed over, the thread does not keep the process
 * alive (a run that stops early, e.g. on a usage error, exits as usual).
 */
export function prestartTypes(): void {
  prestarted ??= spawnTypes(true);
}

/** The thread that prints the types (the prestarted one, if any); `print` gives it the document. */
export function startTypes(): TypesJob {
  const job = prestarted ?? spawnTypes(false);
  prestarted = undefined;
  return job;
}

function spawnTypes(unref: boolean): TypesJob {
  const worker = new Worker(WORKER, {
    eval: true,
    // The thread is plain JavaScript: it needs none of the parent's loaders (tsx, vitest).
    execArgv: [],
    workerData: { modules: moduleUrls(), context: staticContext(OPTIONS), options: OPTIONS },
  });
  const printed = new Promise<string>((resolve, reject) => {
    let settled = false;
    worker.once("message", (text: string) => {
      settled = true;
      resolve(text);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      settled = true;
      reject(new Error(`openapi-typescript failed: ${error.stack ?? error.message}`));
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`openapi-typescript's worker stopped (exit code ${code}) before printing the types`));
    });
  });
  printed.catch(() => {}); // reported by result(); a cancelled job is not an unhandled rejection
  if (unref) worker.unref();
  return {
    // The thread gets its own copy (structured clone): openapi-typescript may write into it.
    print: (document) => {
      worker.ref();
      worker.postMessage(document);
    },
    result: async (header) => `${header}\n${await printed}`,
    cancel: () => void worker.terminate(),
  };
}
