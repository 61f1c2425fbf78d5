const FENCED_BLOCK = /```([A-Za-z0-9_+-]*)[^\S\n]*\n([\s\S]*?)\n?```/g;
const INLINE_CODE = /(?<!`)`([^`\n]+)`(?!`)/g;
const BOLD = /\*\*(?=\S)([^*\n]*?\S)\*\*/g;

/**
 * Escapes the three characters Telegram's HTML parse mode reserves: every `<`, `>` and `&` that is
 * not part of a tag or entity must be written as `&lt;`, `&gt;`, `&amp;`
 * (https://core.telegram.org/bots/api#html-style).
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Renders Markdown-ish model output as Telegram HTML: fenced code blocks become `<pre>`, inline
 * code `<code>`, `**bold**` `<b>`; everything else is escaped, so what the model wrote (including
 * `<b>`, `&`, `*` and `_`) is shown exactly as written.
 */
export function toTelegramHtml(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(FENCED_BLOCK)) {
    html += renderInline(text.slice(last, match.index));
    const language = match[1] ? ` class="language-${match[1]}"` : '';
    html += `<pre><code${language}>${escapeHtml(match[2] ?? '')}</code></pre>`;
    last = match.index + match[0].length;
  }
  return html + renderInline(text.slice(last));
}

function renderInline(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(INLINE_CODE)) {
    html += renderBold(text.slice(last, match.index));
    html += `<code>${escapeHtml(match[1] ?? '')}</code>`;
    last = match.index + match[0].length;
  }
  return html + renderBold(text.slice(last));
}

function renderBold(text: string): string {
  return escapeHtml(text).replace(BOLD, '<b>$1</b>');
}
