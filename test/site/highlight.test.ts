import sanitizeHtml from "sanitize-html";
import { createHighlighter } from "shiki";
import { beforeAll, describe, expect, it } from "vitest";
import { codeThemes } from "../../scripts/site/code-theme.js";
import { createSiteHighlighter, fenceLanguages, MAX_TOKENIZED_LINE, type Highlight } from "../../scripts/site/highlight.js";
import { SANITIZE_OPTIONS } from "../../scripts/site/untrusted-markdown.js";

const themes = codeThemes();

/** Blocks whose lines repeat across blocks in different grammar states (comments, template strings, JSX-less TS). */
const BLOCKS: [string, string][] = [
  ["ts", 'import { PetsApi } from "petstore";\n\nconst api = new PetsApi({ baseUrl: "https://x" });\ntry {\n  console.log(await api.list());\n} catch (error) {\n  throw error;\n}\n'],
  ["ts", "/* a comment\ntry {\n  console.log(await api.list());\n} catch (error) {\n*/\nconst t = `\ntry {\n${1 < 2 && 3 > 2}\n`;\ntry {\n  console.log(await api.list());\n} catch (error) {\n  throw error;\n}"],
  ["typescript", "const body: Body = { name: \"<script>&\" }; // [!code ++]\n\n\n  const x = 1;"],
  ["json", '{\n  "a": [1, true, null],\n  "b": "</pre>"\n}'],
  ["sh", "curl -H 'Accept: application/json' \"$URL\" # fetch\nnpm install petstore"],
  ["", "plain <b>text</b>\n\nwith an empty line"],
  ["no-such-language", "shown as plain text"],
];

/** What the page keeps of a block: the sanitizer's view (it runs over every page). */
const asPaged = (html: string) => sanitizeHtml(html, SANITIZE_OPTIONS);

describe("the site's code highlighter", () => {
  let highlight: Highlight;
  let shiki: Awaited<ReturnType<typeof createHighlighter>>;
  beforeAll(async () => {
    highlight = await createSiteHighlighter(themes, ["ts", "typescript", "json", "sh"]);
    shiki = await createHighlighter({ themes: [themes.light, themes.dark], langs: ["ts", "json", "sh"] });
  });

  it("prints what Shiki's dual-theme codeToHtml prints, as VitePress uses it", () => {
    for (const [lang, code] of BLOCKS) {
      const shikiLang = lang === "" || lang === "no-such-language" ? "text" : lang;
      const expected = shiki
        .codeToHtml(code.trimEnd(), { lang: shikiLang, themes: { light: themes.light, dark: themes.dark }, defaultColor: false, tokenizeTimeLimit: 0 })
        .replace(/^<pre class="([^"]*)"/, '<pre class="$1 vp-code"');
      expect(asPaged(highlight(code, lang, "")), `${lang}: ${code.slice(0, 30)}`).toBe(asPaged(expected));
    }
    // Colours both themes, as CSS variables.
    expect(highlight("const x = 1;", "ts", "")).toMatch(/<span style="--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">const<\/span>/);
    expect(highlight('"<b>"', "ts", "")).toContain("&quot;&lt;b&gt;&quot;");
  });

  it("gives a block the same HTML whatever was highlighted before it (remembered lines)", async () => {
    const fresh = await createSiteHighlighter(themes, ["ts", "json", "sh"]);
    const inOrder = BLOCKS.map(([lang, code]) => highlight(code, lang, ""));
    const reversed = [...BLOCKS].reverse().map(([lang, code]) => fresh(code, lang, "")).reverse();
    expect(reversed).toEqual(inOrder);
    // The second block's `try {` lines inside a comment and a template string are not coloured as code.
    const second = highlight(BLOCKS[1]![1], "ts", "").split("\n");
    expect(second[1]).not.toBe(second[9]);
  });

  it("shows a line longer than the limit as plain text", () => {
    const long = `const s = "${"x".repeat(MAX_TOKENIZED_LINE)}";`;
    expect(highlight(long, "ts", "")).toContain(`<span class="line"><span>const s = &quot;x`);
    expect(highlight("const s = 1;", "ts", "")).toContain("--shiki-light");
  });

  it("finds the languages of a page's fences that Shiki knows", () => {
    const markdown = "```ts\na\n```\n\n- item\n\n  ```json {1}\n  {}\n  ```\n\n> ~~~SH:line-numbers\n> x\n> ~~~\n\n```nonsense\n```\n\n```\nplain\n```\n";
    expect(fenceLanguages(markdown)).toEqual(["json", "sh", "ts"]);
  });
});
