/**
 * Guild message content uses embedded formats (`<@!user_id>`, `<#channel_id>`, `@everyone`) and
 * escapes `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;` both ways (内嵌格式 / 转义内容).
 */

/** Decodes the escapes QQ applies to inbound guild content. */
export function unescapeGuildContent(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Escapes outbound guild content so a reply shows the text as written: `<@!id>` in model output
 * does not become a mention, and `@everyone` is broken with a zero-width space.
 */
export function escapeGuildContent(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@everyone/g, '@\u200beveryone');
}

/** Removes mentions of `selfIds` from guild content and lists the other mentioned user ids. */
export function stripGuildMentions(content: string, selfIds: ReadonlySet<string>): { text: string; self: boolean; userIds: string[] } {
  let self = false;
  const userIds: string[] = [];
  const text = content.replace(/<@!?(\d+)>/g, (match, id: string) => {
    if (selfIds.has(id)) {
      self = true;
      return '';
    }
    if (!userIds.includes(id)) userIds.push(id);
    return match;
  });
  return { text, self, userIds };
}
