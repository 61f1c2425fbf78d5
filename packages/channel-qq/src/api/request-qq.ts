import { setTimeout as sleep } from 'node:timers/promises';
import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import { networkError, rateLimitedError, type QqFailure } from './qq-errors.js';
import { MAX_RETRY_AFTER_MS, backoffMs, isRateLimited, retryAfterMs } from './rate-limit.js';

/** One HTTP call to QQ. */
export interface QqRequest {
  /** HTTP method. */
  method: 'GET' | 'POST';
  /** Full URL. */
  url: string;
  /** Extra headers (Authorization). */
  headers?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** What the call does, for errors and logs ("sending a reply"). */
  what: string;
  /** Whether repeating the call is harmless; only such calls are retried after 5xx or network errors. Rate limits are always retried. */
  idempotent: boolean;
}

/** How calls are made and retried. */
export interface QqHttpOptions {
  /** Timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Where retries are logged. */
  logger: Logger;
  /** Aborts waiting and requests when the channel stops. */
  signal?: AbortSignal;
}

/** A finished call: a 2xx answer, or a refusal that retrying would not fix. */
export type QqResponse = { ok: true; status: number; json: unknown } | { ok: false; failure: QqFailure };

/**
 * Calls QQ and retries what retrying can fix: rate limits (HTTP 429 or a throttling business
 * code) after the `Retry-After` delay, or with exponential backoff (1 s, 2 s, 4 s, 8 s) when QQ
 * gives none; 5xx answers and network errors for idempotent calls. Throws a `DowncityError` when
 * retries run out.
 */
export async function requestQq(request: QqRequest, options: QqHttpOptions): Promise<QqResponse> {
  for (let attempt = 0; ; attempt += 1) {
    const canRetry = attempt < options.maxRetries;
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: attemptSignal(options),
      });
    } catch (error) {
      if (options.signal?.aborted || !request.idempotent || !canRetry) throw networkError(error, request.what);
      await wait(backoffMs(attempt), options, request, 'network error');
      continue;
    }
    const json = await readJson(response);
    const failure = failureOf(response, json);
    if (isRateLimited(response.status, failure.code)) {
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (!canRetry || (asked !== undefined && asked > MAX_RETRY_AFTER_MS)) throw rateLimitedError(failure, request.what, attempt + 1);
      await wait(asked ?? backoffMs(attempt), options, request, 'rate limited');
      continue;
    }
    if (response.ok) return { ok: true, status: response.status, json };
    if (response.status >= 500 && request.idempotent && canRetry) {
      await wait(backoffMs(attempt), options, request, `HTTP ${response.status}`);
      continue;
    }
    return { ok: false, failure };
  }
}

function attemptSignal(options: QqHttpOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

async function wait(delayMs: number, options: QqHttpOptions, request: QqRequest, reason: string): Promise<void> {
  options.logger.warn({ what: request.what, delayMs, reason }, 'QQ call will be retried');
  try {
    await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
  } catch (error) {
    throw new DowncityError(ErrorCodes.ABORTED, `Stopped waiting to retry ${request.what}: the QQ channel was disconnected.`, { cause: error });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function failureOf(response: Response, json: unknown): QqFailure {
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const rawCode = body.code ?? body.err_code;
  const code = typeof rawCode === 'number' ? rawCode : typeof rawCode === 'string' && /^\d+$/.test(rawCode) ? Number(rawCode) : undefined;
  const failure: QqFailure = { status: response.status };
  if (code !== undefined && code !== 0) failure.code = code;
  if (typeof body.message === 'string') failure.message = body.message.slice(0, 200);
  const traceId = response.headers.get('x-tps-trace-id');
  if (traceId) failure.traceId = traceId.slice(0, 100);
  return failure;
}
