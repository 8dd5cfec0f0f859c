/**
 * Broken copies of the fixture specs (fast-check arbitraries): a key deleted or renamed, a value
 * of the wrong type, a `$ref` broken (missing target, missing file, a URL, a path out of the
 * folder, not a string), the file truncated, garbage inserted, a line doubled. A split spec is
 * copied whole and one of its files is broken.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { REPO_ROOT } from "../../scripts/options.js";

/** A fixture: its folder, its root file and each file's text (relative paths). */
export interface Fixture {
  name: string;
  root: string;
  files: Record<string, string>;
}

/** One broken copy: every file of the fixture, one of them changed, and what was done. */
export interface Mutant {
  fixture: string;
  root: string;
  files: Record<string, string>;
  what: string;
}

function filesUnder(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(full).isDirectory()) Object.assign(files, filesUnder(full, rel));
    else if (/\.(ya?ml|json)$/.test(entry)) files[rel] = readFileSync(full, "utf8");
  }
  return files;
}

/** The specs the repository is tested with: the project's own, every fixture spec, the Swagger 2.0 ones. */
export function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [
    { name: "spec", root: "openapi.yaml", files: { "openapi.yaml": readFileSync(path.join(REPO_ROOT, "spec/openapi.yaml"), "utf8") } },
  ];
  for (const base of ["test/fixtures/specs", "test/fixtures/swagger2"]) {
    for (const name of readdirSync(path.join(REPO_ROOT, base)).sort()) {
      const dir = path.join(REPO_ROOT, base, name);
      if (!statSync(dir).isDirectory()) continue;
      const files = filesUnder(dir);
      const root =
        ["openapi.yaml", "swagger.yaml", "swagger.json", "openapi.json"].find((f) => f in files) ??
        Object.keys(files).find((f) => !f.includes("/"));
      if (root) fixtures.push({ name: `${base.split("/").pop()}/${name}`, root, files });
    }
  }
  return fixtures;
}

type Key = string | number;

/** Every path to a value in a parsed document (the root excluded). */
function pathsOf(value: unknown, at: Key[] = [], into: Key[][] = []): Key[][] {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const here = [...at, Array.isArray(value) ? Number(key) : key];
      into.push(here);
      pathsOf(child, here, into);
    }
  }
  return into;
}

function parentOf(document: unknown, at: Key[]): { parent: any; key: Key } {
  let parent: any = document;
  for (const key of at.slice(0, -1)) parent = parent[key];
  return { parent, key: at[at.length - 1]! };
}

const WRONG_VALUES: unknown[] = [42, -1.5, "text", "", true, null, [], {}, [1, "a"], { $ref: "#/nowhere" }, { type: "object" }, "{id}"];
const BROKEN_REFS: unknown[] = [
  "#/components/schemas/Missing",
  "./missing.yaml",
  "missing.yaml#/Pet",
  "#/",
  "#",
  "",
  "#/paths",
  "#/components",
  "#/info/title",
  42,
  null,
  ["#/a"],
  "../../../../../../etc/hostname",
  "/etc/hostname",
  "http://127.0.0.1:9/pet.json",
  "https://schemas.example.test/pet.json#/Pet",
  "file:///etc/hostname",
  "#/components/schemas/A~2b",
  "#/components/schemas/%zz",
  "openapi.yaml",
  "#/components/schemas/../..",
];
const GARBAGE = [
  ":",
  "- ",
  "\t",
  "{",
  "}",
  "[",
  "]",
  "&a ",
  "*a ",
  "!!binary ",
  "? ",
  "|",
  ">",
  "'",
  '"',
  "#",
  "%YAML 1.2\n---\n",
  "\u0000",
  "\uFEFF",
  "\u2028",
  "--- ",
  "<<: *a\n",
  "\\u0000",
  "🐶",
];
const RENAMES: Record<string, string> = {
  get: "GET",
  paths: "path",
  components: "component",
  schemas: "schema",
  $ref: "ref",
  responses: "response",
  openapi: "openAPI",
  operationId: "operationID",
};

