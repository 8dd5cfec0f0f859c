/**
 * The static reference's styles: system fonts (nothing fetched), a sticky sidebar on wide screens
 * and folded contents above the operations on a phone, light and dark palettes (body class
 * `light-mode`/`dark-mode`, the classes Scalar's console uses too) whose text colours all reach
 * WCAG AA (4.5:1) on their background.
 */
export const REFERENCE_STYLE = `
.light-mode { --bg: #ffffff; --bg-soft: #f6f6f7; --text: #1b1b1f; --muted: #56565f; --link: #0b5cb8; --border: #d9d9de;
  --get: #006e45; --post: #0b5cb8; --put: #7d5c00; --patch: #6f3aa8; --delete: #b80000; --other: #4c4c55; }
.dark-mode { --bg: #1b1b1f; --bg-soft: #25252b; --text: #e4e4dc; --muted: #a9a9b2; --link: #a8b1ff; --border: #3c3f44;
  --get: #5ad593; --post: #86bdff; --put: #f0c75e; --patch: #d1a8ff; --delete: #ff8080; --other: #c2c2cc; }
* { box-sizing: border-box; }
html { scroll-padding-top: 64px; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: var(--bg-soft); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--bg-soft); padding: 10px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { padding: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: 8px; top: -40px; background: var(--bg); padding: 6px 10px; z-index: 20; }
.skip-link:focus { top: 8px; }
.top { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; padding: 10px 20px;
  background: var(--bg); border-bottom: 1px solid var(--border); }
.site-title { font-weight: 600; flex: 1; min-width: 0; overflow-wrap: anywhere; }
button { font: inherit; color: var(--text); background: var(--bg-soft); border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; cursor: pointer; min-height: 32px; }
button:hover { border-color: var(--link); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.layout { display: grid; grid-template-columns: 300px minmax(0, 1fr); }
.sidebar { position: sticky; top: 53px; align-self: start; max-height: calc(100vh - 53px); overflow-y: auto; padding: 12px 16px 24px;
  border-right: 1px solid var(--border); font-size: 14px; }
.sidebar summary { display: none; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar ul ul { padding-left: 8px; margin-bottom: 10px; }
.sidebar a { display: block; padding: 3px 4px; min-height: 24px; text-decoration: none; color: var(--text); overflow-wrap: anywhere; }
.sidebar a:hover { text-decoration: underline; }
.sidebar .tag-link { font-weight: 600; margin-top: 6px; }
.sidebar a[aria-current] { font-weight: 700; color: var(--link); }
.nav-title { font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 12px 0 6px; }
.sidebar .method { display: inline-block; width: 4.6em; font-size: 10px; }
main { padding: 20px 32px 80px; min-width: 0; }
main h1 { font-size: 28px; margin: 8px 0 12px; overflow-wrap: anywhere; }
.version { font-size: 14px; color: var(--muted); font-weight: normal; }
.tag > h2 { font-size: 22px; border-bottom: 1px solid var(--border); padding-bottom: 6px; margin-top: 40px; }
/* Operations out of view are not laid out or painted until scrolled to (GitHub's tags: hundreds per page). */
.operation { border-bottom: 1px solid var(--border); padding: 12px 0 20px; content-visibility: auto; contain-intrinsic-size: auto 900px; }
.operation h3 { font-size: 18px; margin: 12px 0 6px; overflow-wrap: anywhere; }
.operation h4 { font-size: 15px; margin: 16px 0 6px; }
.endpoint { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 6px 0 10px; }
.method { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--other); }
.method-get { color: var(--get); } .method-post { color: var(--post); } .method-put { color: var(--put); }
.method-patch { color: var(--patch); } .method-delete { color: var(--delete); }
.try-it { margin-left: auto; }
.try-it[aria-busy="true"] { cursor: progress; opacity: 0.8; }
.required, .badge { font-size: 12px; color: var(--delete); font-weight: 600; }
.badge { color: var(--muted); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; }
.type { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
/* Nothing scrolls sideways (a scrolling region would need a tab stop of its own): long words wrap. */
table { border-collapse: collapse; width: 100%; font-size: 14px; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
th:nth-child(1) { width: 26%; }
th:nth-child(2) { width: 5.5em; } /* "cookie", the longest place a parameter can be in */
th:nth-child(3) { width: 24%; }
td p { margin: 0; }
.response { border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; margin: 6px 0; }
.response > summary { cursor: pointer; padding: 4px 0; }
.status { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.status-2 { color: var(--get); } .status-4, .status-5 { color: var(--delete); }
.media-type { margin: 8px 0 4px; }
.schema-type { margin: 4px 0; }
ul.schema { list-style: none; padding-left: 14px; border-left: 2px solid var(--border); margin: 6px 0; }
ul.schema > li { padding: 4px 0; }
ul.schema .description p { margin: 2px 0; }
ul.schema details > summary { cursor: pointer; color: var(--link); font-size: 13px; }
.facts, .note { font-size: 13px; color: var(--muted); }
.description img { max-width: 100%; }
/* Scalar's reference of the one operation is laid out (it renders only what is in view) but never
   shown: only its console (a full-screen dialog) is. Its introduction is left out of the layout so
   that the operation is in view. */
#try-it-host { position: fixed; inset: 0; overflow: hidden; visibility: hidden; z-index: 50; }
#try-it-host:empty { display: none; }
#try-it-host .section-container:has(> .introduction-section) { display: none; }
#try-it-host .scalar-client--open { visibility: visible; }
@media (max-width: 800px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  .sidebar { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--border); padding: 8px 16px; }
  .sidebar summary { display: list-item; cursor: pointer; font-weight: 600; padding: 6px 0; }
  .top { position: static; padding: 8px 16px; }
  .site-title { order: -1; flex-basis: 100%; }
  main { padding: 12px 16px 60px; }
  html { scroll-padding-top: 8px; }
}
/* A phone has no room for four columns: each parameter is a block, its description under its name. */
@media (max-width: 560px) {
  table, tbody, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px; padding: 8px 0; border-bottom: 1px solid var(--border); }
  td { padding: 0; border: 0; }
  td:nth-child(2)::before { content: "in "; color: var(--muted); }
  td:nth-child(4) { flex-basis: 100%; }
}
`;
