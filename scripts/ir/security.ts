/**
 * Security schemes → how the client authenticates (OpenAPI 3.1 §4.8.27 Security Scheme Object).
 * Each scheme is mapped to options of the client configuration; nothing is specific to one API.
 */
import type { ConfigFieldIr, SecuritySchemeIr } from "./types.js";
import type { SpecIssue } from "../issues.js";
import { pointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import { camelCase } from "./naming.js";
import { deref, type Schema } from "./schema.js";

export interface SecurityResult {
  schemes: SecuritySchemeIr[];
  configFields: ConfigFieldIr[];
  issues: SpecIssue[];
}

export function buildSecuritySchemes(document: Schema): SecurityResult {
  const raw: Record<string, Schema> = document.components?.securitySchemes ?? {};
  const names = Object.keys(raw).sort(byCodePoint);
  const apiKeyNames = names.filter((n) => deref<Schema>(document, raw[n]).type === "apiKey");
  const issues: SpecIssue[] = [];
  const schemes: SecuritySchemeIr[] = [];
  const fields = new Map<string, ConfigFieldIr>();
  const addField = (name: string, description: string, secret: boolean, tsType = "string") => {
    if (!fields.has(name)) fields.set(name, { name, description, tsType, secret });
  };

  for (const name of names) {
    const scheme = deref<Schema>(document, raw[name]);
    const at = pointer("components", "securitySchemes", name);
    const description = typeof scheme.description === "string" ? scheme.description : undefined;
    const base = { name, ...(description ? { description } : {}) };
    if (scheme.type === "apiKey") {
      if (!["header", "query", "cookie"].includes(scheme.in) || typeof scheme.name !== "string") {
        issues.push({
          code: "invalid-security-scheme",
          severity: "error",
          pointer: at,
          message: `apiKey scheme "${name}" needs \`in\` (header, query or cookie) and \`name\``,
          hint: "add `in` and `name` to the scheme",
        });
        continue;
      }
      // One key scheme → `apiKey`; several → one option per scheme, named after it.
      const field = apiKeyNames.length === 1 ? "apiKey" : camelCase(name);
      addField(field, `API key for ${name}: sent in the ${scheme.in} \`${scheme.name}\`.`, true);
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
        severity: "error",
        pointer: at,
        message: `security scheme "${name}" (type ${scheme.type}${scheme.scheme ? `, scheme ${scheme.scheme}` : ""}) is not supported`,
        hint: "use apiKey, http basic, http bearer, oauth2 or openIdConnect, or remove the scheme",
      });
    }
  }
  return { schemes, configFields: [...fields.values()], issues };
}

/**
 * The requirement alternatives of an operation: its own `security`, else the document's
 * (§4.8.30). A reference to an undefined scheme is an error: the client could not send it.
 */
export function securityRequirements(document: Schema, operation: Schema, known: Set<string>, at: string, issues: SpecIssue[]): string[][] {
  const own = operation.security !== undefined;
  const requirements: Schema[] = operation.security ?? document.security ?? [];
  return requirements.map((req, i) => {
    const names = Object.keys(req ?? {});
    for (const name of names.filter((n) => !known.has(n))) {
      issues.push({
        code: "undefined-security-scheme",
        severity: "error",
        pointer: own ? `${at}/security/${i}` : `#/security/${i}`,
        message: `security requirement names "${name}", which is not under components.securitySchemes`,
        hint: `define "${name}" under components.securitySchemes, or remove it from the requirement`,
      });
    }
    return names.filter((n) => known.has(n)).sort(byCodePoint);
  });
}
