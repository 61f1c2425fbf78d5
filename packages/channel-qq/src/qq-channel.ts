import { defineChannel } from '@downcity/chat';
import { QqConfigSchema } from './config.js';
import { createQqAdapter } from './qq-adapter.js';

/**
 * The QQ channel: a bot on the QQ Bot open platform (API v2) answering C2C (direct) messages,
 * group @-messages and guild channel messages. Configure it under `services.chat.channels.qq`.
 *
 * @example
 * ```ts
 * import { qqChannel } from '@downcity/channel-qq';
 * // agent config: services.chat.channels.qq = { appId: '102000000', appSecret: process.env.QQ_APP_SECRET, mode: 'webhook' }
 * ```
 */
export const qqChannel = defineChannel({
  id: 'qq',
  config: QqConfigSchema,
  create: (setup) => createQqAdapter(setup),
});
