/**
 * Stage 1 of the pipeline: read the spec (YAML or JSON, split across files or not), check the
 * OpenAPI version, run the structural checks, and bundle every external `$ref` into one
 * document whose references are all local (`#/components/...`). A Swagger 2.0 document is
 * checked as it is written, then converted to OpenAPI 3.0 (swagger2.ts).
 */
import path from "node:path";
import { BaseResolver, bundle, createConfig, lintDocument, makeDocumentFromString, type Document } from "@redocly/openapi-core";
import { locateIssue, SpecError, type SpecIssue } from "../issues.js";
import { checkBundled } from "./bundled-checks.js";
import { applyRepairs } from "./repair.js";
import { breakTypeCycles } from "./type-cycles.js";
import { DEFAULT_LIMITS, type SpecLimits } from "../options.js";
import { LimitedResolver, stackGuard } from "./limits.js";
import { checkReach } from "./reach.js";
import { lineOf, relativeDisplay } from "./locate.js";
import { refCycles } from "./ref-cycles.js";
import { checkRootFile, checkVersion, resolveRoot } from "./root-file.js";
import { decideProblems, reportThrown, STRUCTURAL_RULES, type Decided } from "./structural-rules.js";
import { convertSwagger, swaggerPointer } from "./swagger2.js";

export type OpenApiDocument = Record<string, any>;

export interface LoadedSpec {
  /** The path as the user gave it, relative to the working directory: used in messages. */
  displayPath: string;
  absolutePath: string;
  /** "3.0" or "3.1": the version family decides a few rules (nullable, exclusiveMinimum, ...). */
  version: "3.0" | "3.1";
  /** "2.0" when the file is Swagger 2.0 and `document` is its OpenAPI 3.0 conversion. */
  convertedFrom?: "2.0";
  /** The bundled document: one object, every `$ref` local. */
  document: OpenApiDocument;
  /** Every file the spec is made of (absolute paths), for watch mode and messages. */
  files: string[];
  /** Things the user should know that are not problems (e.g. the Swagger 2.0 conversion). */
  notices: string[];
  /** What loading decided on the reader's behalf (located, unsorted): see `ApiIr.warnings`. */
  warnings: SpecIssue[];
  /**
   * file:line of a JSON pointer of `document` in the root file: the node itself or, when it is
   * not written in the root file (another file, a converted Swagger 2.0 spec), its nearest parent.
   */
  locate(pointer: string): { file: string; line: number; column: number } | undefined;
}

export interface LoadOptions {
  /** Hears each notice as soon as it is known (they are also in `LoadedSpec.notices`). */
  onNotice?: (message: string) => void;
  /** Bounds on the work the spec may cause (default: `DEFAULT_LIMITS`). */
  limits?: SpecLimits;
}

