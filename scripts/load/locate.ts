/**
 * Where a JSON pointer of the spec is written: file:line:column, for problems a reader can find.
 * A pointer that is not written as such (a default, a node in another file) is located at its
 * nearest written parent.
 */
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { getLineColLocation, parseYaml, Source, type Document } from "@redocly/openapi-core";
import { pointerTokens, encodePointerToken, valueAt } from "../json-pointer.js";

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
function existingPointer(parsed: unknown, pointer: string): { tokens: string[]; onKey: boolean } {
  let node: any = parsed;
  const found: string[] = [];
  let parentIsObject = false;
  for (const key of pointerTokens(pointer)) {
    if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) break;
    parentIsObject = !Array.isArray(node);
    node = node[key];
    found.push(key);
  }
  return { tokens: found, onKey: found.length > 0 && parentIsObject };
}

const asPointer = (tokens: readonly string[]) => (tokens.length ? `#/${tokens.map(encodePointerToken).join("/")}` : "#");

/** file:line of a pointer in one parsed file: the key of a mapping entry, the start of anything else. */
export function lineOf(document: Document, pointer: string) {
  const at = existingPointer(document.parsed, pointer);
  return (
    lineInEntry(document, at.tokens, at.onKey) ??
    safeLineCol({ source: document.source, pointer: asPointer(at.tokens), reportOnKey: at.onKey })
  );
}

/** One line of `body`: where it starts and ends (at its newline), its indentation, and whether it holds only a comment or nothing. */
function lineAt(body: string, start: number) {
  const newline = body.indexOf("\n", start);
  const end = newline < 0 ? body.length : newline;
  let indent = 0;
  while (body.charCodeAt(start + indent) === 32) indent++;
  const first = body[start + indent];
  return { start, end, next: newline < 0 ? body.length : newline + 1, indent, blank: start + indent >= end || first === "#" };
}

/** A key written plainly, or quoted without escapes: what a line scan can recognise. */
const SIMPLE_KEY = /^[^\s\-?:,[\]{}#&*!|>'"%@`\\][^\t\n\r\\"']*$/;

/** The start of the next line from `from` (a line start) that begins with `text`, or -1. */
function nextLineWith(body: string, text: string, from: number): number {
  if (from === 0 && body.startsWith(text)) return 0;
  const at = body.indexOf(`\n${text}`, Math.max(from - 1, 0));
  return at < 0 ? -1 : at + 1;
}

/** The start of the line at indentation `indent` in [from, to) whose mapping key is `key` (`key:`, `"key":`, `'key':`), or -1. */
function keyLine(body: string, from: number, to: number, indent: number, key: string): number {
  if (!SIMPLE_KEY.test(key) || key.endsWith(" ") || key.includes(": ") || key.includes(" #")) return -1;
  let best = -1;
  for (const form of [key, `"${key}"`, `'${key}'`]) {
    const written = `${" ".repeat(indent)}${form}:`;
    for (
      let at = nextLineWith(body, written, from);
      at >= 0 && at < to && (best < 0 || at < best);
      at = nextLineWith(body, written, at + 1)
    ) {
      const after = body[at + written.length];
      if (after === undefined || after === " " || after === "\n") {
        best = at;
        break;
      }
    }
  }
  return best;
}

/** The start of the first line after `from` that `pattern` (a newline, then the line's start) matches, or the end of `body`. */
function nextContentLine(body: string, from: number, pattern: RegExp): number {
  pattern.lastIndex = from;
  const match = pattern.exec(body);
  return match ? match.index + 1 : body.length;
}

/** How many characters of each file were parsed as single entries. */
const entriesParsed = new WeakMap<Source, number>();

/**
 * The line of a pointer found without parsing the whole file's YAML syntax tree (which costs
 * seconds on a spec of thousands of operations, for a handful of warnings): in block-style YAML
 * the entry of each mapping key is the lines below its key line that are indented deeper, so the
 * pointer's keys narrow the text down to one entry, and only that entry is parsed. The entry is
 * checked to hold the same value as the document there; anything else (JSON, flow style, an
 * entry the line scan may have misread) is left to the parse of the whole file (undefined).
 */
export function lineInEntry(document: Document, tokens: string[], onKey: boolean): { line: number; col: number } | undefined {
  const body = document.source.body;
  if (tokens.length === 0 || body.includes("\r") || body.includes("\t")) return undefined;
  let first = lineAt(body, 0);
  while (first.blank && first.next < body.length) first = lineAt(body, first.next);
  if (first.indent !== 0 || /^(---|%|[{[])/.test(body.slice(first.start, first.end))) return undefined;
  let from = 0;
  let to = body.length;
  let indent = 0;
  let entry: { start: number; end: number } | undefined;
  let narrowed = 0;
  for (const key of tokens) {
    const start = keyLine(body, from, to, indent, key);
    if (start < 0) break;
    const head = lineAt(body, start);
    // The entry ends at the next line indented no deeper than its key (comments and blank lines aside).
    const end = Math.min(nextContentLine(body, head.end, new RegExp(`\\n {0,${indent}}[^ \\n#]`, "g")), to);
    const child = nextContentLine(body, head.end, /\n *[^ \n#]/g);
    entry = { start, end };
    narrowed++;
    // A value on the key's line (flow style, a scalar), none, or a list below it: no further narrowing.
    const rest = body.slice(head.start + head.indent, head.end);
    const inline = rest.slice(rest.indexOf(":") + 1).trim();
    if (child >= end || (inline !== "" && !inline.startsWith("#"))) break;
    const childLine = lineAt(body, child);
    if (/^-( |$)/.test(body.slice(childLine.start + childLine.indent, childLine.end))) break;
    from = head.next;
    to = end;
    indent = childLine.indent;
  }
  if (!entry) return undefined;
  // Entries parsed alone cost at most a quarter of the whole file's parse (which is then made once, for all).
  const spent = (entriesParsed.get(document.source) ?? 0) + entry.end - entry.start;
  if (spent > body.length / 4) return undefined;
  entriesParsed.set(document.source, spent);
  const text = body.slice(entry.start, entry.end);
  const key = tokens[narrowed - 1]!;
  try {
    if (!isDeepStrictEqual(parseYaml(text), { [key]: valueAt(document.parsed, tokens.slice(0, narrowed)) })) return undefined;
  } catch {
    return undefined;
  }
  const local = safeLineCol({
    source: new Source(document.source.absoluteRef, text),
    pointer: asPointer(tokens.slice(narrowed - 1)),
    reportOnKey: onKey,
  });
  // Line 1, column 1 is also what an empty node gets: only the whole file tells the two apart.
  if (!local || (local.line === 1 && local.col === 1)) return undefined;
  let linesBefore = 0;
  for (let at = body.indexOf("\n"); at >= 0 && at < entry.start; at = body.indexOf("\n", at + 1)) linesBefore++;
  return { line: local.line + linesBefore, col: local.col };
}
