/** Gateway intent bits (事件订阅 Intents), from the QQ bot docs. */
export const GatewayIntents = {
  /** Guild and sub-channel create, update, delete. */
  GUILDS: 1 << 0,
  /** Guild member add, update, remove. */
  GUILD_MEMBERS: 1 << 1,
  /** Every guild message, `MESSAGE_CREATE` (private bots only). */
  GUILD_MESSAGES: 1 << 9,
  /** Guild message reactions. */
  GUILD_MESSAGE_REACTIONS: 1 << 10,
  /** Guild direct messages, `DIRECT_MESSAGE_CREATE`. */
  DIRECT_MESSAGE: 1 << 12,
  /** C2C (`C2C_MESSAGE_CREATE`) and group @-messages (`GROUP_AT_MESSAGE_CREATE`), plus friend and group membership events. */
  GROUP_AND_C2C_EVENT: 1 << 25,
  /** Button interactions. */
  INTERACTION: 1 << 26,
  /** Message audit results. */
  MESSAGE_AUDIT: 1 << 27,
  /** Forum events (private bots only). */
  FORUMS_EVENT: 1 << 28,
  /** Audio channel events. */
  AUDIO_ACTION: 1 << 29,
  /** Guild messages that @-mention the bot, `AT_MESSAGE_CREATE`. */
  PUBLIC_GUILD_MESSAGES: 1 << 30,
} as const;

/** One intent name. */
export type GatewayIntentName = keyof typeof GatewayIntents;

/** Every intent name, for the config schema. */
export const GatewayIntentNames = Object.keys(GatewayIntents) as [GatewayIntentName, ...GatewayIntentName[]];

/** Combines intent names into the `intents` number sent with Identify (each name counted once). */
export function intentBits(names: readonly GatewayIntentName[]): number {
  let bits = 0;
  for (const name of new Set(names)) bits += GatewayIntents[name] >>> 0;
  return bits;
}
