/**
 * Security schemes → how the client authenticates (OpenAPI 3.1 §4.8.27 Security Scheme Object).
 * Each scheme is mapped to options of the client configuration; nothing is specific to one API.
 */
import type { ConfigFieldIr, SecuritySchemeIr } from "./types.js";
import type { SpecIssue } from "../issues.js";
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { Namespace, numbered } from "./name-claims.js";
import { camelCase, CONFIG_OPTION_KEYS, INHERITED_KEYS } from "./naming.js";
import { deref, type Schema } from "./schema.js";

export interface SecurityResult {
  schemes: SecuritySchemeIr[];
  configFields: ConfigFieldIr[];
}

/**
 * The schemes the client can send, in name order, and the client options that feed them. A
 * scheme it cannot send (http digest, mutualTLS, an apiKey without `in`/`name`) is ignored with a
 * warning: requirements are read without it (see `securityRequirements`).
 */
export function buildSecuritySchemes(document: Schema, issues: SpecIssue[]): SecurityResult {
  const raw: Record<string, Schema> = document.components?.securitySchemes ?? {};
  const names = Object.keys(raw).sort(byCodePoint);
  const apiKeyNames = names.filter((n) => deref<Schema>(document, raw[n])?.type === "apiKey");
  const schemes: SecuritySchemeIr[] = [];
  const fields = new Map<string, ConfigFieldIr>();
  // Credential options sit beside the runtime's own options (baseUrl, fetch, ...): a clash is numbered.
  const options = new Namespace(
    "client option",
    issues,
    new Map([
      ...[...INHERITED_KEYS].map((key): [string, string] => [key, "a name every JavaScript object inherits"]),
      ...[...CONFIG_OPTION_KEYS].map((key): [string, string] => [key, "an option of every client"]),
    ]),
  );
  const addField = (name: string, description: string, secret: boolean, tsType = "string") => {
    if (!fields.has(name)) {
      options.take(name, "a credential");
      fields.set(name, { name, description, tsType, secret });
    }
  };

  for (const name of names) {
    const scheme = deref<Schema>(document, raw[name]) ?? {};
    const at = pointer("components", "securitySchemes", name);
    const description = typeof scheme.description === "string" ? scheme.description : undefined;
    const base = { name, ...(description ? { description } : {}) };
    if (scheme.type === "apiKey") {
      if (!["header", "query", "cookie"].includes(scheme.in) || typeof scheme.name !== "string") {
        issues.push({
          code: "invalid-security-scheme",
          severity: "warning",
          pointer: at,
          message: `apiKey scheme "${name}" needs \`in\` (header, query or cookie) and \`name\`: ignored (requirements are read without it)`,
          hint: "add `in` and `name` to the scheme",
        });
        continue;
      }
      // One key scheme → `apiKey`; several → one option per scheme, named after it.
      const wanted = apiKeyNames.length === 1 ? "apiKey" : camelCase(name) || "apiKey";
      const field = options.claim(
        numbered(wanted),
        { owner: `security scheme "${name}"`, pointer: at },
        "config-name-conflict",
        `rename the security scheme (e.g. "${wanted}Auth") to choose the option's name`,
      );
      fields.set(field, {
        name: field,
        description: `API key for ${name}: sent in the ${scheme.in} \`${scheme.name}\`.`,
        tsType: "string",
        secret: true,
      });
      schemes.push({
        ...base,
        kind: "apiKey",
        in: scheme.in,
        paramName: scheme.name,
        configFields: [field],
        summary: `API key in the ${scheme.in} \`${scheme.name}\``,
      });
    } else if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") {
      addField("username", "User name for HTTP basic authentication.", false);
      addField("password", "Password for HTTP basic authentication.", true);
      schemes.push({
        ...base,
        kind: "basic",
        configFields: ["username", "password"],
        summary: "HTTP basic authentication (username and password)",
      });
    } else if (
      (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") ||
      scheme.type === "oauth2" ||
      scheme.type === "openIdConnect"
    ) {
      addField(
        "accessToken",
        "Bearer token, or a function that returns one (called before each request).",
        true,
        "string | (() => string | Promise<string>)",
      );
      const kindText = scheme.type === "http" ? "HTTP bearer token" : `${scheme.type} access token, sent as a bearer token`;
      schemes.push({
        ...base,
        kind: "bearer",
        configFields: ["accessToken"],
        summary: kindText,
        ...(typeof scheme.bearerFormat === "string" ? { bearerFormat: scheme.bearerFormat } : {}),
      });
    } else {
      issues.push({
        code: "unsupported-security-scheme",
        severity: "warning",
        pointer: at,
        message: `security scheme "${name}" (type ${scheme.type}${scheme.scheme ? `, scheme ${scheme.scheme}` : ""}) cannot be sent by the client: ignored (requirements are read without it)`,
        hint: "send its credentials yourself (the `headers` or `fetch` option); the client sends apiKey, http basic and bearer, oauth2 and openIdConnect tokens",
      });
    }
  }
  return { schemes, configFields: [...fields.values()] };
}

/**
 * The requirement alternatives of an operation: its own `security`, else the document's
 * (§4.8.30), each read without the schemes the client cannot send (undefined or unsupported ones,
 * warned). An alternative left empty sends no credentials.
 */
export function securityRequirements(document: Schema, operation: Schema, known: Set<string>, at: string, issues: SpecIssue[]): string[][] {
  const own = operation.security !== undefined;
  const requirements: unknown = operation.security ?? document.security ?? [];
  if (!Array.isArray(requirements)) return [];
  const defined = document.components?.securitySchemes ?? {};
  return requirements.map((req, i) => {
    const names = req && typeof req === "object" ? Object.keys(req) : [];
    for (const name of names.filter((n) => !Object.hasOwn(defined, n))) {
      issues.push({
        code: "undefined-security-scheme",
        severity: "warning",
        pointer: own ? `${at}/security/${i}` : `#/security/${i}`,
        message: `security requirement names "${name}", which is not under components.securitySchemes: ignored (the requirement is read without it)`,
        hint: `define "${name}" under components.securitySchemes, or remove it from the requirement`,
      });
    }
    return names.filter((n) => known.has(n)).sort(byCodePoint);
  });
}
