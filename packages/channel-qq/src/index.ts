/**
 * `@downcity/channel-qq`: the QQ Bot open platform (API v2) channel for Downcity agents.
 *
 * @packageDocumentation
 */
export { qqChannel } from './qq-channel.js';
export { createQqAdapter, type QqChannelAdapter } from './qq-adapter.js';
export { QqConfigSchema, QQ_API_BASE_URL, QQ_SANDBOX_API_BASE_URL, QQ_TOKEN_URL, type QqConfig, type QqConfigInput } from './config.js';
export { GatewayIntents, type GatewayIntentName } from './gateway/intents.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { qqChannel as default } from './qq-channel.js';
