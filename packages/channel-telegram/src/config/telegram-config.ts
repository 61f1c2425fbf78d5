import { secret } from '@downcity/core';
import { z } from 'zod';

/** The config path of this channel, used in error messages that tell the user what to fix. */
export const CONFIG_PATH = 'services.chat.channels.telegram';

/** Telegram only accepts `A-Z a-z 0-9 _ -`, 1-256 characters, as a webhook `secret_token`. */
const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The Telegram channel's config (`services.chat.channels.telegram`). Secrets (`token`,
 * `webhookSecret`) are declared with `secret()`, so their values are redacted from every log line,
 * error message and reply.
 */
export const TelegramConfigSchema = z
  .object({
    token: secret().describe('The bot token @BotFather gave you, e.g. `123456789:AA...`.'),
    apiRoot: z
      .url({ protocol: /^https?$/ })
      .default('https://api.telegram.org')
      .transform((value) => value.replace(/\/+$/, ''))
      .describe('Bot API base URL. Change it for a local Bot API server, a proxy, or a test fake.'),
    mode: z
      .enum(['polling', 'webhook'])
      .default('polling')
      .describe('`polling` asks Telegram for updates (no public URL needed); `webhook` runs an HTTP server Telegram posts to.'),
    pollingTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(30)
      .describe('Long-polling timeout for `getUpdates`, in seconds.'),
    reconnectDelayMs: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('First wait before polling again after a network or server error; doubles on each failure.'),
    reconnectMaxDelayMs: z
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe('Longest wait between polling attempts after repeated failures.'),
    webhookSecret: secret()
      .pipe(z.string().regex(WEBHOOK_SECRET_PATTERN, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -'))
      .optional()
      .describe('Required in webhook mode: Telegram sends it in the `X-Telegram-Bot-Api-Secret-Token` header; anything else is rejected.'),
    webhookUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe('Public HTTPS URL Telegram should post to. When set, `setWebhook` is called on connect.'),
    webhookHost: z
      .string()
      .min(1)
      .optional()
      .describe('Interface of a listener of its own for the webhook. Default: the agent\'s shared HTTP surface (`http.host`, 127.0.0.1).'),
    webhookPort: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .optional()
      .describe('Port of a listener of its own for the webhook (0 picks a free one). Default: the agent\'s shared HTTP surface (`http.port`, 8787).'),
    webhookPath: z.string().startsWith('/').default('/telegram/webhook').describe('Path the webhook accepts updates on.'),
    dropPendingUpdates: z
      .boolean()
      .default(false)
      .describe('Drop updates that queued up while the bot was offline when switching between polling and webhook.'),
    parseMode: z
      .enum(['html', 'none'])
      .default('html')
      .describe('`html` renders code blocks, inline code and **bold** and escapes everything else; `none` sends text as is.'),
    maxRetries: z.number().int().min(0).max(10).default(3).describe('How often a rate-limited (429) request is retried.'),
    maxRetryAfterSeconds: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe('A 429 asking to wait longer than this is not retried; the request fails instead.'),
  })
  .superRefine((config, context) => {
    if (config.mode === 'webhook' && config.webhookSecret === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['webhookSecret'],
        message: 'is required in webhook mode, so forged updates can be told apart from Telegram\'s',
      });
    }
  });

/** The validated Telegram config. */
export type TelegramConfig = z.output<typeof TelegramConfigSchema>;

/** The Telegram config as written by the user (defaults optional). */
export type TelegramConfigInput = z.input<typeof TelegramConfigSchema>;
