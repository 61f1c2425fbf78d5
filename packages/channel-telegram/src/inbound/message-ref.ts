/**
 * Telegram message ids are unique only inside one chat, so Downcity message ids are
 * `<chat_id>:<message_id>`: the chat service deduplicates on them, and `send` accepts them back as
 * `replyToMessageId`.
 */
export function messageRefOf(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

/** The Telegram `message_id` inside a `<chat_id>:<message_id>` reference (or a bare id). */
export function telegramMessageIdOf(reference: string | undefined): number | undefined {
  if (reference === undefined) return undefined;
  const id = Number(reference.slice(reference.lastIndexOf(':') + 1));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
