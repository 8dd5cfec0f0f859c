/**
 * The docs view of the IR: every page, link target, anchor, note and example decided here, so
 * the templates in `templates/docs` only print. Derived from `ApiIr` alone (plus the package
 * name), so the docs describe exactly the client that is generated from the same IR.
 */
import type { ApiClassIr, ApiIr, ModelIr, OperationIr, TypeLabel } from "../ir/types.js";
import type { ConfigOptionName } from "../ir/runtime-options.js";
import { byCodePoint } from "../sort.js";
import { markdownCode, markdownText } from "../templating/escape.js";
import { clientSnippet, iteratorExample, operationExample } from "./example.js";
import { githubSlug, modelPaths, relativeHref, schemeAnchor } from "./links.js";
import { firstParagraph, notes, paramNotes, propertyNotes, responseHeaders, schemeDetails } from "./notes.js";
import type {
  DocsApiPage,
  DocsLabeledExample,
  DocsLink,
  DocsModelPage,
  DocsOperation,
  DocsParamRow,
  DocsSection,
  DocsTypeRef,
  DocsView,
} from "./view-types.js";

function section(title: string): DocsSection {
  return { title, anchor: githubSlug(title) };
}

function joinTypes(types: DocsTypeRef[], separator: string): DocsTypeRef {
  const parts: DocsTypeRef["parts"] = [];
  types.forEach((t, i) => {
    if (i > 0) parts.push({ text: separator });
    parts.push(...t.parts);
  });
  return { text: parts.map((p) => p.text).join(""), parts };
}

class DocsBuilder {
  readonly modelPath: Map<string, string>;
  constructor(
    readonly ir: ApiIr,
    readonly packageName: string,
  ) {
    this.modelPath = modelPaths(ir.models);
  }

  /** A type label as seen from `page`: model names link to their pages. */
  type(label: TypeLabel, page: string): DocsTypeRef {
    return {
      text: label.text,
      parts: label.parts.map((part) => {
        const target = part.model !== undefined ? this.modelPath.get(part.model) : undefined;
        return target ? { text: part.text, href: relativeHref(page, target) } : { text: part.text };
      }),
    };
  }

  readmeLink(page: string, anchor?: string): string {
    if (page === "README.md" && anchor) return `#${anchor}`;
    return `${relativeHref(page, "README.md")}${anchor ? `#${anchor}` : ""}`;
  }

  schemeLink(name: string, page: string): string {
    return `[${markdownText(name)}](${this.readmeLink(page, schemeAnchor(name))})`;
  }

  /** The requirement alternatives of an operation, linked to the README's Authorization section. */
  authorization(op: OperationIr, page: string): string {
    if (op.security.length === 0) return "No authorization required";
    const alternatives = op.security.map((alt) =>
      alt.length === 0 ? "none" : alt.map((name) => this.schemeLink(name, page)).join(" and "),
    );
    return alternatives.join(" or ");
  }

  exampleLabel(schemes: string[], page: string): string {
    if (schemes.length === 0) return "Without authorization:";
    const described = schemes.map((name) => {
      const scheme = this.ir.securitySchemes.find((s) => s.name === name);
      return `${this.schemeLink(name, page)}${scheme ? `, ${scheme.summary}` : ""}`;
    });
    return `With ${described.join(" and ")}:`;
  }

  examples(api: ApiClassIr, op: OperationIr, page: string): DocsLabeledExample[] {
    const alternatives = op.security.length ? op.security : [[]];
    return alternatives.map((schemes) => ({
      label: this.exampleLabel(schemes, page),
      example: operationExample(this.ir, this.packageName, api.className, op, schemes),
    }));
  }

  iterator(api: ApiClassIr, op: OperationIr): Pick<DocsOperation, "iterator"> {
    const example = iteratorExample(this.ir, this.packageName, api.className, op);
    return example && op.pagination
      ? { iterator: { name: op.pagination.iteratorName, pageOption: op.pagination.pageOption, example } }
      : {};
  }

  params(op: OperationIr, page: string): DocsParamRow[] {
    const rows: DocsParamRow[] = op.positionalParams.map((p) => ({
      name: p.bindingName,
      type: this.type(p.typeLabel, page),
      description: p.description ?? "",
      notes: paramNotes(p, "argument"),
    }));
    if (op.body) {
      rows.push({
        name: op.body.bindingName,
        type: this.type(op.body.typeLabel, page),
        description: op.body.description ?? "",
        notes: notes([op.body.required ? "required" : "optional", `request body (${markdownCode(op.body.mediaType)})`]),
      });
    }
    for (const p of op.optionalParams) {
      rows.push({
        name: `options.${p.optionKey}`,
        type: this.type(p.typeLabel, page),
        description: p.description ?? "",
        notes: paramNotes(p, "option"),
      });
    }
    return rows;
  }

