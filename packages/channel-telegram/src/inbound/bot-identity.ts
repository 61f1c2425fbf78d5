/** Who the bot is, learned from `getMe` on connect. */
export interface BotIdentity {
  /** The bot's user id. */
  id: number;
  /** The bot's username, without `@`. */
  username: string;
}
