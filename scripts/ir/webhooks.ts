/**
 * Requests the API sends, not receives: 3.1 `webhooks` (§4.8.1) and operations' `callbacks`
 * (§4.8.18). The client does not call them; their payload types are exported (`XxxPayload`) and
 * each is documented (docs/webhooks.md), so a receiver is typed by the same spec.
 *
 * openapi-typescript types webhooks but not callbacks: the document it prints gets each callback's
 * path item as one more webhook, keyed by `callbackTypeKey` (see `withCallbacks`).
 */
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import type { Namespace } from "./name-claims.js";
import { pascalCase, quote } from "./naming.js";
import { pickResponseMedia } from "./responses.js";
import { specExample } from "./examples.js";
import { deref, derefAt, typeLabel, type Schema } from "./schema.js";
import type { HttpMethod, WebhookIr } from "./types.js";
import { HTTP_METHODS } from "./operation.js";

/** The key under `webhooks` of the types a callback's path item is printed as. */
export function callbackTypeKey(path: string, method: string, callback: string, expression: string): string {
  return `${method.toUpperCase()} ${path} callback ${callback} ${expression}`;
}

type Site = {
  key: string;
  pathItem: Schema;
  at: string;
  callbackOf?: { path: string; method: HttpMethod; name: string; expression: string };
};

/** Every callback's path item, in path, method, name and expression order. */
function callbackSites(document: Schema): Site[] {
  const sites: Site[] = [];
  const paths: Schema = document.paths && typeof document.paths === "object" ? document.paths : {};
  for (const path of Object.keys(paths).sort(byCodePoint)) {
    for (const method of HTTP_METHODS) {
      const operation = paths[path]?.[method];
      if (!operation || typeof operation !== "object" || !operation.callbacks || typeof operation.callbacks !== "object") continue;
      for (const name of Object.keys(operation.callbacks).sort(byCodePoint)) {
        const { value: callback, at: callbackAt } = derefAt<Schema>(
          document,
          operation.callbacks[name],
          pointer("paths", path, method, "callbacks", name),
        );
        if (!callback || typeof callback !== "object") continue;
        for (const expression of Object.keys(callback).sort(byCodePoint)) {
          const { value: pathItem, at } = derefAt<Schema>(document, callback[expression], `${callbackAt}/${pointer(expression).slice(2)}`);
          if (pathItem && typeof pathItem === "object")
            sites.push({
              key: callbackTypeKey(path, method, name, expression),
              pathItem,
              at,
              callbackOf: { path, method, name, expression },
            });
        }
      }
    }
  }
  return sites;
}

/** The document openapi-typescript prints: the spec, with each callback as one more webhook. */
export function withCallbacks(document: Schema): Schema {
  const sites = callbackSites(document);
  if (sites.length === 0) return document;
  const webhooks: Schema = { ...(document.webhooks && typeof document.webhooks === "object" ? document.webhooks : {}) };
  for (const site of sites) webhooks[site.key] = site.pathItem;
  return { ...document, webhooks };
}

export function buildWebhooks(document: Schema): WebhookIr[] {
  const sites: Site[] = [];
  const declared: Schema = document.webhooks && typeof document.webhooks === "object" ? document.webhooks : {};
  for (const name of Object.keys(declared).sort(byCodePoint)) {
    const { value: pathItem, at } = derefAt<Schema>(document, declared[name], pointer("webhooks", name));
    if (pathItem && typeof pathItem === "object") sites.push({ key: name, pathItem, at });
  }
  sites.push(...callbackSites(document));
  const webhooks: WebhookIr[] = [];
  for (const site of sites) {
    for (const method of HTTP_METHODS) {
      const operation = site.pathItem[method];
      if (!operation || typeof operation !== "object") continue;
      webhooks.push(webhook(document, site, method, operation));
    }
  }
  return webhooks;
}

function webhook(document: Schema, site: Site, method: HttpMethod, operation: Schema): WebhookIr {
  const at = `${site.at}/${method}`;
  const typeExpr = `webhooks[${quote(site.key)}][${quote(method)}]`;
  const { value: requestBody, at: bodyAt } = derefAt<Schema>(document, operation.requestBody, `${at}/requestBody`);
  const mediaType = requestBody && typeof requestBody === "object" ? pickResponseMedia(requestBody.content) : undefined;
  const schema = mediaType ? requestBody.content[mediaType]?.schema : undefined;
  const media = mediaType ? (requestBody.content[mediaType] ?? {}) : {};
  const example = specExample(
    document,
    schema,
    [media.example, media.examples ? deref<Schema>(document, Object.values<Schema>(media.examples)[0])?.value : undefined],
    false,
  );
  const stem = site.callbackOf
    ? `${pascalCase(site.callbackOf.name)}Callback`
    : `${pascalCase(typeof operation.operationId === "string" ? operation.operationId : site.key) || "Webhook"}Webhook`;
  return {
    name: site.key,
    ...(site.callbackOf
      ? {
          callback: {
            operationPath: site.callbackOf.path,
            operationMethod: site.callbackOf.method.toUpperCase(),
            name: site.callbackOf.name,
            expression: site.callbackOf.expression,
          },
        }
      : {}),
    httpMethodUpper: method.toUpperCase(),
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { description: operation.description } : {}),
    deprecated: operation.deprecated === true,
    typeName: stem,
    ...(mediaType
      ? {
          payload: {
            mediaType,
            required: requestBody.required === true,
            // The receiver reads what the API sends: the read view (§4.8.24).
            typeExpr: `Readable<NonNullable<${typeExpr}["requestBody"]>["content"][${quote(mediaType)}]>`,
            typeLabel: schema ? typeLabel(schema) : { text: "any", parts: [{ text: "any" }] },
            exampleJson: JSON.stringify(example, null, 2),
            pointer: bodyAt,
          },
        }
      : {}),
    responses: Object.entries<Schema>(operation.responses && typeof operation.responses === "object" ? operation.responses : {})
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([status, raw]) => ({ status, description: String(deref<Schema>(document, raw)?.description ?? "") })),
    pointer: at,
  };
}

/** Each payload type claims its exported name (`XxxWebhookPayload`) after the models, classes and operations. */
export function claimWebhookAliases(webhooks: WebhookIr[], exported: Namespace): void {
  for (const hook of webhooks) {
    if (!hook.payload) continue;
    const stem = `${hook.typeName}${hook.httpMethodUpper === "POST" ? "" : pascalCase(hook.httpMethodUpper.toLowerCase())}`;
    hook.typeName = exported.claim(
      (n) => `${stem}${n === 1 ? "" : n}Payload`,
      {
        owner: hook.callback
          ? `callback "${hook.callback.name}" of ${hook.callback.operationMethod} ${hook.callback.operationPath}`
          : `webhook "${hook.name}"`,
        pointer: hook.pointer,
      },
      "exported-name-collision",
      "rename the webhook, callback or schema to choose the names",
    );
  }
}
