import { secret } from '@downcity/core';
import { z } from 'zod';
import { GatewayIntentNames } from './gateway/intents.js';

/** The production OpenAPI base URL. */
export const QQ_API_BASE_URL = 'https://api.sgroup.qq.com';
/** The sandbox OpenAPI base URL (bots under test, sandbox guilds and groups). */
export const QQ_SANDBOX_API_BASE_URL = 'https://sandbox.api.sgroup.qq.com';
/** Where an app access token is fetched from app id and secret. */
export const QQ_TOKEN_URL = 'https://bots.qq.com/app/getAppAccessToken';

/**
 * Config of the QQ channel (`services.chat.channels.qq`). The single source of truth for
 * the channel's settings; the TypeScript type is inferred from it.
 */
export const QqConfigSchema = z.object({
  /** The bot's AppID from the QQ open platform (q.qq.com, 开发设置). */
  appId: z
    .union([z.string().min(1), z.number().int().positive()])
    .transform((value) => String(value))
    .describe('Bot AppID from q.qq.com → 开发管理 → 开发设置'),
  /** The bot's AppSecret (also called ClientSecret / Bot Secret). Fetches access tokens and keys webhook signatures. */
  appSecret: secret().describe('Bot AppSecret (ClientSecret) from q.qq.com → 开发管理 → 开发设置'),
  /** How events arrive: `webhook` (HTTPS callbacks, signed with ed25519) or `websocket` (the gateway long connection). */
  mode: z.enum(['webhook', 'websocket']).default('webhook').describe('webhook: HTTPS callbacks; websocket: gateway long connection'),
  /** Use the sandbox OpenAPI (`https://sandbox.api.sgroup.qq.com`). Ignored when `apiBaseUrl` is set. */
  sandbox: z.boolean().default(false).describe('Use the sandbox OpenAPI environment'),
  /** OpenAPI base URL override (a proxy, or a test fake). Defaults to production or sandbox. */
  apiBaseUrl: z.url().optional().describe('OpenAPI base URL override'),
  /** Access-token endpoint. */
  tokenUrl: z.url().default(QQ_TOKEN_URL).describe('getAppAccessToken endpoint'),
  /**
   * The webhook (mode `webhook`), served on the agent's shared HTTP surface (`http.host:http.port`). Put it behind
   * an HTTPS reverse proxy; QQ only calls HTTPS URLs.
   */
  webhook: z
    .object({
      /** Interface of a listener of its own. Default: the agent's shared HTTP surface (`http.host`, 127.0.0.1). */
      host: z.string().min(1).optional(),
      /** Port of a listener of its own (0 picks a free one). Default: the agent's shared HTTP surface (`http.port`, 8787). */
      port: z.number().int().min(0).max(65535).optional(),
      /** Path QQ posts to; the path part of the callback URL configured on q.qq.com. */
      path: z.string().startsWith('/').default('/qq/callback'),
      /** Largest request body accepted, in bytes. */
      maxBodyBytes: z.number().int().positive().default(1024 * 1024),
    })
    .prefault({}),
  /** The WebSocket gateway (mode `websocket`). */
  gateway: z
    .object({
      /** Event groups to subscribe to. Guild DMs need `DIRECT_MESSAGE`; all guild messages (private bots) need `GUILD_MESSAGES`. */
      intents: z.array(z.enum(GatewayIntentNames)).min(1).default(['GROUP_AND_C2C_EVENT', 'PUBLIC_GUILD_MESSAGES']),
      /** `[shardId, shardCount]`; `[0, 1]` unless you run several shards. */
      shard: z.tuple([z.number().int().min(0), z.number().int().min(1)]).default([0, 1]),
      /** First reconnect delay after a dropped connection, in milliseconds; doubles up to `maxReconnectDelayMs`. */
      reconnectDelayMs: z.number().int().min(0).default(1000),
      /** Longest reconnect delay, in milliseconds. */
      maxReconnectDelayMs: z.number().int().min(0).default(60_000),
    })
    .prefault({}),
  /** Longest text of one message. QQ documents no exact limit; 2000 characters stays well inside it. */
  maxTextLength: z.number().int().min(100).max(10_000).default(2000),
  /** Retries of a rate-limited or failed request before giving up. */
  maxRetries: z.number().int().min(0).max(10).default(3),
  /** Timeout of one OpenAPI request, in milliseconds. QQ recommends at least 5 seconds for sends. */
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** Largest attachment `download()` fetches, in bytes. */
  maxDownloadBytes: z.number().int().positive().default(25 * 1024 * 1024),
});

/** The parsed QQ channel config. */
export type QqConfig = z.output<typeof QqConfigSchema>;
/** The QQ channel config as written by a user (defaults optional). */
export type QqConfigInput = z.input<typeof QqConfigSchema>;

/** The OpenAPI base URL the config selects, without a trailing slash. */
export function apiBaseUrlOf(config: QqConfig): string {
  const base = config.apiBaseUrl ?? (config.sandbox ? QQ_SANDBOX_API_BASE_URL : QQ_API_BASE_URL);
  return base.replace(/\/+$/, '');
}

/** The config path of a setting, for error messages (`services.chat.channels.qq.appSecret`). */
export function settingPath(key: string): string {
  return `services.chat.channels.qq.${key}`;
}
