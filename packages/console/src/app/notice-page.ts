/** What {@link noticePage} shows. */
export interface NoticeOptions {
  /** The page title and heading. */
  title: string;
  /** The explanation, plain text. */
  message: string;
  /** The HTTP status. */
  status: number;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A small static HTML page for answers that are not the app: sign-in needed, link used or expired, signed out.
 * No script and no inline style, so the strict CSP holds.
 */
export function noticePage(options: NoticeOptions): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)} · Downcity console</title></head>
<body><main><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.message)}</p>
<p>Run <code>downcity console</code> in the project folder for a new sign-in link.</p></main></body></html>`;
  return new Response(html, { status: options.status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
