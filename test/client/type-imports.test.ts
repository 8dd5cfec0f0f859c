/** Type-only imports a printed file does not use are dropped; values, used types and the layout stay. */
import { describe, expect, it } from "vitest";
import { pruneTypeImports } from "../../scripts/client/type-imports.js";

describe("pruneTypeImports", () => {
  it("drops unused names of an `import type`, and the statement when none is left", () => {
    const source = [
      'import type { paths, Readable, Writable } from "./schema.js";',
      'import type { Pet } from "./models.js";',
      "export type A = Readable<paths['/a']>;",
      "",
    ].join("\n");
    expect(pruneTypeImports(source)).toBe(
      ['import type { paths, Readable } from "./schema.js";', "export type A = Readable<paths['/a']>;", ""].join("\n"),
    );
  });

  it("keeps values of a mixed import, and its one-name-per-line layout", () => {
    const source = [
      "import {",
      "  OPERATIONS,",
      "  type UsedOptions,",
      "  type UnusedOptions,",
      '} from "../operations.js";',
      "f(OPERATIONS as UsedOptions);",
      "",
    ].join("\n");
    expect(pruneTypeImports(source)).toBe(
      ["import {", "  OPERATIONS,", "  type UsedOptions,", '} from "../operations.js";', "f(OPERATIONS as UsedOptions);", ""].join("\n"),
    );
  });

  it("does not count a name in a comment or as a property access, and counts `as` names by their local name", () => {
    const source = [
      'import type { paths, Label as Tag } from "./x.js";',
      "/** Operations tagged `paths`. */",
      "// paths",
      "const t: Tag = api.paths;",
      "",
    ].join("\n");
    expect(pruneTypeImports(source)).toBe(
      [
        'import type { Label as Tag } from "./x.js";',
        "/** Operations tagged `paths`. */",
        "// paths",
        "const t: Tag = api.paths;",
        "",
      ].join("\n"),
    );
  });

  it("reads `*/*` in a string as a string, not the start of a comment", () => {
    const source = [
      'import type { CallMeta } from "./runtime.js";',
      'const a = { accept: "*/*" } satisfies CallMeta;',
      'const b = { accept: "*/*" } satisfies CallMeta;',
      "",
    ].join("\n");
    expect(pruneTypeImports(source)).toBe(source);
  });

  it("leaves a file whose imports are all used as it is", () => {
    const source = 'import type { A } from "./a.js";\nexport const x: A = 1;\n';
    expect(pruneTypeImports(source)).toBe(source);
  });
});
