/** The site's theme: VitePress' default theme plus fixes (accessibility, found with axe-core; layout). */
import DefaultTheme from "vitepress/theme";
import "./fixes.css";

export default DefaultTheme;
