/** The canonical layout stage (scripts/format.ts): what it changes, given/want. */
import { describe, expect, it } from "vitest";
import { canonicalLayout, canonicalTsLayout, formatFiles } from "../../scripts/output/layout.js";

describe("canonicalLayout", () => {
  const table: [string, string, string][] = [
    ["CRLF and CR become LF", "a\r\nb\rc", "a\nb\nc\n"],
    ["trailing spaces and tabs go", "a  \nb\t\n", "a\nb\n"],
    ["runs of blank lines become one", "a\n\n\n\nb", "a\n\nb\n"],
    ["leading blank lines go", "\n\na", "a\n"],
    ["exactly one final newline", "a\n\n\n", "a\n"],
    ["an empty file is one newline", "", "\n"],
  ];
  it.each(table)("%s", (_, given, want) => expect(canonicalLayout(given)).toBe(want));
});

describe("canonicalTsLayout", () => {
  const table: [string, string, string][] = [
    ["no blank line after an opening brace", "class A {\n\n  x = 1;\n}", "class A {\n  x = 1;\n}\n"],
    ["no blank line before a closing brace", "class A {\n  x = 1;\n\n}", "class A {\n  x = 1;\n}\n"],
    ["an empty block is {}", "interface A extends B {\n}", "interface A extends B {}\n"],
    ["blank lines between members stay", "class A {\n  a = 1;\n\n  b = 2;\n}", "class A {\n  a = 1;\n\n  b = 2;\n}\n"],
  ];
  it.each(table)("%s", (_, given, want) => expect(canonicalTsLayout(given)).toBe(want));
});

describe("formatFiles", () => {
  it("applies the TS rules to .ts files only, skips what it is told to, and sorts by name", () => {
    const files = new Map([
      ["b.md", "x {\n\n}\n"],
      ["a.ts", "x {\n\n}\n"],
      ["c.ts", "keep  \r\n"],
    ]);
    const out = formatFiles(files, (name) => name === "c.ts");
    expect([...out]).toEqual([
      ["a.ts", "x {}\n"],
      ["b.md", "x {\n\n}\n"],
      ["c.ts", "keep  \n"],
    ]);
  });
});
