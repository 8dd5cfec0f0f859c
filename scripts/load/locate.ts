/**
 * Where a JSON pointer of the spec is written: file:line:column, for problems a reader can find.
 * A pointer that is not written as such (a default, a node in another file) is located at its
 * nearest written parent.
 */
import path from "node:path";
import { getLineColLocation, type Document } from "@redocly/openapi-core";
import { pointerTokens, encodePointerToken } from "../json-pointer.js";

/** A file as the user would write it: relative to the working directory when inside it. */
export function relativeDisplay(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

export function safeLineCol(location: Parameters<typeof getLineColLocation>[0]) {
  try {
    return getLineColLocation(location).start;
  } catch {
    return undefined;
  }
}

/** The longest prefix of `pointer` that is written in `parsed` (without following `$ref`s). */
function existingPointer(parsed: unknown, pointer: string): { pointer: string; onKey: boolean } {
  let node: any = parsed;
  const found: string[] = [];
  let parentIsObject = false;
  for (const key of pointerTokens(pointer)) {
    if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) break;
    parentIsObject = !Array.isArray(node);
    node = node[key];
    found.push(encodePointerToken(key));
  }
  return { pointer: found.length ? `#/${found.join("/")}` : "#", onKey: found.length > 0 && parentIsObject };
}

/** file:line of a pointer in one parsed file: the key of a mapping entry, the start of anything else. */
export function lineOf(document: Document, pointer: string) {
  const at = existingPointer(document.parsed, pointer);
  return safeLineCol({ source: document.source, pointer: at.pointer, reportOnKey: at.onKey });
}
