import type { ReceiveMention } from './receive-event.js';

/** Mentions resolved against the bot's open_id. */
export interface ResolvedMentions {
  /** The text with the bot's placeholders removed and other placeholders replaced by `@name`. */
  text: string;
  /** Whether the bot itself was mentioned. */
  self: boolean;
  /** open_ids of the other mentioned users. */
  userIds: string[];
}

/**
 * Resolves `@_user_N` placeholders: the content carries a placeholder per mention and `mentions`
 * maps each key to an id and name. The bot's own mention is stripped (it is addressing, not
 * content); others become `@name`; `@_all` becomes `@all`.
 */
export function resolveMentions(text: string, mentions: ReceiveMention[], botOpenId: string | undefined): ResolvedMentions {
  let self = false;
  const userIds: string[] = [];
  let result = text;
  // Longest keys first, so `@_user_1` does not eat the prefix of `@_user_10`.
  for (const mention of [...mentions].sort((a, b) => b.key.length - a.key.length)) {
    const openId = mention.id.open_id;
    if (botOpenId !== undefined && openId === botOpenId) {
      self = true;
      result = result.replace(new RegExp(`[ \\t]*${escapeRegExp(mention.key)}[ \\t]*`, 'g'), (match: string, offset: number, whole: string) => {
        const atLineStart = offset === 0 || whole[offset - 1] === '\n';
        const atLineEnd = offset + match.length === whole.length || whole[offset + match.length] === '\n';
        return atLineStart || atLineEnd ? '' : ' ';
      });
      continue;
    }
    if (openId && !userIds.includes(openId)) userIds.push(openId);
    result = result.split(mention.key).join(mention.key === '@_all' ? '@all' : `@${mention.name ?? openId ?? 'user'}`);
  }
  result = result.replace(/@_all\b/g, '@all');
  return { text: result.trim(), self, userIds };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
