import { defineChannel } from '@downcity/chat';
import { FeishuConfigSchema } from './config/feishu-config.js';
import { FeishuAdapter } from './feishu-adapter.js';

/**
 * The Feishu / Lark channel declaration. Register it with the chat service; its config lives at
 * `services.chat.channels.feishu` and is validated by {@link FeishuConfigSchema}.
 *
 * @example
 * ```ts
 * import { feishuChannel } from '@downcity/channel-feishu';
 * // services.chat.channels.feishu = { appId: 'cli_…', appSecret: process.env.FEISHU_APP_SECRET }
 * ```
 */
export const feishuChannel = defineChannel({
  id: 'feishu',
  config: FeishuConfigSchema,
  create: (setup) => new FeishuAdapter(setup),
});
