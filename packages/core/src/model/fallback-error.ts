import { APICallError, RetryError } from 'ai';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';

/** Provider error types that say "busy or broken on our side", as streamed error events carry them (Anthropic, OpenAI). */
const transientTypes = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'server_error', 'rate_limit_exceeded', 'service_unavailable']);

const transientStatus = (status: number): boolean => status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * Whether a model call's failure lets the turn move on to the next model of a list: rate limits
 * (429), server errors and overloads (5xx, Anthropic's 529 or a streamed `overloaded_error`), a
 * request timeout (408 or `model.callTimeoutMs`) and network failures; each only after the model's
 * own retries. A failure the next model would share or that needs a fix (401, 403, a bad request,
 * an unknown model) is not passed over: it is reported.
 *
 * @param error - What the AI SDK call threw, or a streamed error part's value.
 */
export function isFallbackError(error: unknown): boolean {
  if (RetryError.isInstance(error)) return error.reason !== 'abort' && isFallbackError(error.lastError);
  if (APICallError.isInstance(error)) return error.statusCode === undefined ? error.isRetryable : transientStatus(error.statusCode);
  if (DowncityError.is(error)) return error.code === ErrorCodes.TIMEOUT && error.details?.callTimeoutMs !== undefined;
  if (typeof error === 'object' && error !== null) {
    const { type, code } = error as { type?: unknown; code?: unknown };
    if (typeof type === 'string' && transientTypes.has(type)) return true;
    if (typeof code === 'string' && transientTypes.has(code)) return true;
  }
  // fetch() failures that reach us unwrapped: connection refused or reset.
  return error instanceof TypeError && error.message === 'fetch failed';
}
