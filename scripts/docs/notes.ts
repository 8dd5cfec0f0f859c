/** The short notes of the docs' tables (required, where a parameter goes, defaults, values), as markdown. */
import { serializeParam } from "../../templates/runtime/params.js";
import { runtimeEncoding, STYLES_BY_LOCATION } from "../ir/serialization.js";
import type { ParamIr, PropertyIr, ResponseIr, SecuritySchemeIr } from "../ir/types.js";
import { markdownCode, markdownText } from "../templating/escape.js";

/** The first paragraph of a description, for one table cell. */
export function firstParagraph(text: string | undefined): string {
  return (text ?? "")
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
}

export function notes(list: (string | false | undefined)[]): string {
  return list.filter((n): n is string => !!n).join("; ");
}

function valuesNote(values: string[]): string | undefined {
  return values.length ? `one of: ${values.map(markdownCode).join(", ")}` : undefined;
}

export function paramNotes(p: ParamIr, where: "argument" | "option"): string {
  return notes([
    where === "option" ? "optional" : "required",
    `${p.in} parameter ${markdownCode(p.name)}`,
    p.defaultJson !== undefined && `default: ${markdownCode(p.defaultJson)}`,
    valuesNote(p.enumValues),
    serializationNote(p),
    p.deprecated && "deprecated",
  ]);
}

/**
 * How a parameter that is not sent the default way of its location goes on the wire, with its
 * example as the runtime serializes it: "style `label`, exploded: `.blue.black.brown`".
 */
function serializationNote(p: ParamIr): string | undefined {
  const s = p.serialization;
  if (s.isDefault) return undefined;
  if (s.mediaType) return `sent as ${s.contentAs === "json" ? "JSON" : "text"} (${markdownCode(s.mediaType)})`;
  const explodedByDefault = s.style === "form";
  const how = [
    (s.style !== STYLES_BY_LOCATION[p.in][0] || s.explode !== explodedByDefault) && `style ${markdownCode(s.style!)}`,
    s.explode !== explodedByDefault && (s.explode ? "exploded" : "not exploded"),
    s.allowReserved && "reserved characters not encoded",
  ]
    .filter(Boolean)
    .join(", ");
  let wire: string | undefined;
  try {
    wire = serializeParam(p.in, p.name, JSON.parse(p.exampleJson), runtimeEncoding(s));
  } catch {
    // An example the runtime would refuse: the note goes without it.
  }
  return wire ? `${how}: ${markdownCode(wire)}` : how;
}

export function propertyNotes(p: PropertyIr): string {
  return notes([
    p.required ? "required" : "optional",
    p.readOnly && "read-only: set by the server, ignored in requests",
    p.writeOnly && "write-only: never returned in responses",
    p.nullable && "nullable",
    p.defaultJson !== undefined && `default: ${markdownCode(p.defaultJson)}`,
    valuesNote(p.enumValues),
    p.deprecated && "deprecated",
  ]);
}

export function responseHeaders(response: ResponseIr): string {
  if (response.headers.length === 0) return "-";
  return response.headers
    .map((h) => `${markdownCode(h.name)} (${markdownText(h.typeLabel.text)})${h.description ? `: ${h.description.trim()}` : ""}`)
    .join("\n");
}

export function schemeDetails(scheme: SecuritySchemeIr): { label: string; value: string }[] {
  const details: { label: string; value: string }[] = [];
  if (scheme.kind === "apiKey") {
    details.push({ label: "Type", value: "API key" });
    details.push({
      label: "API key parameter name",
      value: markdownCode(scheme.paramName ?? ""),
    });
    details.push({
      label: "Location",
      value: scheme.in === "header" ? "HTTP header" : scheme.in === "query" ? "URL query string" : "cookie",
    });
  } else if (scheme.kind === "basic") {
    details.push({ label: "Type", value: "HTTP basic authentication" });
  } else {
    details.push({ label: "Type", value: markdownText(scheme.summary) });
    if (scheme.bearerFormat)
      details.push({
        label: "Bearer format",
        value: markdownText(scheme.bearerFormat),
      });
  }
  details.push({
    label: "Client options",
    value: scheme.configFields.map(markdownCode).join(", "),
  });
  return details;
}
