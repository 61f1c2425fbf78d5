import { secret } from '@downcity/core';
import { z } from 'zod';
import { HttpUserIdSchema } from './credentials/user-id.js';

/** The shortest assertion secret accepted: 32 characters (HS256 wants at least 256 bits of key). */
const MIN_ASSERTION_SECRET_LENGTH = 32;

/** Config of signed user assertions (`services.chat.channels.http.assertions`). */
export const HttpAssertionConfigSchema = z
  .object({
    secret: secret().describe('The HMAC secret (HS256) your backend signs user assertions with. At least 32 random characters, e.g. `openssl rand -base64 48`.'),
    maxLifetimeSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(300)
      .describe('Assertions that live longer than this (exp minus iat, or exp minus now) are refused. Mint short-lived ones per request or session.'),
    clockSkewSeconds: z.number().int().min(0).max(300).default(30).describe('Tolerated clock difference between your backend and the agent for exp, nbf and iat.'),
    issuer: z.string().min(1).optional().describe('When set, the assertion\'s "iss" claim must equal it.'),
    audience: z.string().min(1).optional().describe('When set, the assertion\'s "aud" claim must contain it.'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.secret.length < MIN_ASSERTION_SECRET_LENGTH) {
      context.addIssue({ code: 'custom', path: ['secret'], message: `must be at least ${MIN_ASSERTION_SECRET_LENGTH} characters (a random secret, e.g. \`openssl rand -base64 48\`)` });
    }
  })
  .describe('Signed user assertions: your backend authenticates its users and sends a short-lived HS256 JWT naming each one.');

/** Config of the HTTP channel (`services.chat.channels.http`). */
export const HttpChannelConfigSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .optional()
      .describe('Interface of a listener of its own. Default: the agent\'s shared HTTP surface (`http.host`, 127.0.0.1). Keep loopback unless a reverse proxy with TLS sits in front.'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .optional()
      .describe('Port of a listener of its own; 0 picks a free port (see chat/channels for the bound URL). Default: the agent\'s shared HTTP surface (`http.port`, 8787).'),
    token: secret()
      .optional()
      .describe(
        'A shared bearer token ("Authorization: Bearer <token>"). It proves only that the caller holds it, so every request with it speaks as the one principal http:<sharedUser>, which is never an owner or admin. Give each person a per-user token (downcity auth token create) or use assertions instead.',
      ),
    sharedUser: HttpUserIdSchema.default('shared').describe(
      'The user id of requests authenticated by the shared token: principal http:<sharedUser>. Such a request may omit "user" or claim exactly this id.',
    ),
    assertions: HttpAssertionConfigSchema.optional(),
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

/** The assertion settings as validated. */
export type HttpAssertionConfig = z.output<typeof HttpAssertionConfigSchema>;