  /** Every distinct success body type, plus `undefined` when a success has no body. */
  returnType(op: OperationIr, page: string): DocsTypeRef | undefined {
    if (op.resultIsVoid) return undefined;
    const successes = op.responses.filter((r) => r.isSuccess);
    const types: DocsTypeRef[] = [];
    const seen = new Set<string>();
    for (const r of successes) {
      const label = r.typeLabel ?? (r.mediaType ? undefined : { text: "undefined", parts: [{ text: "undefined" }] });
      if (!label || seen.has(label.text)) continue;
      seen.add(label.text);
      types.push(this.type(label, page));
    }
    return types.length ? joinTypes(types, " | ") : undefined;
  }

  signature(op: OperationIr, returnType: DocsTypeRef | undefined): string {
    const args = [
      ...op.positionalParams.map((p) => p.bindingName),
      ...(op.body ? [`${op.body.bindingName}${op.body.required ? "" : "?"}`] : []),
      "options?",
    ];
    return `${op.methodName}(${args.join(", ")}): Promise<${returnType ? returnType.text : "void"}>`;
  }

  operation(api: ApiClassIr, op: OperationIr, page: string): DocsOperation {
    const returnType = this.returnType(op, page);
    return {
      anchor: op.methodName,
      methodName: op.methodName,
      httpMethodUpper: op.httpMethodUpper,
      path: op.path,
      ...(op.jsdocSummary ? { summary: op.jsdocSummary } : {}),
      ...(op.description ? { description: op.description.trim() } : {}),
      shortDescription: op.summary ?? firstParagraph(op.description),
      deprecated: op.deprecated,
      signature: this.signature(op, returnType),
      examples: this.examples(api, op, page),
      ...this.iterator(api, op),
      params: this.params(op, page),
      ...(returnType ? { returnType } : {}),
      authorization: this.authorization(op, page),
      contentType: op.body ? markdownCode(op.body.mediaType) : "Not defined",
      accept: op.accept.length ? op.accept.map(markdownCode).join(", ") : "Not defined",
      responses: op.responses.map((r) => ({
        status: r.status,
        description: r.description,
        headers: responseHeaders(r),
      })),
    };
  }

  backLinks(page: string, sections: DocsView["sections"], first: "api" | "model"): DocsLink[] {
    const api = {
      text: "Back to API list",
      href: this.readmeLink(page, sections.endpoints.anchor),
    };
    const model = {
      text: "Back to Model list",
      href: this.readmeLink(page, sections.models.anchor),
    };
    return [
      { text: "Back to top", href: "#" },
      ...(first === "api" ? [api, model] : [model, api]),
      { text: "Back to README", href: this.readmeLink(page) },
    ];
  }

  modelPage(model: ModelIr, sections: DocsView["sections"]): DocsModelPage {
    const page = this.modelPath.get(model.name)!;
    return {
      name: model.name,
      typeName: model.typeName,
      path: page,
      ...(model.name !== model.typeName
        ? {
            schemaNote: `The schema ${markdownCode(model.name)}, exported as ${markdownCode(model.typeName)}.`,
          }
        : {}),
      ...(model.description ? { description: model.description.trim() } : {}),
      type: this.type(model.typeLabel, page),
      typeNotes: notes([
        model.kind === "enum" && "one of the values below",
        model.nullable && `may be ${markdownCode("null")}`,
        model.readOnly && "read-only: set by the server, ignored in requests",
        model.writeOnly && "write-only: never returned in responses",
      ]),
      properties: model.properties.map((p) => ({
        name: p.name,
        type: this.type(p.typeLabel, page),
        description: p.description ?? "",
        notes: propertyNotes(p),
      })),
      enumValues: model.enumValues.map((v) => ({
        value: markdownCode(v.value),
        description: v.description ?? "",
      })),
      ...(model.exampleJson !== undefined ? { exampleJson: model.exampleJson } : {}),
      backLinks: this.backLinks(page, sections, "model"),
    };
  }

  /** The README's first example: the first read-only (GET) operation, else the first one. */
  gettingStarted(): DocsLabeledExample {
    const ops = this.ir.apis.flatMap((api) => api.operations.map((op) => ({ api, op })));
    const chosen = ops.find(({ op }) => op.httpMethod === "get") ?? ops[0]!;
    return this.examples(chosen.api, chosen.op, "README.md")[0]!;
  }

  /** One page per API class. */
  apiPage(api: ApiClassIr, sections: DocsView["sections"]): DocsApiPage {
    const page = `apis/${api.fileName}.md`;
    return {
      className: api.className,
      path: page,
      ...(api.description ? { description: api.description.trim() } : {}),
      baseUrl: this.ir.defaultBaseUrl,
      operations: api.operations.map((op) => this.operation(api, op, page)),
      backLinks: this.backLinks(page, sections, "api"),
    };
  }

