/** A Telegram `Update` carrying a private text message, as the Bot API delivers it (core.telegram.org/bots/api#update). */
export function privateTextUpdate(options: { updateId: number; messageId: number; userId: number; text: string }): Record<string, unknown> {
  const user = { id: options.userId, is_bot: false, first_name: `User ${options.userId}` };
  return {
    update_id: options.updateId,
    message: {
      message_id: options.messageId,
      from: user,
      chat: { id: options.userId, type: 'private', first_name: user.first_name },
      date: Math.floor(Date.now() / 1000),
      text: options.text,
    },
  };
}

/** The text a sender's `k`-th message carries in these tests, and what the echo model's reply contains. */
export const messageText = (session: number, k: number): string => `session ${session} message ${k}`;
