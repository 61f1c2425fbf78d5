/**
 * Telegram's HTML parse mode, as the fake server applies it (https://core.telegram.org/bots/api#html-style):
 * only the listed tags; only `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric entities; every other `<`,
 * `>` or `&` is a parse error ("can't parse entities"), as on the real server.
 */

const TAGS = new Map<string, string>([
  ['b', 'bold'], ['strong', 'bold'], ['i', 'italic'], ['em', 'italic'], ['u', 'underline'], ['ins', 'underline'],
  ['s', 'strikethrough'], ['strike', 'strikethrough'], ['del', 'strikethrough'], ['tg-spoiler', 'spoiler'], ['span', 'spoiler'],
  ['a', 'text_link'], ['code', 'code'], ['pre', 'pre'], ['blockquote', 'blockquote'], ['tg-emoji', 'custom_emoji'],
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** A formatting entity the fake derived from HTML. */
export interface FakeEntity {
  /** Entity type, e.g. `bold`, `code`, `pre`. */
  type: string;
  /** Offset in UTF-16 code units. */
  offset: number;
  /** Length in UTF-16 code units. */
  length: number;
}

/** The visible text and entities of an HTML message, or the parse error Telegram would answer. */
export type HtmlParseResult = { ok: true; text: string; entities: FakeEntity[] } | { ok: false; error: string };

/** Parses Telegram-HTML into the text a user sees. */
export function parseTelegramHtml(html: string): HtmlParseResult {
  let text = '';
  const entities: FakeEntity[] = [];
  const open: { name: string; offset: number }[] = [];
  let index = 0;
  while (index < html.length) {
    const char = html[index] as string;
    if (char === '<') {
      const tag = /^<(\/?)([a-z-]+)((?:\s[^<>]*)?)>/i.exec(html.slice(index));
      if (!tag) return fail(`Unsupported start tag at byte offset ${index}`);
      const [whole, closing, rawName] = tag;
      const name = (rawName ?? '').toLowerCase();
      if (!TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${index}`);
      if (closing) {
        const last = open.pop();
        if (!last || last.name !== name) return fail(`Unmatched end tag at byte offset ${index}, expected "</${last?.name ?? ''}>", found "</${name}>"`);
        entities.push({ type: TAGS.get(name) as string, offset: last.offset, length: text.length - last.offset });
      } else {
        open.push({ name, offset: text.length });
      }
      index += whole.length;
      continue;
    }
    if (char === '&') {
      const entity = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(index));
      const decoded = entity ? decodeEntity(entity[1] ?? '') : undefined;
      if (!entity || decoded === undefined) return fail(`Can't find end of the entity starting at byte offset ${index}`);
      text += decoded;
      index += entity[0].length;
      continue;
    }
    if (char === '>') return fail(`Unexpected ">" at byte offset ${index}`);
    text += char;
    index += 1;
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]?.name}"`);
  return { ok: true, text, entities };
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body.toLowerCase()];
}

function fail(reason: string): HtmlParseResult {
  return { ok: false, error: `Bad Request: can't parse entities: ${reason}` };
}
