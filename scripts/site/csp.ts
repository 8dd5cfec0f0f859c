/**
 * The Content-Security-Policy of the site's pages: the browser itself refuses any request to
 * another host (scripts, styles, fonts, frames, and images that spec text points elsewhere), so a
 * reader's visit reaches no one but the site. Inline scripts and styles stay allowed: VitePress
 * and Scalar inline their theme bootstrap and styles; spec text never reaches them unsanitized.
 */
const policy = (connect: string) =>
  [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");

/** The docs pages talk to the site only (the search index, the pages). */
export const DOCS_CSP = policy("'self'");

/** The reference's try-it console sends what the reader asks for to the server the reader chose. */
export const REFERENCE_CSP = policy("*");
