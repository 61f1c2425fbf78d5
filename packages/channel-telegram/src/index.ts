/**
 * `@downcity/channel-telegram`: the Telegram channel for Downcity agents, on grammY.
 *
 * @packageDocumentation
 */
export { telegramChannel, telegramChannel as default } from './telegram-channel.js';
export { TelegramAdapter } from './adapter/telegram-adapter.js';
export { TelegramConfigSchema, type TelegramConfig, type TelegramConfigInput } from './config/telegram-config.js';
