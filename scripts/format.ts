/**
 * Stage 5: one pinned formatter (prettier, exact version in package.json) over every file we
 * print, so template whitespace never shows in the output and the bytes are stable.
 * openapi-typescript's own output is left as its printer wrote it (already stable, and large).
 */
import * as prettier from "prettier";
import type { FileMap } from "./render-client.js";

const OPTIONS: prettier.Options = {
  printWidth: 110,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  endOfLine: "lf",
  proseWrap: "preserve",
};

const PARSERS: [RegExp, string][] = [
  [/\.ts$/, "typescript"],
  [/\.json$/, "json"],
  [/\.md$/, "markdown"],
];

export async function formatFiles(files: FileMap, skip: (name: string) => boolean = () => false): Promise<FileMap> {
  const out: FileMap = new Map();
  await Promise.all(
    [...files].map(async ([name, content]) => {
      const parser = PARSERS.find(([pattern]) => pattern.test(name))?.[1];
      const normalised = content.replace(/\r\n?/g, "\n");
      out.set(name, parser && !skip(name) ? await prettier.format(normalised, { ...OPTIONS, parser }) : normalised);
    }),
  );
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