/** Mutations of one parsed file of the fixture (the text is rewritten as YAML, or JSON for a .json file). */
function structural(document: unknown, isJson: boolean): fc.Arbitrary<{ text: string; what: string }> {
  const paths = pathsOf(document);
  const refs = paths.filter((p) => p[p.length - 1] === "$ref");
  const write = (changed: unknown) => (isJson ? JSON.stringify(changed, null, 2) : stringify(changed, { aliasDuplicateObjects: false }));
  const copy = () => structuredClone(document);
  const at = fc.constantFrom(...(paths.length ? paths : [["openapi"]]));
  const show = (p: Key[]) => `/${p.join("/")}`;
  const deleteKey = at.map((p) => {
    const doc = copy();
    const { parent, key } = parentOf(doc, p);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return { text: write(doc), what: `deleted ${show(p)}` };
  });
  const wrongType = fc.tuple(at, fc.constantFrom(...WRONG_VALUES)).map(([p, value]) => {
    const doc = copy();
    const { parent, key } = parentOf(doc, p);
    parent[key] = structuredClone(value);
    return { text: write(doc), what: `${show(p)} = ${JSON.stringify(value)}` };
  });
  const brokenRef = fc
    .tuple(fc.constantFrom(...(refs.length ? refs : paths.length ? paths : [["openapi"]])), fc.constantFrom(...BROKEN_REFS))
    .map(([p, value]) => {
      const doc = copy();
      const { parent, key } = parentOf(doc, p);
      parent[key] = value;
      return { text: write(doc), what: `${show(p)} = ${JSON.stringify(value)}` };
    });
  const renamed = at
    .filter((p) => typeof p[p.length - 1] === "string")
    .map((p) => {
      const doc = copy();
      const { parent, key } = parentOf(doc, p);
      const to = RENAMES[key as string] ?? `${String(key)} `;
      if (!Array.isArray(parent)) {
        parent[to] = parent[key];
        delete parent[key];
      }
      return { text: write(doc), what: `renamed ${show(p)} to ${JSON.stringify(to)}` };
    });
  return fc.oneof(deleteKey, wrongType, { weight: 2, arbitrary: brokenRef }, renamed);
}

/** Mutations of a file's text: truncated, garbage inserted, a line doubled or dropped. */
function textual(text: string): fc.Arbitrary<{ text: string; what: string }> {
  const offset = fc.nat(Math.max(0, text.length - 1));
  const lines = text.split("\n");
  const line = fc.nat(Math.max(0, lines.length - 1));
  return fc.oneof(
    offset.map((at) => ({ text: text.slice(0, at), what: `truncated at ${at} of ${text.length}` })),
    fc
      .tuple(offset, fc.constantFrom(...GARBAGE))
      .map(([at, junk]) => ({ text: text.slice(0, at) + junk + text.slice(at), what: `inserted ${JSON.stringify(junk)} at ${at}` })),
    line.map((at) => ({ text: [...lines.slice(0, at + 1), ...lines.slice(at)].join("\n"), what: `doubled line ${at + 1}` })),
    line.map((at) => ({ text: [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n"), what: `dropped line ${at + 1}` })),
  );
}

/** A broken copy of one of the fixtures. */
export function mutantArbitrary(fixtures: readonly Fixture[]): fc.Arbitrary<Mutant> {
  const perFile = fixtures.flatMap((fixture) =>
    Object.entries(fixture.files).map(([file, text]) => {
      let parsed: unknown;
      try {
        parsed = parse(text);
      } catch {
        parsed = undefined;
      }
      const kinds =
        parsed === undefined
          ? textual(text)
          : fc.oneof({ weight: 3, arbitrary: structural(parsed, file.endsWith(".json")) }, { weight: 2, arbitrary: textual(text) });
      return kinds.map(({ text: changed, what }) => ({
        fixture: fixture.name,
        root: fixture.root,
        files: { ...fixture.files, [file]: changed },
        what: `${fixture.name}/${file}: ${what}`,
      }));
    }),
  );
  return fc.oneof(...perFile);
}
