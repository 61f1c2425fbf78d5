import { registerSecret } from '@downcity/core';
import { apiError, credentialsError } from './qq-errors.js';
import { requestQq, type QqHttpOptions } from './request-qq.js';

/** Where the channel gets its `QQBot <token>` credentials. */
export interface AccessTokens {
  /** A valid access token, fetched or refreshed when missing or about to expire. */
  get(): Promise<string>;
  /** Forgets the cached token (after QQ answered 401 with it). */
  invalidate(): void;
}

/** Options of {@link createAccessTokens}. */
export interface AccessTokensOptions {
  /** How calls are made and retried. */
  http: QqHttpOptions;
  /** The bot AppID. */
  appId: string;
  /** The bot AppSecret. */
  appSecret: string;
  /** The getAppAccessToken URL. */
  tokenUrl: string;
  /** The clock, for tests. */
  now?: () => number;
}

/** Longest lead before expiry at which a token is refreshed. QQ issues a new token only in the last 60 s of the old one. */
const REFRESH_LEAD_MS = 50_000;

/**
 * Fetches app access tokens (`POST {tokenUrl}` with `{appId, clientSecret}` →
 * `{access_token, expires_in}`), caches them and refreshes them before they expire: 50 s before
 * (inside QQ's 60 s overlap window where old and new tokens are both valid), or halfway through
 * the lifetime of a short-lived token. Concurrent callers share one request. Each token is
 * registered as a secret so it never reaches a log line.
 */
export function createAccessTokens(options: AccessTokensOptions): AccessTokens {
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const answer = await requestQq(
      { method: 'POST', url: options.tokenUrl, body: { appId: options.appId, clientSecret: options.appSecret }, what: 'fetching an access token', idempotent: true },
      options.http,
    );
    if (!answer.ok) {
      if (answer.failure.status === 401 || answer.failure.status === 403) throw credentialsError(answer.failure, 'fetching an access token');
      throw apiError(answer.failure, 'the access-token request');
    }
    const body = (answer.json ?? {}) as Record<string, unknown>;
    const token = body.access_token;
    const lifetimeSeconds = Number(body.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(lifetimeSeconds) || lifetimeSeconds <= 0) {
      const code = typeof body.code === 'number' ? body.code : undefined;
      const message = typeof body.message === 'string' ? body.message.slice(0, 200) : 'no access_token in the answer';
      throw credentialsError({ status: answer.status, ...(code === undefined ? {} : { code }), message }, 'fetching an access token');
    }
    registerSecret(token);
    const lifetimeMs = lifetimeSeconds * 1000;
    cached = { token, refreshAt: now() + lifetimeMs - Math.min(REFRESH_LEAD_MS, lifetimeMs / 2) };
    options.http.logger.debug({ expiresInSeconds: lifetimeSeconds }, 'QQ access token fetched');
    return token;
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
