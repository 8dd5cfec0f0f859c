/**
 * The site's code highlighter (VitePress' `markdown.highlight`): Shiki's grammars and the site's
 * two themes, the HTML VitePress' own Shiki setup prints (one `<span class="line">` per line, each
 * token coloured by `--shiki-light` / `--shiki-dark`), at a fraction of the cost on large specs.
 * Shiki 2.5's dual-theme `codeToHtml` tokenizes every block four times (once per theme, and once
 * more per theme for a grammar state nobody asks for), and GitHub's spec has ~1,400 examples of
 * ~20 lines that mostly repeat each other (29,000 lines, 6,000 distinct): here each line is
 * tokenized once per theme and grammar state, and remembered. Shiki's notation comments
 * (`// [!code ++]`) and line-highlight attributes (`ts {1,3}`) are not supported: the pages are
 * generated, and their code comes from the spec.
 */
import { bundledLanguages, createHighlighter, isPlainLang, StackElementMetadata } from "shiki";
import { INITIAL, type IGrammar, type StateStack } from "shiki/textmate";
import type { ThemeRegistration } from "shiki";

/**
 * Longer lines are shown as plain text. Shiki's own guard is a time limit (500 ms, after which the
 * rest of the line is one token): on a busy machine the first long line, tokenized while the
 * grammar's expressions are still being compiled, came out uncoloured in one build and coloured in
 * the next. A length is the same on every machine.
 */
export const MAX_TOKENIZED_LINE = 5_000;

interface Token {
  content: string;
  /** Per theme: colour and font style. */
  styles: { color: string | undefined; fontStyle: number }[];
}

interface LineResult {
  /** tokenizeLine2's pairs: start offset, metadata. */
  tokens: Uint32Array;
  next: StateStack;
}

/** Internals of vscode-textmate's StateStackImpl that decide how the next line is tokenized. */
interface StackFrame {
  parent: StackFrame | null;
  ruleId: number;
  endRule: string | null;
  beginRuleCapturedEOL: boolean;
  contentNameScopesList: ScopeFrame | null;
}
interface ScopeFrame {
  parent: ScopeFrame | null;
  scopePath: { scopeName: string };
  tokenAttributes: number;
}

/**
 * A key equal for two states exactly when vscode-textmate's `StateStack.equals` holds (every
 * frame's rule and end rule, the scopes with their attributes), plus the begin rule's end-of-line
 * capture: from equal states a line is tokenized the same way.
 */
function stateKey(state: StateStack): string {
  let key = "";
  for (let frame = state as unknown as StackFrame | null; frame; frame = frame.parent)
    key += `${frame.ruleId},${frame.beginRuleCapturedEOL ? 1 : 0},${frame.endRule ?? ""};`;
  key += "|";
  for (let scope = (state as unknown as StackFrame).contentNameScopesList; scope; scope = scope.parent)
    key += `${scope.scopePath.scopeName},${scope.tokenAttributes};`;
  return key;
}

/** Shiki's FontStyle flags (a const enum, which isolated modules cannot read). */
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Shiki's `getTokenStyleObject` + `flatTokenVariants`, as CSS variables per theme. */
function tokenStyle(styles: Token["styles"], themeKeys: readonly string[]): string {
  const perTheme = styles.map(({ color, fontStyle }) => {
    const style: Record<string, string> = {};
    if (color) style.color = color;
    if (fontStyle & ITALIC) style["font-style"] = "italic";
    if (fontStyle & BOLD) style["font-weight"] = "bold";
    if (fontStyle & UNDERLINE) style["text-decoration"] = "underline";
    return style;
  });
  const keys = new Set(perTheme.flatMap((style) => Object.keys(style)));
  const declarations: string[] = [];
  perTheme.forEach((style, i) => {
    for (const key of keys) declarations.push(`--shiki-${themeKeys[i]}${key === "color" ? "" : `-${key}`}:${style[key] ?? "inherit"}`);
  });
  return declarations.join(";");
}

/** VitePress' normalisation of a fence's language (`ts:line-numbers`, `vue-html`, `ts=3`). */
export function fenceLanguage(info: string): string {
  return info
    .replace(/=(\d*)/, "")
    .replace(/:(no-)?line-numbers(=\d*)?$/, "")
    .replace(/-vue(?=:|$)/, "")
    .toLowerCase();
}

/** The languages of the fenced code blocks in markdown (those Shiki knows), to load before the build. */
export function fenceLanguages(markdown: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(/^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:```+|~~~+)[ \t]*([^\s`{]+)/gm)) {
    const lang = fenceLanguage(match[1]!);
    if (lang in bundledLanguages) found.add(lang);
  }
  return [...found].sort();
}

export type Highlight = (code: string, lang: string, attrs: string) => string;

