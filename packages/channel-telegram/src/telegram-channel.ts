import { defineChannel } from '@downcity/chat';
import { TelegramAdapter } from './adapter/telegram-adapter.js';
import { TelegramConfigSchema } from './config/telegram-config.js';

/**
 * The Telegram channel: register it with the chat service and configure it under
 * `services.chat.channels.telegram`.
 *
 * @example
 * ```ts
 * import { telegramChannel } from '@downcity/channel-telegram';
 * // services.chat.channels.telegram: { token: process.env.TELEGRAM_BOT_TOKEN }
 * ```
 */
export const telegramChannel = defineChannel({
  id: 'telegram',
  config: TelegramConfigSchema,
  create: (setup) => new TelegramAdapter(setup),
});
