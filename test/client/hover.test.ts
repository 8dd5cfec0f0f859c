/**
 * The client as an editor shows it: the TypeScript language service (the one VS Code runs) is
 * asked for the hover text of a method, a result, an item and a model, over the generated sources
 * and over the `.d.ts` files the package ships; each must be short and name the model. The shipped
 * declarations must not show openapi-typescript index types or `$options` in a signature.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { compileClient } from "../../scripts/client/compile.js";
import { REPO_ROOT } from "../../scripts/options.js";
import { tempDir } from "../support/temp.js";

let work: string;

/** A file that uses the client as a user would; `/*@name*\/` marks where to hover. */
const PROBE = (from: string) => `
import { ApiError, OrganizationApi, type AccessCredential } from "${from}";

export async function probe(api: OrganizationApi): Promise<void> {
  const /*@result*/credential = await api./*@method*/getCredential("my-org", "s3");
  const /*@page*/page = await api.listCredentials("my-org", { provider: "AWS" });
  for await (const /*@item*/item of api.listCredentialsIterator("my-org")) void item;
  const /*@model*/model: AccessCredential = credential;
  const /*@full*/full = await api.getCredential("my-org", "s3").withResponse();
  try {
    await api./*@add*/addCredential("my-org", { name: "s3" });
  } catch (error) {
    if (ApiError.is(error, "addCredential")) {
      const /*@body*/body = error.body;
      void body;
    }
  }
  void [page, model, full];
}
`;

/** Hover text (`quickinfo`, as an editor shows it) at each marker of `file`. */
function hovers(dir: string, file: string): Record<string, string> {
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: [],
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const errors = [...service.getSemanticDiagnostics(file), ...service.getSyntacticDiagnostics(file)];
  expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  const source = readFileSync(file, "utf8");
  const result: Record<string, string> = {};
  for (const match of source.matchAll(/\/\*@(\w+)\*\//g)) {
    const info = service.getQuickInfoAtPosition(file, match.index! + match[0].length);
    result[match[1]!] = ts.displayPartsToString(info?.displayParts).replace(/\s+/g, " ");
  }
  return result;
}

function expectReadable(shown: Record<string, string>): void {
  expect(shown).toEqual({
    result: "const credential: AccessCredential",
    method:
      "(method) OrganizationApi.getCredential(namespace: string, name: string, options?: GetCredentialOptions): ApiPromise<AccessCredential>",
    page: "const page: AccessCredentialsData",
    item: "const item: AccessCredential",
    model: "const model: AccessCredential",
    full: "const full: WithResponse<AccessCredential, Record<string, never>>",
    add: "(method) OrganizationApi.addCredential(namespace: string, accessCredential: AccessCredentialInput, options?: AddCredentialOptions): ApiPromise<void>",
    body: "const body: ErrorModel",
  });
  for (const text of Object.values(shown)) expect(text.length).toBeLessThan(200);
}

beforeAll(() => {
  work = tempDir("hover");
  cpSync(path.join(REPO_ROOT, "generated"), path.join(work, "generated"), { recursive: true });
  compileClient(path.join(work, "generated"));
}, 180_000);

describe("hover text in the editor", () => {
  it("over the generated sources: short, with model names", () => {
    const file = path.join(work, "generated", "client", "src", "probe.ts");
    writeFileSync(file, PROBE("./index.js"));
    expectReadable(hovers(path.join(work, "generated", "client"), file));
  });

  it("over the shipped .d.ts files: the same", () => {
    const file = path.join(work, "generated", "client", "dist", "esm", "probe.ts");
    writeFileSync(file, PROBE("./index.js"));
    expectReadable(hovers(path.join(work, "generated", "client"), file));
  });

  it("the shipped .d.ts has no openapi-typescript index type and no $options in a method signature", () => {
    const dir = path.join(work, "generated", "client", "dist", "esm");
    const declarations = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d.ts"));
    expect(declarations).toContain(path.join("apis", "OrganizationApi.d.ts"));
    for (const file of declarations) {
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(text, file).not.toContain("$options");
      if (file.startsWith("apis")) expect(text, file).not.toContain("NonNullable<paths[");
    }
    const api = readFileSync(path.join(dir, "apis", "OrganizationApi.d.ts"), "utf8");
    expect(api).toContain("getCredential(namespace: string, name: string, options?: GetCredentialOptions): ApiPromise<AccessCredential>;");
    const operations = readFileSync(path.join(dir, "operations.d.ts"), "utf8");
    expect(operations).toContain("provider?: CloudProvider;");
    expect(operations).not.toContain("NonNullable<paths[");
  });
});