/**
 * A highlighter over `languages` (Shiki's names or aliases) and the two themes. A language not
 * loaded is shown as plain text (as VitePress does with a language Shiki does not know).
 */
export async function createSiteHighlighter(themes: { light: ThemeRegistration; dark: ThemeRegistration }, languages: string[]): Promise<Highlight> {
  const highlighter = await createHighlighter({ themes: [themes.light, themes.dark], langs: languages.filter((l) => l in bundledLanguages) });
  const internal = highlighter.getInternalContext();
  const themeKeys = ["light", "dark"] as const;
  const themeNames = [themes.light.name!, themes.dark.name!];
  const loaded = new Set(highlighter.getLoadedLanguages());
  /** Per grammar, per theme (a state carries its theme's colours): each line's result by state and text. */
  const memo = new WeakMap<IGrammar, Map<string, LineResult>[]>();

  /** Each line's tokens (start, end, colour, font style) in one theme. */
  function tokenize(lines: string[], grammar: IGrammar, themeIndex: number): [number, number, string | undefined, number][][] {
    const { colorMap } = internal.setTheme(themeNames[themeIndex]!);
    if (!memo.has(grammar)) memo.set(grammar, themeNames.map(() => new Map()));
    const lineMemo = memo.get(grammar)![themeIndex]!;
    let state: StateStack = INITIAL;
    return lines.map((line) => {
      // As Shiki: an empty line has no token and leaves the state as it was.
      if (line === "") return [];
      if (line.length > MAX_TOKENIZED_LINE) return [[0, line.length, undefined, 0]];
      const key = `${stateKey(state)}\0${line}`;
      let result = lineMemo.get(key);
      if (!result) {
        const tokenized = grammar.tokenizeLine2(line, state);
        result = { tokens: tokenized.tokens, next: tokenized.ruleStack };
        lineMemo.set(key, result);
      }
      state = result.next;
      const count = result.tokens.length / 2;
      const tokens: [number, number, string | undefined, number][] = [];
      for (let j = 0; j < count; j++) {
        const start = result.tokens[2 * j]!;
        const end = j + 1 < count ? result.tokens[2 * j + 2]! : line.length;
        if (start === end) continue;
        const metadata = result.tokens[2 * j + 1]!;
        tokens.push([start, end, colorMap[StackElementMetadata.getForeground(metadata)], StackElementMetadata.getFontStyle(metadata)]);
      }
      return tokens;
    });
  }

  /** The themes' tokens of a line cut at every boundary of either (Shiki's syncThemesTokenization). */
  function syncLine(line: string, perTheme: [number, number, string | undefined, number][][]): Token[] {
    const bounds = new Set<number>();
    for (const tokens of perTheme) for (const [start, end] of tokens) bounds.add(start).add(end);
    const cuts = [...bounds].sort((a, b) => a - b);
    const cursors = perTheme.map(() => 0);
    const out: Token[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i]!, cuts[i + 1]!];
      const styles = perTheme.map((tokens, t) => {
        while (tokens[cursors[t]!]![1] <= from) cursors[t]!++;
        const [, , color, fontStyle] = tokens[cursors[t]!]!;
        return { color, fontStyle };
      });
      out.push({ content: line.slice(from, to), styles });
    }
    return out;
  }

  /** Shiki's mergeWhitespaceTokens: a run of white space joins the token after it. */
  function mergeWhitespace(tokens: Token[]): Token[] {
    const out: Token[] = [];
    let carry = "";
    tokens.forEach((token, i) => {
      if (/^\s+$/.test(token.content) && tokens[i + 1]) carry += token.content;
      else {
        out.push(carry ? { ...token, content: carry + token.content } : token);
        carry = "";
      }
    });
    return out;
  }

  const span = (token: Token) => {
    const style = tokenStyle(token.styles, themeKeys);
    return `<span${style ? ` style="${style}"` : ""}>${escapeText(token.content)}</span>`;
  };

  return (code, info) => {
    const lang = fenceLanguage(info) || "txt";
    const lines = code.trimEnd().split(/\r?\n/);
    let html: string[];
    if (isPlainLang(lang) || !loaded.has(lang)) {
      html = lines.map((line) => `<span class="line"><span>${escapeText(line)}</span></span>`);
    } else {
      const grammar = internal.getLanguage(lang);
      const perTheme = themeNames.map((_, t) => tokenize(lines, grammar, t));
      html = lines.map((line, i) => {
        const tokens = mergeWhitespace(syncLine(line, perTheme.map((theme) => theme[i]!)));
        return `<span class="line">${tokens.map(span).join("")}</span>`;
      });
    }
    return `<pre class="shiki shiki-themes ${themeNames.join(" ")} vp-code" tabindex="0"><code>${html.join("\n")}</code></pre>`;
  };
}