  /** Everything the README prints: title, install, configuration, auth, the endpoint and model indexes. */
  readme(apis: DocsApiPage[], sections: DocsView["sections"]): Omit<DocsView, "apis" | "models"> {
    const ir = this.ir;
    const firstClass = ir.apis[0]?.className ?? "DefaultApi";
    const secretNote = " Secret: never logged or put in an error.";
    return {
      packageName: this.packageName,
      title: ir.title,
      ...(ir.summary ? { summary: ir.summary.trim() } : {}),
      ...(ir.description ? { description: ir.description.trim() } : {}),
      version: ir.version,
      baseUrl: ir.defaultBaseUrl,
      servers: ir.servers.length
        ? ir.servers.map((s) => `${markdownCode(s.url)}${s.description ? `: ${s.description.trim()}` : ""}`)
        : [
            `The spec names no server: the client defaults to ${markdownCode(ir.defaultBaseUrl)}; set ${markdownCode("baseUrl")} to your server.`,
          ],
      installCommand: `npm install ${this.packageName}`,
      importSnippet: {
        packageName: this.packageName,
        imports: ["ApiError", ...ir.apis.map((a) => a.className)].sort(byCodePoint),
      },
      configRows: [
        {
          name: markdownCode("baseUrl" satisfies ConfigOptionName),
          type: markdownCode("string"),
          description: `Root URL of the API. Default: ${markdownCode(ir.defaultBaseUrl)}.`,
        },
        ...ir.configFields.map((f) => ({
          name: markdownCode(f.name),
          type: markdownCode(f.tsType),
          description: `${f.description}${f.secret ? secretNote : ""}`,
        })),
        {
          name: markdownCode("headers" satisfies ConfigOptionName),
          type: markdownCode("Record<string, string>"),
          description: "Headers sent with every request.",
        },
        {
          name: markdownCode("fetch" satisfies ConfigOptionName),
          type: markdownCode("(input: Request) => Promise<Response>"),
          description: "A fetch implementation (default: the global `fetch`), for proxies, tests and instrumentation.",
        },
        {
          name: markdownCode("onRequest" satisfies ConfigOptionName),
          type: markdownCode("(request) => void | Promise<void>"),
          description:
            "Called before each attempt is sent, with the operation, URL and headers (credentials redacted); `request.setHeader(name, value)` adds a header (tracing, custom auth).",
        },
        {
          name: markdownCode("onResponse" satisfies ConfigOptionName),
          type: markdownCode("(response) => void | Promise<void>"),
          description: "Called when each attempt's response arrives: status, headers (redacted), duration.",
        },
        {
          name: markdownCode("onError" satisfies ConfigOptionName),
          type: markdownCode("(failure) => void | Promise<void>"),
          description:
            "Called once when a call fails, with the error it rejects with. A hook that throws fails the call with a `HookError`.",
        },
      ],
      requestOptions: ir.runtime.requestOptions,
      schemes: ir.securitySchemes.map((scheme) => ({
        name: scheme.name,
        anchor: schemeAnchor(scheme.name),
        summary: scheme.summary,
        ...(scheme.description ? { description: scheme.description.trim() } : {}),
        details: schemeDetails(scheme),
        snippet: clientSnippet(ir, this.packageName, firstClass, [scheme]),
      })),
      gettingStarted: this.gettingStarted(),
      sections,
      endpoints: apis.flatMap((api) =>
        api.operations.map((op) => ({
          api: { text: api.className, href: api.path },
          method: { text: op.methodName, href: `${api.path}#${op.anchor}` },
          httpMethodUpper: op.httpMethodUpper,
          path: op.path,
          description: op.shortDescription,
        })),
      ),
      modelRows: ir.models.map((m) => ({
        link: { text: m.typeName, href: this.modelPath.get(m.name)! },
        description: firstParagraph(m.description),
      })),
    };
  }

  build(): DocsView {
    const sections = {
      install: section("Installation"),
      configuration: section("Configuration"),
      gettingStarted: section("Getting started"),
      endpoints: section("Documentation for API endpoints"),
      models: section("Documentation for models"),
      authorization: section("Authorization"),
    };
    const apis = this.ir.apis.map((api) => this.apiPage(api, sections));
    return { ...this.readme(apis, sections), apis, models: this.ir.models.map((m) => this.modelPage(m, sections)) };
  }
}

export function buildDocsView(ir: ApiIr, packageName: string): DocsView {
  return new DocsBuilder(ir, packageName).build();
}
