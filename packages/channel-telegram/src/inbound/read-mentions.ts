import type { BotIdentity } from './bot-identity.js';
import type { TelegramEntity } from './update-schema.js';

/** Mentions found in a message text, and the text with the leading bot mention removed. */
export interface MentionsFound {
  /** The text without a leading `@bot` mention, and `/command@bot` shortened to `/command`. */
  text: string;
  /** Whether the bot itself is mentioned (by `@username`, a text mention, or a `/command@bot`). */
  self: boolean;
  /** Ids of other users mentioned by text mention (users without a username). */
  userIds: string[];
}

/**
 * Reads mention entities. Entity offsets are UTF-16 code units, the same unit as JavaScript string
 * indices, so `text.slice` cuts exactly what Telegram marked.
 */
export function readMentions(text: string, entities: readonly TelegramEntity[], bot: BotIdentity): MentionsFound {
  const handle = `@${bot.username}`.toLowerCase();
  let self = false;
  const userIds: string[] = [];
  let leading: { end: number; kind: 'mention' | 'command' } | undefined;
  for (const entity of entities) {
    const end = entity.offset + entity.length;
    if (end > text.length) continue;
    const slice = text.slice(entity.offset, end);
    let isSelf = false;
    if (entity.type === 'mention') isSelf = slice.toLowerCase() === handle;
    else if (entity.type === 'text_mention' && entity.user) {
      isSelf = entity.user.id === bot.id;
      if (!isSelf) userIds.push(String(entity.user.id));
    } else if (entity.type === 'bot_command') isSelf = slice.toLowerCase().endsWith(handle);
    if (!isSelf) continue;
    self = true;
    if (entity.offset === 0) leading = { end, kind: entity.type === 'bot_command' ? 'command' : 'mention' };
  }
  return { text: stripLeading(text, leading, handle.length), self, userIds };
}

function stripLeading(text: string, leading: { end: number; kind: 'mention' | 'command' } | undefined, handleLength: number): string {
  if (!leading) return text;
  if (leading.kind === 'command') return text.slice(0, leading.end - handleLength) + text.slice(leading.end);
  return text.slice(leading.end).replace(/^[\s,:]+/, '');
}
