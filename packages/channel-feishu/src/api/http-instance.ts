import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { DowncityError, registerSecret, type Logger } from '@downcity/core';
import { defaultHttpInstance, type HttpInstance, type HttpRequestOptions } from '@larksuiteoapi/node-sdk';
import { credentialError } from './feishu-errors.js';
import { bodyFields, failureOf } from './platform-failure.js';
import { isRateLimited, retryDelayMs, sleep } from './rate-limit.js';

/** Options for {@link createHttpInstance}. */
export interface HttpInstanceOptions {
  /** Retries after a rate-limit answer. */
  retries: number;
  /** Longest reset worth waiting for; a longer one fails at once. */
  maxRetryDelayMs: number;
  /** Timeout of one request. */
  timeoutMs: number;
  /** Aborts every in-flight request and retry wait (on disconnect). */
  signal: AbortSignal;
  /** Where retries are logged. */
  logger: Logger;
  /** Connection pools owned by the adapter, destroyed on disconnect. */
  agents: { http: HttpAgent; https: HttpsAgent };
}

const tokenPath = '/open-apis/auth/v3/tenant_access_token/internal';
const wsEndpointPath = '/callback/ws/endpoint';

/**
 * The HTTP layer handed to the SDK's `Client` and `WSClient`: the SDK's own axios instance, plus
 * (1) rate-limit retries after the delay the platform gave (`x-ogw-ratelimit-reset`), bounded;
 * (2) a credential check on the token endpoint, so a wrong App Secret surfaces as a
 * `DowncityError` naming the setting; (3) every issued token registered for redaction;
 * (4) the adapter's agents, timeout and abort signal on every request.
 */
export function createHttpInstance(options: HttpInstanceOptions): HttpInstance {
  const request = async <T = unknown, R = T, D = unknown>(opts: HttpRequestOptions<D>): Promise<R> => {
    const url = opts.url ?? '';
    const config = {
      timeout: options.timeoutMs,
      ...opts,
      httpAgent: options.agents.http,
      httpsAgent: options.agents.https,
      signal: options.signal,
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = (await defaultHttpInstance.request(config)) as R;
        inspectAnswer(url, result);
        return result;
      } catch (error) {
        if (DowncityError.is(error)) throw error;
        const failure = failureOf(error);
        if (url.endsWith(tokenPath) && failure?.status !== undefined && failure.status >= 400 && failure.status < 500 && failure.status !== 429) {
          throw credentialError(failure, 'token request');
        }
        if (!failure || !isRateLimited(failure) || attempt >= options.retries) throw error;
        const delayMs = retryDelayMs(failure, 1_000 * 2 ** attempt);
        if (delayMs > options.maxRetryDelayMs) throw error;
        options.logger.warn({ attempt: attempt + 1, delayMs, path: pathOf(url) }, 'Feishu rate limit; retrying after the delay it gave');
        await sleep(delayMs, options.signal);
      }
    }
  };
  const withMethod = (method: string) => <T = unknown, R = T, D = unknown>(url: string, opts?: HttpRequestOptions<D>) =>
    request<T, R, D>({ ...opts, url, method });
  const withBody = (method: string) => <T = unknown, R = T, D = unknown>(url: string, data?: D, opts?: HttpRequestOptions<D>) =>
    request<T, R, D>({ ...opts, url, method, ...(data === undefined ? {} : { data }) });
  return {
    request,
    get: withMethod('get'),
    delete: withMethod('delete'),
    head: withMethod('head'),
    options: withMethod('options'),
    post: withBody('post'),
    put: withBody('put'),
    patch: withBody('patch'),
  };
}

/** Checks credential answers and registers what they issue as secrets. */
function inspectAnswer(url: string, result: unknown): void {
  if (url.endsWith(tokenPath)) {
    const { code } = bodyFields(result);
    const token = (result as { tenant_access_token?: unknown } | undefined)?.tenant_access_token;
    if (code !== 0 || typeof token !== 'string') throw credentialError({ ...bodyFields(result), headers: {} }, 'token request');
    registerSecret(token);
  }
  if (url.endsWith(wsEndpointPath)) {
    const connectUrl = (result as { data?: { URL?: unknown } } | undefined)?.data?.URL;
    if (typeof connectUrl === 'string') registerSecret(connectUrl);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
