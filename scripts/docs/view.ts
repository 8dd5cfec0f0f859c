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
import { githubSlug, modelPaths, relativeHref, schemeAnchor, unlinkRelative } from "./links.js";
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
  DocsWebhook,
  DocsWebhookPage,
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
      ? {
          iterator: {
            name: op.pagination.iteratorName,
            ...(op.pagination.pageOption ? { pageOption: op.pagination.pageOption } : {}),
            ...(op.pagination.pagesName ? { pagesName: op.pagination.pagesName } : {}),
            how: op.pagination.how,
            example,
          },
        }
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
    // A stream resolves to the stream object (`EventStream<Item>`), not to the body's schema.
    if (op.stream && op.resultTypeLabel) return this.type(op.resultTypeLabel, page);
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

  /** The README's first example: the first read-only (GET) operation, else the first one; none without operations. */
  gettingStarted(): DocsLabeledExample | undefined {
    const ops = this.ir.apis.flatMap((api) => api.operations.map((op) => ({ api, op })));
    const chosen = ops.find(({ op }) => op.httpMethod === "get") ?? ops[0];
    return chosen ? this.examples(chosen.api, chosen.op, "README.md")[0]! : undefined;
  }

  /** docs/webhooks.md: a section per webhook and callback, with its payload type. */
  webhookPage(sections: DocsView["sections"]): DocsWebhookPage | undefined {
    if (this.ir.webhooks.length === 0) return undefined;
    const page = "webhooks.md";
    const anchors = new Set<string>();
    const webhooks = this.ir.webhooks.map((hook): DocsWebhook => {
      const stem = schemeAnchor(`${hook.callback ? `callback-${hook.callback.name}` : `webhook-${hook.name}`}-${hook.httpMethodUpper}`);
      let anchor = stem;
      for (let i = 2; anchors.has(anchor); i++) anchor = `${stem}-${i}`;
      anchors.add(anchor);
      return {
        anchor,
        title: hook.callback
          ? `${hook.callback.name} (${hook.httpMethodUpper} ${hook.callback.expression})`
          : `${hook.name} (${hook.httpMethodUpper})`,
        kind: hook.callback
          ? `Callback of ${markdownCode(`${hook.callback.operationMethod} ${hook.callback.operationPath}`)}: the API sends it to the URL ${markdownCode(hook.callback.expression)}.`
          : "Webhook: the API sends it to the URL you registered with it.",
        ...(hook.summary ? { summary: hook.summary.trim() } : {}),
        ...(hook.description ? { description: hook.description.trim() } : {}),
        deprecated: hook.deprecated,
        ...(hook.payload
          ? {
              payload: {
                typeName: hook.typeName,
                type: this.type(hook.payload.typeLabel, page),
                mediaType: hook.payload.mediaType,
                required: hook.payload.required,
                exampleJson: hook.payload.exampleJson,
              },
            }
          : {}),
        responses: hook.responses,
      };
    });
    return { path: page, webhooks, backLinks: this.backLinks(page, sections, "api") };
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
  readme(apis: DocsApiPage[], sections: DocsView["sections"], webhookPage: DocsWebhookPage | undefined): Omit<DocsView, "apis" | "models"> {
    const ir = this.ir;
    const firstClass = ir.apis[0]?.className;
    const gettingStarted = this.gettingStarted();
    const secretNote = " Secret: never logged or put in an error.";
    return {
      packageName: this.packageName,
      title: ir.title,
      ...(ir.summary ? { summary: ir.summary.trim() } : {}),
      ...(ir.description ? { description: ir.description.trim() } : {}),
      version: ir.version,
      baseUrl: ir.defaultBaseUrl,
      servers: ir.servers.length
        ? ir.servers.map(
            (s) =>
              `${markdownCode(s.url)}${s.description ? `: ${s.description.trim()}` : ""}` +
              (s.template
                ? ` (${markdownCode(s.template)} with ${s.variables
                    .map(
                      (v) =>
                        `${markdownCode(v.name)} = ${markdownCode(v.default)}${v.enum.length > 1 ? `, one of ${v.enum.map(markdownCode).join(", ")}` : ""}${v.description ? ` (${v.description.trim().replace(/\.$/, "")})` : ""}`,
                    )
                    .join("; ")})`
                : ""),
          )
        : [
            `The spec names no server: the client defaults to ${markdownCode(ir.defaultBaseUrl)}; set ${markdownCode("baseUrl")} to your server.`,
          ],
      installCommand: `npm install ${this.packageName}`,
      importSnippet: {
        packageName: this.packageName,
        imports: ["ApiError", ...ir.apis.map((a) => a.className)].sort(byCodePoint),
      },
      ...(ir.operations[0] ? { functionSnippet: { module: `${this.packageName}/fn`, functionName: ir.operations[0].functionName } } : {}),
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
        ...(firstClass ? { snippet: clientSnippet(ir, this.packageName, firstClass, [scheme]) } : {}),
      })),
      ...(gettingStarted ? { gettingStarted } : {}),
      ...(gettingStarted
        ? {}
        : {
            noOperations:
              "The spec has no operations: the package has no API class. It exports the types of the models below" +
              (ir.webhooks.some((w) => w.payload) ? ", and of the webhook payloads" : "") +
              ".",
          }),
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
      webhookRows: (webhookPage?.webhooks ?? []).map((hook) => ({
        link: { text: hook.title, href: `${webhookPage!.path}#${hook.anchor}` },
        kind: hook.payload ? markdownCode(hook.payload.typeName) : "-",
        description: hook.summary ?? firstParagraph(hook.description),
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
      webhooks: section("Webhooks and callbacks"),
    };
    const apis = this.ir.apis.map((api) => this.apiPage(api, sections));
    const webhookPage = this.webhookPage(sections);
    return {
      ...this.readme(apis, sections, webhookPage),
      ...(webhookPage ? { webhookPage } : {}),
      apis,
      models: this.ir.models.map((m) => this.modelPage(m, sections)),
    };
  }
}

/** Fields of the view that hold markdown written in the spec (see `unlinkRelative`). */
const SPEC_TEXT = new Set(["description", "summary", "shortDescription", "servers", "headers"]);

function unlinkSpecText<T>(node: T, key = ""): T {
  if (typeof node === "string") return (SPEC_TEXT.has(key) ? unlinkRelative(node) : node) as T;
  if (Array.isArray(node)) return node.map((item) => unlinkSpecText(item, key)) as T;
  if (node && typeof node === "object") {
    for (const [k, value] of Object.entries(node)) (node as Record<string, unknown>)[k] = unlinkSpecText(value, k);
  }
  return node;
}

export function buildDocsView(ir: ApiIr, packageName: string): DocsView {
  return unlinkSpecText(new DocsBuilder(ir, packageName).build());
}
