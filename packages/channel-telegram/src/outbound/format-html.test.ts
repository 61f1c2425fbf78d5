import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../testing/fake-telegram-html.js';
import { escapeHtml, toTelegramHtml } from './format-html.js';

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.text;
}

describe('toTelegramHtml', () => {
  it('escapes <, > and & so text arrives as written', () => {
    const text = '<b>a & b</b> *x* _y_ 5 > 3 && 2 < 4 &amp; "q"';
    expect(toTelegramHtml(text)).toBe('&lt;b&gt;a &amp; b&lt;/b&gt; *x* _y_ 5 &gt; 3 &amp;&amp; 2 &lt; 4 &amp;amp; "q"');
    expect(visible(toTelegramHtml(text))).toBe(text);
  });

  it('renders fenced code, inline code and **bold**, escaping their contents', () => {
    const html = toTelegramHtml('Run **this**:\n```ts\nif (a < b && c) {}\n```\nthen `x<y` done');
    expect(html).toBe('Run <b>this</b>:\n<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) {}</code></pre>\nthen <code>x&lt;y</code> done');
    expect(visible(html)).toBe('Run this:\nif (a < b && c) {}\nthen x<y done');
  });

  it('leaves unbalanced markers as literal text', () => {
    const text = 'a ** b and ``` no fence and `tick';
    expect(visible(toTelegramHtml(text))).toBe(text);
  });

  it('escapeHtml only touches the reserved characters', () => {
    expect(escapeHtml(`<&>'"`)).toBe(`&lt;&amp;&gt;'"`);
  });
});
