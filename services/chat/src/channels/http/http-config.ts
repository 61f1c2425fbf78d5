import { secret } from '@downcity/core';
import { z } from 'zod';

/** Config of the HTTP channel (`services.chat.channels.http`). */
export const HttpChannelConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('Interface to listen on. Keep 127.0.0.1 unless a reverse proxy with TLS sits in front.'),
    port: z.number().int().min(0).max(65_535).default(8787).describe('Port to listen on; 0 picks a free port (see chat/channels for the bound URL).'),
    token: secret().describe('Bearer token every request must send as "Authorization: Bearer <token>".'),
    account: z.string().min(1).default('default').describe('The account id of this endpoint in session ids (chat:http:<account>:<chat>).'),
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(64 * 1_048_576)
      .default(1_048_576)
      .describe('Larger request bodies are refused with 413.'),
    maxTextLength: z.number().int().min(16).max(1_000_000).default(100_000).describe('Replies longer than this arrive as several chunks.'),
    replyTimeoutMs: z
      .number()
      .int()
      .min(1_000)
      .default(300_000)
      .describe('How long a request waits for its reply; after that it ends (the reply is still stored in the session).'),
    keepAliveMs: z.number().int().min(1_000).default(15_000).describe('Interval of SSE keep-alive comments while a reply is pending.'),
  })
  .strict();

/** The HTTP channel config as validated. */
export type HttpChannelConfig = z.output<typeof HttpChannelConfigSchema>;
