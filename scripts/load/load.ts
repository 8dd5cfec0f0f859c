/**
 * Stage 1 of the pipeline: read the spec (YAML or JSON, split across files or not), check the
 * OpenAPI version, run the structural checks, and bundle every external `$ref` into one
 * document whose references are all local (`#/components/...`). A Swagger 2.0 document is
 * checked as it is written, then converted to OpenAPI 3.0 (swagger2.ts).
 */
import path from "node:path";
import { BaseResolver, bundle, createConfig, lintDocument, makeDocumentFromString } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { DEFAULT_LIMITS, type SpecLimits } from "../options.js";
import { LimitedResolver, stackGuard } from "./limits.js";
import { checkReach } from "./reach.js";
import { lineOf, relativeDisplay } from "./locate.js";
import { refCycles } from "./ref-cycles.js";
import { checkRootFile, checkVersion, resolveRoot } from "./root-file.js";
import { errorsOf, reportThrown, STRUCTURAL_RULES } from "./structural-rules.js";
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
  /** Problems that did not stop the load (e.g. a `$ref` to a file outside the spec's folder). */
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
  const family = checkVersion(root.parsed, displayPath, root);
  if (family === "2.0") (root.parsed as OpenApiDocument).swagger = "2.0";
  // Every file read, every $ref followed and the depth bounded, before Redocly walks any of it.
  const { warnings } = await checkReach(root, resolver);
  const notices: string[] = [];
  for (const { url, bytes } of resolver.fetched) {
    notices.push(`fetched ${url} (${bytes.toLocaleString("en-US")} bytes) for a $ref (--allow-remote-refs)`);
    options.onNotice?.(notices[notices.length - 1]!);
  }

  // Checked as written (Swagger 2.0 included), so that every problem points at a line the user wrote.
  const cycles = refCycles(root.parsed, displayPath, root);
  if (cycles.length > 0) throw new SpecError(cycles);
  const config = await createConfig({ rules: STRUCTURAL_RULES });
  const problems = await stackGuard(
    () => reportThrown(() => lintDocument({ document: root, config, externalRefResolver: resolver }), displayPath),
    displayPath,
    limits,
  );
  const errors = errorsOf(problems);
  if (errors.length > 0) throw new SpecError(errors);

  const bundled = await stackGuard(
    () => reportThrown(() => bundle({ doc: root, config, externalRefResolver: resolver, dereference: false }), displayPath),
    displayPath,
    limits,
  );
  const bundleErrors = errorsOf(bundled.problems);
  if (bundleErrors.length > 0) throw new SpecError(bundleErrors);
  const files = [...new Set([absolutePath, ...bundled.fileDependencies])].sort();

  const locateInRoot = (pointer: string) => {
    const lineCol = lineOf(root, family === "2.0" ? swaggerPointer(pointer) : pointer);
    return lineCol ? { file: displayPath, line: lineCol.line, column: lineCol.col } : undefined;
  };
  let document = bundled.bundle.parsed as OpenApiDocument;
  if (family === "2.0") {
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
    const relocate = (pointer: string): Partial<SpecIssue> => {
      const at = locateInRoot(pointer);
      return at ? { file: at.file, line: at.line, column: at.column } : { file: displayPath };
    };
    const convertedErrors = errorsOf(
      await lintDocument({ document: convertedDoc, config, externalRefResolver: new BaseResolver() }),
      relocate,
    );
    if (convertedErrors.length > 0) throw new SpecError(convertedErrors);
  }

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
