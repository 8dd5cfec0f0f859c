/**
 * Locating a pointer (scripts/load/locate.ts): the line scan that narrows block-style YAML to one
 * entry gives the line and column the YAML syntax tree of the whole file gives, for every written
 * pointer of the fixture specs (and one key past each); JSON, and an entry that is not the same
 * value parsed alone, go to the whole file.
 */
import { readFileSync } from "node:fs";
import { getLineColLocation, parseYaml, Source, type Document } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { encodePointerToken } from "../../scripts/json-pointer.js";
import { lineInEntry, lineOf } from "../../scripts/load/locate.js";

const document = (file: string, body: string): Document => ({ source: new Source(file, body), parsed: parseYaml(body) }) as Document;

/** Every pointer of a parsed value, up to `limit` of them. */
function pointers(value: unknown, limit: number, tokens: string[] = [], out: string[][] = []): string[][] {
  if (out.length >= limit) return out;
  out.push(tokens);
  if (value && typeof value === "object") for (const [key, child] of Object.entries(value)) pointers(child, limit, [...tokens, key], out);
  return out;
}

/** What the whole file's syntax tree says (the pointer is written in full). */
function wholeFile(doc: Document, tokens: string[], onKey: boolean) {
  return getLineColLocation({ source: doc.source, pointer: `#/${tokens.map(encodePointerToken).join("/")}`, reportOnKey: onKey }).start;
}

function valueAtTokens(value: unknown, tokens: string[]): unknown {
  return tokens.reduce<any>((node, token) => node?.[token], value);
}

describe("locate", () => {
  it.each([
    "spec/openapi.yaml",
    "test/fixtures/specs/petstore-multi-tag/openapi.yaml",
    "test/fixtures/specs/paging-streaming/openapi.yaml",
  ])("narrows %s to entries and finds the lines the whole file's syntax tree finds", (file) => {
    const doc = document(file, readFileSync(file, "utf8"));
    let narrowed = 0;
    for (const tokens of pointers(doc.parsed, 2000).filter((t) => t.length > 0)) {
      const parentIsObject = !Array.isArray(valueAtTokens(doc.parsed, tokens.slice(0, -1)));
      const expected = wholeFile(doc, tokens, parentIsObject);
      // A fresh source each time: entries parsed alone have a budget per file.
      const fast = lineInEntry({ ...doc, source: new Source(file, doc.source.body) }, tokens, parentIsObject);
      if (fast) {
        narrowed++;
        expect(fast, tokens.join("/")).toEqual(expected);
      }
      // A key that is not written is located at its nearest written parent.
      expect(
        lineOf({ ...doc, source: new Source(file, doc.source.body) }, `#/${[...tokens, "not-written"].map(encodePointerToken).join("/")}`),
      ).toEqual(
        typeof valueAtTokens(doc.parsed, tokens) === "object" && valueAtTokens(doc.parsed, tokens) !== null
          ? expected
          : lineOf({ ...doc, source: new Source(file, doc.source.body) }, `#/${tokens.map(encodePointerToken).join("/")}`),
      );
    }
    expect(narrowed).toBeGreaterThan(50);
  });

  it("leaves JSON and an entry that does not stand alone to the whole file", () => {
    const json = document("spec.json", JSON.stringify({ paths: { "/a": { get: { operationId: "a" } } } }, null, 2));
    expect(lineInEntry(json, ["paths", "/a", "get"], true)).toBeUndefined();
    expect(lineOf(json, "#/paths/~1a/get")).toEqual({ line: 4, col: 7 });
    // Flow style inside an entry is the entry's parse's business.
    const flow = document("spec.yaml", `openapi: 3.1.0\ninfo: { title: t, version: '1' }\nx-notes:\n${"  - a note\n".repeat(20)}`);
    expect(lineInEntry(flow, ["info", "version"], true)).toEqual({ line: 2, col: 19 });
    expect(wholeFile(flow, ["info", "version"], true)).toEqual({ line: 2, col: 19 });
    // An entry that is not the same value alone (an alias of an anchor outside it).
    const aliased = document("spec.yaml", 'base: &base\n  version: "1"\ninfo:\n  <<: *base\n  title: t\n');
    expect(lineInEntry(aliased, ["info", "version"], true)).toBeUndefined();
    // Past a quarter of the file parsed as entries, the whole file is parsed once for the rest.
    const big = document("spec.yaml", `info:\n  title: t\npaths:\n${[..."abcdefghij"].map((p) => `  /${p}:\n    get: {}\n`).join("")}`);
    expect(lineInEntry(big, ["paths"], true)).toBeUndefined();
    expect(lineInEntry(big, ["info", "title"], true)).toEqual({ line: 2, col: 3 });
    expect(lineOf(aliased, "#/info/version")).toEqual({ line: 3, col: 1 });
  });
});
