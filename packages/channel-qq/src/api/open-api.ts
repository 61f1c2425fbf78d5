import type { AccessTokens } from './access-token.js';
import { apiError, credentialsError } from './qq-errors.js';
import { requestQq, type QqHttpOptions } from './request-qq.js';

/** A call to the QQ OpenAPI. */
export interface OpenApiCall {
  /** HTTP method. */
  method: 'GET' | 'POST';
  /** Path under the API base URL, e.g. `/v2/users/{openid}/messages`. */
  path: string;
  /** JSON body. */
  body?: unknown;
  /** What the call does, for errors ("sending a reply"). */
  what: string;
  /** Whether repeating it is harmless (see {@link requestQq}). */
  idempotent: boolean;
}

/** Calls the QQ OpenAPI with `Authorization: QQBot <access_token>`. */
export interface OpenApi {
  /** Makes the call and resolves with the JSON answer. Throws a `DowncityError` whose `details` hold QQ's status and `code`. */
  call(call: OpenApiCall): Promise<unknown>;
}

/** Options of {@link createOpenApi}. */
export interface OpenApiOptions {
  /** How calls are made and retried. */
  http: QqHttpOptions;
  /** Base URL without trailing slash. */
  baseUrl: string;
  /** Token source. */
  tokens: AccessTokens;
}

/**
 * Creates the OpenAPI caller. A 401 drops the cached token and tries once more with a fresh
 * one; a second 401 is an error that names `services.chat.channels.qq.appSecret`.
 */
export function createOpenApi(options: OpenApiOptions): OpenApi {
  return {
    async call(call) {
      for (let authAttempt = 0; ; authAttempt += 1) {
        const token = await options.tokens.get();
        const answer = await requestQq(
          { method: call.method, url: options.baseUrl + call.path, body: call.body, headers: { authorization: `QQBot ${token}` }, what: call.what, idempotent: call.idempotent },
          options.http,
        );
        if (answer.ok) return answer.json;
        if (answer.failure.status === 401) {
          options.tokens.invalidate();
          if (authAttempt === 0) continue;
          throw credentialsError(answer.failure, call.what);
        }
        throw apiError(answer.failure, call.what);
      }
    },
  };
}
