/**
 * The Shiki themes of the site's code blocks, every token colour readable (WCAG AA, 4.5:1) on the
 * code block's background. VitePress paints its own background behind Shiki's tokens, and the
 * GitHub palettes were made for GitHub's: their comment colours fall short on it (#6e7781 on
 * #f6f6f7 is 4.21:1, #6a737d on #161618 is 3.75:1), and a few token colours meant to sit on a
 * background of their own (carriage returns, ignored diff lines) are near invisible without it.
 */
import githubDark from "@shikijs/themes/github-dark";
import githubLightDefault from "@shikijs/themes/github-light-default";

/** VitePress 1.6's `--vp-code-block-bg` (its `--vp-c-bg-alt`), light and dark. */
export const CODE_BACKGROUND = { light: "#f6f6f7", dark: "#161618" } as const;

/** WCAG AA for normal-size text. */
export const MIN_CONTRAST = 4.5;

/** A Shiki theme (the type of the bundled ones). */
type ThemeRegistration = typeof githubDark;

type Rgb = [number, number, number];

function parseHex(hex: string): { rgb: Rgb; alpha: number } {
  const digits = hex.replace(/^#/, "");
  const full = digits.length <= 4 ? [...digits].map((d) => d + d).join("") : digits;
  const channel = (i: number) => parseInt(full.slice(i, i + 2), 16);
  return { rgb: [channel(0), channel(2), channel(4)], alpha: full.length === 8 ? channel(6) / 255 : 1 };
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of a colour (alpha composited over the background) on an opaque background. */
export function contrastRatio(foreground: string, background: string): number {
  const bg = parseHex(background).rgb;
  const { rgb, alpha } = parseHex(foreground);
  const seen = rgb.map((c, i) => c * alpha + bg[i]! * (1 - alpha)) as Rgb;
  const [a, b] = [luminance(seen), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

/**
 * The colour itself when it reaches 4.5:1 on the background; otherwise the nearest mix of it with
 * black (light background) or white (dark background) that does, so the hue stays recognisable.
 */
export function readableOn(colour: string, background: string): string {
  if (contrastRatio(colour, background) >= MIN_CONTRAST) return colour;
  const bg = parseHex(background).rgb;
  const { rgb, alpha } = parseHex(colour);
  const seen = rgb.map((c, i) => c * alpha + bg[i]! * (1 - alpha)) as Rgb;
  const target = luminance(bg) > 0.5 ? 0 : 255;
  for (let step = 1; step <= 100; step++) {
    const mixed = toHex(seen.map((c) => c + ((target - c) * step) / 100) as Rgb);
    if (contrastRatio(mixed, background) >= MIN_CONTRAST) return mixed;
  }
  return toHex([target, target, target]);
}

/** A copy of the theme whose foreground and token colours all reach 4.5:1 on the background. */
export function readableTheme(theme: ThemeRegistration, background: string): ThemeRegistration {
  const colors = { ...theme.colors };
  if (colors["editor.foreground"]) colors["editor.foreground"] = readableOn(colors["editor.foreground"], background);
  return {
    ...theme,
    name: `${theme.name}-readable`,
    ...(theme.fg ? { fg: readableOn(theme.fg, background) } : {}),
    colors,
    tokenColors: (theme.tokenColors ?? []).map((rule) =>
      rule.settings.foreground ? { ...rule, settings: { ...rule.settings, foreground: readableOn(rule.settings.foreground, background) } } : rule,
    ),
  };
}

/** The site's code themes: Primer's light palette and GitHub's dark one, made readable on VitePress' code background. */
export function codeThemes(): { light: ThemeRegistration; dark: ThemeRegistration } {
  return {
    light: readableTheme(githubLightDefault, CODE_BACKGROUND.light),
    dark: readableTheme(githubDark, CODE_BACKGROUND.dark),
  };
}
