import githubDark from "@shikijs/themes/github-dark";
import githubLightDefault from "@shikijs/themes/github-light-default";
import { describe, expect, it } from "vitest";
import { CODE_BACKGROUND, codeThemes, contrastRatio, MIN_CONTRAST, readableOn, readableTheme } from "../../scripts/site/code-theme.js";

describe("the site's code themes", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    // Half-transparent black over white is seen as a mid grey.
    expect(contrastRatio("#00000080", "#ffffff")).toBeCloseTo(contrastRatio("#7f7f7f", "#ffffff"), 1);
  });

  it("keeps a colour that is readable and darkens or lightens one that is not, toward its own hue", () => {
    expect(readableOn("#0550ae", CODE_BACKGROUND.light)).toBe("#0550ae");
    const lightComment = readableOn("#6e7781", CODE_BACKGROUND.light);
    expect(contrastRatio(lightComment, CODE_BACKGROUND.light)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(lightComment, CODE_BACKGROUND.light)).toBeLessThan(5);
    const darkComment = readableOn("#6a737d", CODE_BACKGROUND.dark);
    expect(contrastRatio(darkComment, CODE_BACKGROUND.dark)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(darkComment, CODE_BACKGROUND.dark)).toBeLessThan(5);
    // Still blue-grey: blue the largest channel.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(darkComment.slice(i, i + 2), 16));
    expect(b).toBeGreaterThan(r!);
    expect(b).toBeGreaterThan(g!);
    // A colour as light as the background still ends readable.
    expect(contrastRatio(readableOn("#f6f8fa", CODE_BACKGROUND.light), CODE_BACKGROUND.light)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it("gives every token colour of both themes 4.5:1 on VitePress' code background, and leaves the others as they were", () => {
    const themes = codeThemes();
    for (const [scheme, original, fixed] of [
      ["light", githubLightDefault, themes.light],
      ["dark", githubDark, themes.dark],
    ] as const) {
      const background = CODE_BACKGROUND[scheme];
      // The originals have colours below AA (their comments): the fix is needed.
      expect(original.tokenColors!.some((rule) => rule.settings.foreground && contrastRatio(rule.settings.foreground, background) < MIN_CONTRAST)).toBe(true);
      expect(fixed.tokenColors).toHaveLength(original.tokenColors!.length);
      const colours = [fixed.fg, fixed.colors!["editor.foreground"], ...fixed.tokenColors!.map((rule) => rule.settings.foreground)].filter((c) => c !== undefined);
      expect(colours.length).toBeGreaterThan(10);
      for (const colour of colours) expect(contrastRatio(colour, background), `${scheme} ${colour}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      original.tokenColors!.forEach((rule, i) => {
        const colour = rule.settings.foreground;
        if (colour && contrastRatio(colour, background) >= MIN_CONTRAST) expect(fixed.tokenColors![i]!.settings.foreground).toBe(colour);
        expect(fixed.tokenColors![i]!.scope).toEqual(rule.scope);
      });
    }
  });

  it("names the copy apart from the bundled theme", () => {
    expect(readableTheme(githubDark, CODE_BACKGROUND.dark).name).toBe("github-dark-readable");
  });
});
