import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';

/** Options for {@link createTelegramApi}. */
export interface TelegramApiOptions {
  /** The bot token. */
  token: string;
  /** Bot API base URL without a trailing slash. */
  apiRoot: string;
  /** How often a 429 is retried. */
  maxRetries: number;
  /** A 429 asking for a longer wait than this fails instead. */
  maxRetryAfterSeconds: number;
  /** Per-request timeout; must exceed the long-polling timeout. */
  requestTimeoutSeconds: number;
}

/** A grammY API client plus the keep-alive agent it uses, so the owner can close its sockets. */
export interface TelegramApi {
  /** The grammY client. */
  api: Api;
  /** The HTTP agent every request (and file download) goes through. */
  agent: HttpAgent;
}

/**
 * Creates grammY's Bot API client pointed at `apiRoot`, with grammY's auto-retry transformer
 * honouring `retry_after` on 429 answers. Server errors and network failures are not retried here:
 * the poller backs off on its own and a failed send surfaces to the chat service.
 */
export function createTelegramApi(options: TelegramApiOptions): TelegramApi {
  const agent = options.apiRoot.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const api = new Api(options.token, {
    apiRoot: options.apiRoot,
    timeoutSeconds: options.requestTimeoutSeconds,
    baseFetchConfig: { agent, compress: true },
  });
  api.config.use(
    autoRetry({
      maxRetryAttempts: options.maxRetries,
      maxDelaySeconds: options.maxRetryAfterSeconds,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  return { api, agent };
}
