/** Stage 4b: the client package's own code, printed from `templates/client` over the IR. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { classImports } from "../ir/type-names.js";
import type { ApiIr } from "../ir/types.js";
import type { FileMap } from "../output/file-map.js";
import { byCodePoint } from "../sort.js";
import { createTemplates } from "../templating/handlebars.js";
import { pruneTypeImports } from "./type-imports.js";

/**
 * Runtime files that need a dependency of their own: copied (and the dependency declared, see
 * package.ts) only into packages whose spec uses them.
 */
export const OPTIONAL_RUNTIME: Readonly<Record<string, (ir: ApiIr) => boolean>> = {
  "event-stream.ts": (ir) => ir.eventStreamTypes.length > 0,
};

/** Copies the hand-written runtime core (templates/runtime) into the package, with the header. */
function runtimeFiles(ir: ApiIr, templateDir: string, header: string): FileMap {
  const files: FileMap = new Map();
  const dir = path.join(templateDir, "runtime");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && (OPTIONAL_RUNTIME[f]?.(ir) ?? true))
    .sort()) {
    files.set(`src/runtime/${file}`, `${header}\n${readFileSync(path.join(dir, file), "utf8")}`);
  }
  return files;
}

/** The stream readers the functions of fn.ts call, split by the runtime file that holds them. */
function streamReaders(ir: ApiIr): { eventReaders: string[]; streamReaders: string[] } {
  const readers = [...new Set(ir.operations.flatMap((op) => (op.stream ? [op.stream.reader] : [])))].sort(byCodePoint);
  return {
    eventReaders: readers.filter((reader) => reader === "readEvents"),
    streamReaders: readers.filter((reader) => reader !== "readEvents"),
  };
}

export interface RenderedClient {
  files: FileMap;
  /** The "generated, do not edit" header, for files printed elsewhere (openapi-typescript's). */
  header: string;
}

export function renderClient(ir: ApiIr, templateDir: string): RenderedClient {
  const t = createTemplates(templateDir, "client");
  const header = t["partials/header"]!(ir).trimEnd();
  const files: FileMap = new Map();
  files.set("src/index.ts", t["index.ts"]!(ir));
  files.set("src/client.ts", t["client.ts"]!(ir));
  const webhookPayloads = ir.webhooks.filter((hook) => hook.payload);
  files.set("src/models.ts", t["models.ts"]!({ ...ir, webhookPayloads, exportsTypes: ir.models.length > 0 || webhookPayloads.length > 0 }));
  // The runtime functions the operations table names: parameter styles, the query, header and
  // cookie serializers, the response header reader, the collector of writeOnly values (only operations that need one bring it to a bundle).
  // Operations that send a Cookie header (cookie parameters or a cookie API key) name its serializer;
  // those whose success body may be any media type name the JSON test.
  const cookieSchemes = new Set(
    ir.securitySchemes.filter((scheme) => scheme.kind === "apiKey" && scheme.in === "cookie").map((scheme) => scheme.name),
  );
  const operations = ir.operations.map((op) => ({
    ...op,
    sendsCookies: op.paramsIn.cookie.length > 0 || op.securitySchemeNames.some((name) => cookieSchemes.has(name)),
    // A success body of any media type is read as JSON or not by the answer's Content-Type.
    readsByContentType: op.parseAs === "any",
  }));
  const tableRuntime = [
    ...ir.paramStyleFunctions,
    ...(operations.some((op) => op.sendsCookies) ? ["cookieHeader"] : []),
    ...(ir.operations.some((op) => op.paramsIn.header.length > 0) ? ["headerValues"] : []),
    ...(ir.operations.some((op) => op.paramsIn.query.length > 0) ? ["queryString"] : []),
    ...(ir.operations.some((op) => op.responseHeaders.length > 0) ? ["readHeaders"] : []),
    ...(operations.some((op) => op.readsByContentType) ? ["isJsonMediaType"] : []),
    ...(ir.operations.some((op) => op.body?.secretFields.length) ? ["secretValuesOf"] : []),
  ].sort(byCodePoint);
  files.set("src/operations.ts", t["operations.ts"]!({ ...ir, operations, tableRuntime }));
  // The per-operation functions import what every class would: the aliases and models of all operations.
  const fnImports = classImports(
    {
      operations: ir.operations,
      className: "",
      fileName: "",
      paginated: false,
      followsPages: false,
      eventReaders: [],
      streamReaders: [],
      operationImports: [],
      modelImports: [],
    },
    ir.models,
  );
  files.set("src/fn.ts", t["fn.ts"]!({ ...ir, ...fnImports, ...streamReaders(ir) }));
  for (const api of ir.apis)
    files.set(`src/apis/${api.fileName}.ts`, t["api.ts"]!({ ...api, title: ir.title, version: ir.version, runtime: ir.runtime }));
  for (const [name, content] of files) files.set(name, pruneTypeImports(content));
  for (const [name, content] of runtimeFiles(ir, templateDir, header)) files.set(name, content);
  return { files, header };
}
