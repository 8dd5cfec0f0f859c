/** The markdown helpers: each escapes for one destination (table cell, inline text, code span, HTML comment). */
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { htmlCommentText, jsdocText, markdownCell, markdownCode, markdownText, markdownType } from "../../scripts/templating/escape.js";
import { createTemplates } from "../../scripts/templating/handlebars.js";
import { tempDir } from "../support/temp.js";
import { markdown } from "../docs/support.js";

describe("markdownCell: text inside a table cell", () => {
  it.each([
    ["a | b", "a \\| b"],
    ["already \\| escaped", "already \\| escaped"],
    ["`x | y`", "`x \\| y`"],
    ["line one\nline two", "line one<br>line two"],
    ["para one\r\n\r\npara two\r", "para one<br>para two"],
    ["  trimmed  ", "trimmed"],
    ["the credential's name", "the credential's name"],
    ["closes a comment */ here", "closes a comment */ here"],
    [undefined, ""],
  ])("%j → %j", (given, want) => {
    expect(markdownCell(given)).toBe(want);
  });

  it("keeps a table row intact when rendered (one row, three cells)", () => {
    const row = `| ${markdownCell("x")} | ${markdownCell("a | b\nc")} | ${markdownCell("`p|q`")} |`;
    const html = markdown.render(`| A | B | C |\n| --- | --- | --- |\n${row}\n`);
    expect(html.match(/<td>/g)).toHaveLength(3);
    expect(html).toContain("<td>a | b<br>c</td>");
    expect(html).toContain("<code>p|q</code>");
  });
});

describe("markdownText: plain text inside inline markdown", () => {
  it.each([
    ["Array<Pet>", "Array\\<Pet\\>"],
    ["Cat | Dog", "Cat \\| Dog"],
    ["per_page", "per_page"],
    ["_private", "\\_private"],
    ["trailing_", "trailing\\_"],
    ["*bold* [link](x) `code` ~~strike~~", "\\*bold\\* \\[link\\](x) \\`code\\` \\~\\~strike\\~\\~"],
    ["back\\slash", "back\\\\slash"],
    ["&amp; and & alone", "\\&amp; and & alone"],
    ["two\nlines", "two lines"],
    ["it's", "it's"],
  ])("%j → %j", (given, want) => {
    expect(markdownText(given)).toBe(want);
  });

  it.each(["Array<Pet>", "_x_ *y* [z](w) <b>bold</b> a|b `c` &amp;", "per_page & it's"])("%j renders as itself", (text) => {
    expect(markdown.renderInline(markdownText(text))).toBe(markdown.utils.escapeHtml(text));
  });
});

describe("markdownCode: a code span around any text", () => {
  it.each([
    ["a", "`a`"],
    ['"AWS"', '`"AWS"`'],
    ["a`b", "``a`b``"],
    ["`start", "`` `start ``"],
    ["two\nlines", "`two lines`"],
    ["", ""],
  ])("%j → %j", (given, want) => {
    expect(markdownCode(given)).toBe(want);
  });

  it.each(["a`b", "``x``", "`start"])("%j renders as a code span of itself", (text) => {
    expect(markdown.renderInline(markdownCode(text))).toBe(`<code>${markdown.utils.escapeHtml(text)}</code>`);
  });
});

describe("markdownType: a type label with links", () => {
  it("links model parts and escapes the rest", () => {
    expect(markdownType({ parts: [{ text: "Array<" }, { text: "Pet", href: "Pet.md" }, { text: "> | null" }] })).toBe(
      "Array\\<[**Pet**](Pet.md)\\> \\| null",
    );
  });
});

describe("htmlCommentText: text inside <!-- -->", () => {
  it.each([
    ["API v2 - credentials", "API v2 - credentials"],
    ["ends --> here", "ends - -> here"],
    ["a---b", "a- - -b"],
    ["two\nlines", "two lines"],
    [">starts", " >starts"],
  ])("%j → %j", (given, want) => {
    expect(htmlCommentText(given)).toBe(want);
  });

  it("cannot end the comment early", () => {
    for (const text of ["-->", "--!>", "a -- b", "--->"]) {
      const html = markdown.render(`<!-- ${htmlCommentText(text)} -->\n\nafter\n`);
      expect(html.indexOf("-->")).toBe(html.lastIndexOf("-->"));
    }
  });
});

describe("jsdocText (client helper) still escapes `*/`", () => {
  it("never closes the comment", () => {
    expect(jsdocText("a */ b")).toBe("a *\\/ b");
  });
});

describe("templates print text as it is (noEscape): no HTML entities", () => {
  it("apostrophes, quotes, ampersands and angle brackets are not turned into &#39; &quot; &amp; &lt;", () => {
    const dir = tempDir("docs-helpers");
    mkdirSync(path.join(dir, "partials"), { recursive: true });
    mkdirSync(path.join(dir, "docs"), { recursive: true });
    writeFileSync(path.join(dir, "docs", "page.md.hbs"), "{{text}} | {{cell text}} | {{mdCode text}}\n");
    const out = createTemplates(dir, "docs")["page.md"]!({ text: `the credential's "name" & <id>` });
    expect(out).toBe('the credential\'s "name" & <id> | the credential\'s "name" & <id> | `the credential\'s "name" & <id>`\n');
    expect(out).not.toMatch(/&#39;|&quot;|&amp;|&lt;/);
  });
});
