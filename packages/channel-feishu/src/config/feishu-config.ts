import { secret } from '@downcity/core';
import { z } from 'zod';

/** Where the adapter's config lives in the agent config; error messages name settings under it. */
export const configPath = 'services.chat.channels.feishu';

/** The HTTP callback ("send events to developer server") settings. */
const WebhookSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .optional()
      .describe('Interface of a listener of its own for the callback. Default: the agent\'s shared HTTP surface (`http.host`, 127.0.0.1).'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .optional()
      .describe('Port of a listener of its own for the callback; 0 picks a free port. Default: the agent\'s shared HTTP surface (`http.port`, 8787).'),
    path: z.string().startsWith('/').default('/feishu/events').describe('Path of the request URL configured in the developer console.'),
    maxBodyBytes: z.number().int().positive().default(1_048_576).describe('Larger request bodies are refused with 413.'),
    maxClockSkewSeconds: z
      .number()
      .int()
      .positive()
      .default(300)
      .describe('Signed requests whose X-Lark-Request-Timestamp is further from now than this are refused (replay protection).'),
  })
  .strict();

/**
 * Config of the Feishu / Lark channel (`services.chat.channels.feishu`). The single source of
 * truth: {@link FeishuConfig} is inferred from it, and the JSON Schema comes from it.
 */
export const FeishuConfigSchema = z
  .object({
    appId: z.string().min(1).describe('App ID of the custom app (developer console > Credentials & Basic Info), e.g. cli_a1b2c3d4e5f6a7b8.'),
    appSecret: secret().describe('App Secret of the custom app (developer console > Credentials & Basic Info).'),
    domain: z
      .union([z.enum(['feishu', 'lark']), z.url()])
      .default('feishu')
      .describe('`feishu` (open.feishu.cn), `lark` (open.larksuite.com), or a base URL (proxy, private deployment, test fake).'),
    mode: z
      .enum(['websocket', 'webhook'])
      .default('websocket')
      .describe('How events arrive: the long connection (no public URL needed) or the HTTP callback.'),
    verificationToken: secret()
      .optional()
      .describe('Verification Token (Events & Callbacks > Encryption Strategy); checked on every callback request.'),
    encryptKey: secret()
      .optional()
      .describe('Encrypt Key (Events & Callbacks > Encryption Strategy); decrypts callbacks and verifies X-Lark-Signature.'),
    webhook: WebhookSchema.prefault({}).describe('The HTTP callback, used when `mode` is `webhook`.'),
    requireMention: z.boolean().default(true).describe('In group chats, only messages that @mention the bot reach the agent.'),
    botOpenId: z.string().min(1).optional().describe('The bot open_id; fetched from /open-apis/bot/v3/info when omitted.'),
    maxTextLength: z
      .number()
      .int()
      .min(100)
      .max(30_000)
      .default(4_000)
      .describe('Characters per outgoing text message; longer replies are split (the platform limit is 150 KB of request body).'),
    rateLimitRetries: z.number().int().min(0).max(10).default(3).describe('Retries after a rate-limit answer (HTTP 429 / code 99991400).'),
    maxRetryDelaySeconds: z
      .number()
      .positive()
      .default(60)
      .describe('A rate-limit reset longer than this is not waited for: the call fails at once.'),
    requestTimeoutSeconds: z.number().positive().default(30).describe('Timeout of one API request.'),
    connectTimeoutSeconds: z.number().positive().default(30).describe('How long connect() waits for the long connection to open.'),
    recentEventIds: z.number().int().min(16).default(2_048).describe('How many recent event_ids are remembered for deduplication.'),
    maxDownloadBytes: z.number().int().positive().default(104_857_600).describe('Attachment downloads larger than this are refused.'),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.mode === 'webhook' && !config.verificationToken && !config.encryptKey) {
      context.addIssue({
        code: 'custom',
        path: ['verificationToken'],
        message: 'webhook mode needs verificationToken and/or encryptKey (both recommended), or anyone could post events',
      });
    }
  });

/** The validated Feishu channel config. */
export type FeishuConfig = z.output<typeof FeishuConfigSchema>;

/** The Feishu channel config as written by the user, before defaults. */
export type FeishuConfigInput = z.input<typeof FeishuConfigSchema>;

/** Resolves `domain` to the API base URL, without a trailing slash. */
export function resolveBaseUrl(domain: FeishuConfig['domain']): string {
  if (domain === 'feishu') return 'https://open.feishu.cn';
  if (domain === 'lark') return 'https://open.larksuite.com';
  return domain.replace(/\/+$/, '');
}
