/** A rich-text element of a `post` message (tag plus fields). */
interface PostElement {
  tag?: unknown;
  text?: unknown;
  href?: unknown;
  user_id?: unknown;
  user_name?: unknown;
  image_key?: unknown;
  file_key?: unknown;
  emoji_type?: unknown;
  language?: unknown;
}

/** A flattened post: plain text plus the keys of embedded images and media. */
export interface FlatPost {
  /** Title (first line) and paragraphs, one per line. */
  text: string;
  /** `image_key`s of `img` elements. */
  imageKeys: string[];
  /** `file_key`s of `media` elements. */
  mediaKeys: string[];
}

const localePriority = ['zh_cn', 'en_us', 'ja_jp'];

/**
 * Flattens a `post` (rich text) content to plain text. Received posts are `{ title, content }`;
 * sent ones are wrapped in a locale (`{ zh_cn: { title, content } }`); both are accepted.
 * `content` is a list of paragraphs, each a list of elements (text, a, at, img, media, emotion,
 * code_block, hr). `at` elements become their placeholder key (resolved with the mentions later);
 * `keyOfOpenId` maps an `at` that carries an open_id to its mention key.
 */
export function flattenPost(parsed: unknown, keyOfOpenId: (openId: string) => string | undefined = () => undefined): FlatPost | undefined {
  const body = unwrapLocale(parsed);
  if (!body) return undefined;
  const lines: string[] = [];
  const imageKeys: string[] = [];
  const mediaKeys: string[] = [];
  if (typeof body.title === 'string' && body.title.trim()) lines.push(body.title.trim());
  for (const paragraph of Array.isArray(body.content) ? body.content : []) {
    if (!Array.isArray(paragraph)) continue;
    const line = paragraph.map((element: PostElement) => render(element, { imageKeys, mediaKeys, keyOfOpenId })).join('');
    if (line.trim()) lines.push(line.trimEnd());
  }
  return { text: lines.join('\n'), imageKeys, mediaKeys };
}

interface RenderState {
  imageKeys: string[];
  mediaKeys: string[];
  keyOfOpenId: (openId: string) => string | undefined;
}

function render(element: PostElement, { imageKeys, mediaKeys, keyOfOpenId }: RenderState): string {
  if (typeof element !== 'object' || element === null) return '';
  const text = typeof element.text === 'string' ? element.text : '';
  switch (element.tag) {
    case 'text':
      return text;
    case 'a': {
      const href = typeof element.href === 'string' ? element.href : '';
      return text && href && text !== href ? `${text} (${href})` : text || href;
    }
    case 'at': {
      const id = typeof element.user_id === 'string' ? element.user_id : '';
      if (id === 'all' || id === '@_all') return '@all';
      if (id.startsWith('@_')) return id;
      const key = keyOfOpenId(id);
      if (key) return key;
      const name = typeof element.user_name === 'string' && element.user_name ? element.user_name : id;
      return `@${name}`;
    }
    case 'img':
      if (typeof element.image_key === 'string') imageKeys.push(element.image_key);
      return '';
    case 'media':
      if (typeof element.file_key === 'string') mediaKeys.push(element.file_key);
      return '';
    case 'emotion':
      return typeof element.emoji_type === 'string' ? `:${element.emoji_type}:` : '';
    case 'code_block':
      return `\n${text}\n`;
    case 'hr':
      return '\n---\n';
    default:
      return text;
  }
}

function unwrapLocale(parsed: unknown): { title?: unknown; content?: unknown } | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if ('content' in record || 'title' in record) return record;
  const key = localePriority.find((locale) => typeof record[locale] === 'object') ?? Object.keys(record)[0];
  const inner = key === undefined ? undefined : record[key];
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined;
}
