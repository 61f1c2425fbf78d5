/**
 * `@downcity/channel-feishu`: the Feishu / Lark channel for the Downcity chat service, on
 * `@larksuiteoapi/node-sdk`.
 *
 * @packageDocumentation
 */
export { feishuChannel } from './feishu-channel.js';
export { FeishuAdapter } from './feishu-adapter.js';
export { FeishuConfigSchema, type FeishuConfig, type FeishuConfigInput } from './config/feishu-config.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { feishuChannel as default } from './feishu-channel.js';
