/** The client's package files (package.json, tsconfig.json): data, so built as objects. */
import type { ApiIr } from "./ir.js";
import type { GeneratorOptions } from "./options.js";
import type { FileMap } from "./render-client.js";

/** The exact openapi-fetch version the generator is tested with. */
export const OPENAPI_FETCH_VERSION = "0.17.0";

export function packageName(ir: ApiIr, options: Pick<GeneratorOptions, "packageName">): string {
  if (options.packageName) return options.packageName;
  const stem = ir.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${stem || "api"}-client`;
}

export function renderPackage(ir: ApiIr, options: Pick<GeneratorOptions, "packageName" | "packageVersion">): FileMap {
  const pkg = {
    name: packageName(ir, options),
    version: options.packageVersion ?? ir.version,
    description: `TypeScript client for ${ir.title}`,
    type: "module",
    main: "./src/index.ts",
    types: "./src/index.ts",
    sideEffects: false,
    dependencies: { "openapi-fetch": OPENAPI_FETCH_VERSION },
    engines: { node: ">=20" },
  };
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      // No ambient @types: the client needs only the standard and DOM libs (fetch, Request).
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: false,
      skipLibCheck: false,
      declaration: true,
      sourceMap: true,
      outDir: "dist",
      rootDir: "src",
    },
    include: ["src"],
  };
  return new Map([
    ["package.json", `${JSON.stringify(pkg, null, 2)}\n`],
    ["tsconfig.json", `${JSON.stringify(tsconfig, null, 2)}\n`],
  ]);
}
