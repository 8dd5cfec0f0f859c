/**
 * Type-only imports a printed file does not use are left out. The templates import, per file, the
 * names its kind of file may need (`paths`, `Readable`, the models, the operation aliases); which
 * of them one spec's file uses depends on every type expression printed into it. Rather than
 * tracking each expression, the printed file is read once: a type name it never mentions outside
 * its imports is dropped (an import left empty goes too), so the package compiles under
 * `noUnusedLocals` (a Deno or bundler user's own settings). Values are never dropped.
 */

/** `import type { A, B } from "x";` or `import {\n  V,\n  type T,\n} from "x";` */
const IMPORT = /^import (type )?\{([^}]*)\} from ("[^"]+");\n/gm;

/** A string literal (kept, group 1), or a block or line comment. */
const CODE_COMMENT = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

interface Specifier {
  text: string;
  /** The local name (after `as`). */
  local: string;
  typeOnly: boolean;
}

export function pruneTypeImports(source: string): string {
  const imports = [...source.matchAll(IMPORT)];
  if (imports.length === 0) return source;
  // Comments name things too (`Operations tagged \`paths\``): only code counts. Strings are
  // matched first, so that `"*/*"` starts no comment.
  const rest = source.replace(IMPORT, "").replace(CODE_COMMENT, (match, string: string | undefined) => string ?? "");
  // Every identifier the code names, once (not after a `.`: a property is not the import): linear in the file.
  const names = new Set(rest.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g));
  const used = (name: string) => names.has(name);
  return source.replace(IMPORT, (statement, typeKeyword: string | undefined, list: string, from: string) => {
    const multiline = list.includes("\n");
    const specifiers: Specifier[] = list
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((text) => {
        const typeOnly = typeKeyword !== undefined || text.startsWith("type ");
        const local = text
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)
          .pop()!
          .trim();
        return { text, local, typeOnly };
      });
    const kept = specifiers.filter((s) => !s.typeOnly || used(s.local));
    if (kept.length === specifiers.length) return statement;
    if (kept.length === 0) return "";
    const head = `import ${typeKeyword ?? ""}{`;
    return multiline
      ? `${head}\n${kept.map((s) => `  ${s.text},\n`).join("")}} from ${from};\n`
      : `${head} ${kept.map((s) => s.text).join(", ")} } from ${from};\n`;
  });
}