export async function loadSpec(specPath: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const absolutePath = path.resolve(specPath);
  const displayPath = relativeDisplay(absolutePath);
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkRootFile(absolutePath, displayPath, limits);

  const resolver = new LimitedResolver(limits);
  const root = await resolveRoot(resolver, absolutePath, displayPath);
  const warnings: SpecIssue[] = [];
  const family = checkVersion(root.parsed, displayPath, root, warnings);
  if (family === "2.0") (root.parsed as OpenApiDocument).swagger = "2.0";
  const swagger = family === "2.0";
  // Every file read, every $ref followed and the depth bounded, before Redocly walks any of it.
  warnings.push(...(await checkReach(root, resolver)).warnings);
  const notices: string[] = [];
  for (const { url, bytes } of resolver.fetched) {
    notices.push(`fetched ${url} (${bytes.toLocaleString("en-US")} bytes) for a $ref (--allow-remote-refs)`);
    options.onNotice?.(notices[notices.length - 1]!);
  }

  // Checked as written (Swagger 2.0 included), so that every problem points at a line the user wrote.
  warnings.push(...refCycles(root.parsed, displayPath, root));
  const config = await createConfig({ rules: STRUCTURAL_RULES });
  const problems = await stackGuard(
    () => reportThrown(() => lintDocument({ document: root, config, externalRefResolver: resolver }), displayPath),
    displayPath,
    limits,
  );
  const decided = decideProblems(problems, swagger);
  throwErrors(decided);
  // What the warnings decided is made on the parsed files, before bundling: every later stage reads it.
  const repairs = await Promise.all(
    decided
      .filter((d) => d.repair && d.source && d.issue.pointer)
      .map(async (d) => ({ document: await parsedFile(resolver, root, d.source!), pointer: d.issue.pointer!, repair: d.repair! })),
  );
  applyRepairs(repairs, swagger);
  warnings.push(...decided.map((d) => d.issue));

  const bundled = await stackGuard(
    () => reportThrown(() => bundle({ doc: root, config, externalRefResolver: resolver, dereference: false }), displayPath),
    displayPath,
    limits,
  );
  // The bundle runs the same rules: its warnings are the ones above, reported once.
  throwErrors(decideProblems(bundled.problems, swagger));
  const files = [...new Set([absolutePath, ...bundled.fileDependencies])].sort();

  const locateInRoot = (pointer: string) => {
    const lineCol = lineOf(root, swagger ? swaggerPointer(pointer) : pointer);
    return lineCol ? { file: displayPath, line: lineCol.line, column: lineCol.col } : undefined;
  };
  let document = bundled.bundle.parsed as OpenApiDocument;
  if (swagger) {
    const converted = await convertSwagger(document, displayPath);
    document = converted.document;
    const conversion = [
      `${displayPath} is Swagger 2.0; converted to OpenAPI 3.0 on the way in`,
      ...converted.notes.map((n) => `${displayPath}: ${n}`),
    ];
    notices.push(...conversion);
    for (const notice of conversion) options.onNotice?.(notice);
    // What the converter wrote must pass the same checks; problems point back at the Swagger file.
    const convertedDoc = makeDocumentFromString(JSON.stringify(document), absolutePath);
    document = convertedDoc.parsed as OpenApiDocument;
    const relocate = (pointer: string): Partial<SpecIssue> => {
      const at = locateInRoot(pointer);
      return at ? { file: at.file, line: at.line, column: at.column } : { file: displayPath };
    };
    const again = decideProblems(
      await lintDocument({ document: convertedDoc, config, externalRefResolver: new BaseResolver() }),
      false,
      relocate,
    );
    throwErrors(again);
    applyRepairs(
      again.filter((d) => d.repair && d.issue.pointer).map((d) => ({ document, pointer: d.issue.pointer!, repair: d.repair! })),
      false,
    );
    // Reported once: a problem of the Swagger file is found again in its conversion.
    const known = new Set(warnings.map((w) => `${w.code} ${w.line}`));
    warnings.push(...again.map((d) => d.issue).filter((w) => !known.has(`${w.code} ${w.line}`)));
  }
  warnings.push(...checkBundled(document, (w) => locateIssue(w, locateInRoot, displayPath)));
  warnings.push(...breakTypeCycles(document).map((w) => locateIssue(w, locateInRoot, displayPath)));

  return {
    displayPath,
    absolutePath,
    version: family === "2.0" ? "3.0" : family,
    ...(family === "2.0" ? { convertedFrom: "2.0" as const } : {}),
    document,
    files,
    notices,
    warnings,
    locate: locateInRoot,
  };
}

function throwErrors(decided: Decided[]): void {
  const errors = decided.filter((d) => d.issue.severity === "error").map((d) => d.issue);
  if (errors.length > 0) throw new SpecError(errors);
}

/** The parsed content of one file of the spec (the resolver has read it already, and caches it). */
async function parsedFile(resolver: BaseResolver, root: Document, absoluteRef: string): Promise<unknown> {
  if (absoluteRef === root.source.absoluteRef) return root.parsed;
  const document = (await resolver.resolveDocument(null, absoluteRef, false)) as Document | Error;
  return document instanceof Error ? undefined : document.parsed;
}
