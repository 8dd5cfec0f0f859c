/**
 * Swagger 2.0 on the way in: most public specs still use it, so the loader converts a bundled
 * Swagger 2.0 document to OpenAPI 3.0 (swagger2openapi, patch mode) and the rest of the
 * pipeline only ever sees OpenAPI 3. The original file stays the one that messages point at:
 * `swaggerPointer` maps a pointer of the converted document back to the Swagger 2.0 one.
 */
import { createRequire } from "node:module";
import { SpecError } from "../issues.js";

type Document = Record<string, any>;

interface ConvertOptions {
  patch?: boolean;
  warnOnly?: boolean;
  resolve?: boolean;
  direct?: boolean;
  /** swagger2openapi keeps a body parameter's name under this extension unless it is "". */
  rbname?: string;
}

interface Converter {
  convertObj(swagger: Document, options: ConvertOptions): Promise<Document>;
}

// swagger2openapi is CommonJS without type declarations.
const converter = createRequire(import.meta.url)("swagger2openapi") as Converter;

/** `swagger: 2.0` in YAML is the number 2; both spellings mean Swagger 2.0. */
export function isSwagger2(document: unknown): boolean {
  if (!document || typeof document !== "object" || Array.isArray(document)) return false;
  const version = (document as Document).swagger;
  return version === "2.0" || version === 2;
}

export interface ConvertResult {
  document: Document;
  /** The converter's warnings (`x-s2o-warning`), with where they are. */
  notes: string[];
}

/** Where the converter leaves a warning: `x-s2o-warning` extensions, which we report and remove. */
function collectWarnings(node: unknown, at: string, notes: string[]): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectWarnings(item, `${at}/${i}`, notes));
    return;
  }
  const record = node as Document;
  if (typeof record["x-s2o-warning"] === "string") {
    notes.push(`${at || "#"}: ${record["x-s2o-warning"]}`);
    delete record["x-s2o-warning"];
  }
  for (const [key, value] of Object.entries(record)) collectWarnings(value, `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, notes);
}

/**
 * Converts a bundled Swagger 2.0 document (every `$ref` local) to OpenAPI 3.0. A document the
 * converter cannot read is a spec problem (exit 2), reported against the original file.
 */
export async function convertSwagger(swagger: Document, displayPath: string): Promise<ConvertResult> {
  const options: ConvertOptions = { patch: true, warnOnly: true, resolve: false, direct: true, rbname: "" };
  let document: Document;
  try {
    // structuredClone: the converter edits its input in place.
    document = await converter.convertObj({ ...structuredClone(swagger), swagger: "2.0" }, options);
  } catch (error) {
    throw new SpecError([
      {
        code: "swagger-conversion-failed",
        severity: "error",
        file: displayPath,
        pointer: "#",
        message: `the Swagger 2.0 document could not be converted to OpenAPI 3.0: ${(error as Error).message}`,
        hint: "fix the Swagger 2.0 document, or convert it to OpenAPI 3 yourself and pass that file",
      },
    ]);
  }
  const notes: string[] = [];
  collectWarnings(document, "", notes);
  return { document, notes };
}

const decode = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");
const encode = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The Swagger 2.0 pointer that corresponds to a pointer into the converted document, as far as
 * the two correspond: components move back under `definitions`, `parameters`, `responses`,
 * `securityDefinitions`; a request body becomes the operation's parameters; a response's
 * `content/<media type>/schema` its `schema`. The caller walks up from there to the nearest
 * node that exists in the original file.
 */
export function swaggerPointer(openapiPointer: string): string {
  const tokens = openapiPointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((t) => t !== "")
    .map(decode);
  const out: string[] = [];
  const renames: Record<string, string> = {
    schemas: "definitions",
    parameters: "parameters",
    responses: "responses",
    securitySchemes: "securityDefinitions",
    requestBodies: "parameters",
  };
  let i = 0;
  if (tokens[0] === "components" && tokens[1] !== undefined) {
    out.push(renames[tokens[1]] ?? tokens[1]);
    i = 2;
  } else if (tokens[0] === "servers") {
    return "#/basePath";
  }
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "requestBody") {
      out.push("parameters");
      break;
    }
    if (token === "content" && tokens[i + 2] === "schema") {
      // responses/200/content/application~1json/schema → responses/200/schema
      i += 1;
      continue;
    }
    out.push(token);
  }
  return out.length ? `#/${out.map(encode).join("/")}` : "#";
}
