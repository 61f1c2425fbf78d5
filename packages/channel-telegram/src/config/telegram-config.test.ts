import { redactSecrets } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { TelegramConfigSchema } from './telegram-config.js';

describe('TelegramConfigSchema', () => {
  it('fills defaults: long polling against the public Bot API with HTML replies, a webhook on the agent\'s shared HTTP surface', () => {
    expect(TelegramConfigSchema.parse({ token: '111:config-test-token' })).toEqual({
      token: '111:config-test-token',
      apiRoot: 'https://api.telegram.org',
      mode: 'polling',
      pollingTimeoutSeconds: 30,
      reconnectDelayMs: 1000,
      reconnectMaxDelayMs: 30_000,
      webhookPath: '/telegram/webhook',
      dropPendingUpdates: false,
      parseMode: 'html',
      maxRetries: 3,
      maxRetryAfterSeconds: 60,
    });
  });

  it('registers the token and webhook secret for redaction', () => {
    TelegramConfigSchema.parse({ token: '222:redact-me-token', mode: 'webhook', webhookSecret: 'redact_me_secret' });
    expect(redactSecrets('token 222:redact-me-token secret redact_me_secret')).toBe('token [redacted] secret [redacted]');
  });

  it('drops a trailing slash from apiRoot (grammY refuses one) and requires a token', () => {
    expect(TelegramConfigSchema.parse({ token: '333:abc', apiRoot: 'http://127.0.0.1:8081/' }).apiRoot).toBe('http://127.0.0.1:8081');
    expect(TelegramConfigSchema.safeParse({}).success).toBe(false);
    expect(TelegramConfigSchema.safeParse({ token: '' }).success).toBe(false);
  });

  it('only accepts an https webhookUrl', () => {
    expect(TelegramConfigSchema.safeParse({ token: '1:a', webhookUrl: 'http://bot.example.com/hook' }).success).toBe(false);
    expect(TelegramConfigSchema.safeParse({ token: '1:a', webhookUrl: 'https://bot.example.com/hook' }).success).toBe(true);
  });
});
