/** The client's package files (package.json, tsconfig.json): data, so built as objects. */
import type { ApiIr } from "../ir/types.js";
import type { GeneratorOptions } from "../options.js";
import type { FileMap } from "../output/file-map.js";

/** The openapi-fetch version the generator is tested with (an optional peer of the client, for raw calls). */
export const OPENAPI_FETCH_VERSION = "0.17.0";

/** The npm name of the client package: configured, else the title in kebab-case + `-client`. Resolved once per run. */
export function packageName(ir: ApiIr, options: Pick<GeneratorOptions, "packageName">): string {
  if (options.packageName) return options.packageName;
  const stem = ir.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${stem || "api"}-client`;
}

/** The exact eventsource-parser version (3.x: Node 18+, ESM and CommonJS), for specs with server-sent events. */
export const EVENTSOURCE_PARSER_VERSION = "3.1.1";

/** The TypeScript version the generated package is built and tested with. */
export const TYPESCRIPT_VERSION = "5.9.3";

const COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  // No ambient @types: the client needs only the standard and DOM libs (fetch, Request).
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  declaration: true,
  sourceMap: true,
  // Maps carry the sources: `src/` is not published.
  inlineSources: true,
  rootDir: "src",
};

/**
 * package.json, tsconfig.json (ESM build → dist/esm) and tsconfig.cjs.json (CommonJS build →
 * dist/cjs, marked by its own package.json). `exports` sends `import` and `require` to each.
 */
export function renderPackage(ir: ApiIr, name: string, version: string | undefined): FileMap {
  const pkg = {
    name,
    version: version ?? ir.packageVersion,
    description: `TypeScript client for ${ir.title}`,
    keywords: ["openapi", "client", "typescript"],
    type: "module",
    exports: {
      ".": {
        import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
        require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
      },
      // One function per operation (tree-shakes to what an app calls); same runtime as the classes.
      "./fn": {
        import: { types: "./dist/esm/fn.d.ts", default: "./dist/esm/fn.js" },
        require: { types: "./dist/cjs/fn.d.ts", default: "./dist/cjs/fn.js" },
      },
      "./package.json": "./package.json",
    },
    // TypeScript's older `moduleResolution: "node"` reads no `exports`: this finds `<pkg>/fn`'s types.
    typesVersions: { "*": { fn: ["./dist/esm/fn.d.ts"] } },
    main: "./dist/cjs/index.js",
    module: "./dist/esm/index.js",
    types: "./dist/esm/index.d.ts",
    files: ["dist", "docs", "README.md"],
    sideEffects: false,
    scripts: {
      build:
        "tsc -p tsconfig.json && tsc -p tsconfig.cjs.json && node -e \"require('node:fs').writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\\n')\"",
    },
    // The runtime sends its requests itself: nothing to install but the SSE parser where used.
    ...(ir.eventStreamTypes.length > 0 ? { dependencies: { "eventsource-parser": EVENTSOURCE_PARSER_VERSION } } : {}),
    // Raw calls outside the generated operations: openapi-fetch over the exported `paths` types,
    // the version the generator is tested with (test/runtime/openapi-fetch-parity.test.ts).
    peerDependencies: { "openapi-fetch": `^${OPENAPI_FETCH_VERSION}` },
    peerDependenciesMeta: { "openapi-fetch": { optional: true } },
    devDependencies: { typescript: TYPESCRIPT_VERSION },
    engines: { node: ">=20" },
  };
  const tsconfig = {
    compilerOptions: { ...COMPILER_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist/esm" },
    include: ["src"],
  };
  const tsconfigCjs = {
    extends: "./tsconfig.json",
    compilerOptions: {
      module: "CommonJS",
      moduleResolution: "Node10",
      esModuleInterop: true,
      ignoreDeprecations: "5.0",
      outDir: "dist/cjs",
    },
  };
  return new Map([
    ["package.json", `${JSON.stringify(pkg, null, 2)}\n`],
    ["tsconfig.json", `${JSON.stringify(tsconfig, null, 2)}\n`],
    ["tsconfig.cjs.json", `${JSON.stringify(tsconfigCjs, null, 2)}\n`],
  ]);
}

/**
 * The package's README is the generated docs' README; its relative links point into the
 * `docs/` folder that `make build` copies into the package.
 */
export function packageReadme(docsReadme: string): string {
  return docsReadme.replace(/\]\((?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi, "](docs/$1)");
}
