import { APICallError, RetryError } from 'ai';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';

function statusOf(error: unknown): number | undefined {
  if (APICallError.isInstance(error)) return error.statusCode;
  if (RetryError.isInstance(error)) return statusOf(error.lastError);
  return undefined;
}

/**
 * The error text in a provider's JSON error body (`{ "error": "..." }` as Ollama sends it, or
 * `{ "error": { "message": "..." } }`) when the client's message leaves it out (it may say only
 * `Not Found`): the body says what to do, e.g. which model is missing.
 */
function bodyMessage(error: unknown, message: string): string | undefined {
  if (RetryError.isInstance(error)) return bodyMessage(error.lastError, message);
  if (!APICallError.isInstance(error) || !error.responseBody) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(error.responseBody);
  } catch {
    return undefined;
  }
  const field = (body as { error?: unknown } | null)?.error;
  const text = typeof field === 'string' ? field : (field as { message?: unknown } | null)?.message;
  return typeof text === 'string' && text !== '' && !message.includes(text) ? text : undefined;
}

/** Turns a provider failure into a clear {@link DowncityError}: 401/403, 429, 5xx, timeouts and aborts. */
export function toModelError(error: unknown, signal?: AbortSignal): DowncityError {
  if (DowncityError.is(error)) return error;
  if (signal?.aborted && DowncityError.is(signal.reason)) return signal.reason;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const fromBody = bodyMessage(error, message);
  const detail = fromBody ? `${message}: ${fromBody}` : message;
  const details = status === undefined ? {} : { status };
  if (status === 401 || status === 403) {
    return new DowncityError(
      ErrorCodes.MODEL_AUTH,
      `The model provider rejected the credentials (${status}). Check the API key (model.apiKeyEnv, e.g. OPENAI_API_KEY) and that it may use this model.`,
      { cause: error, details },
    );
  }
  if (status === 429) {
    return new DowncityError(ErrorCodes.MODEL_RATE_LIMITED, `The model provider is rate-limiting requests (429) and retries did not help. Wait, or raise model.maxRetries.`, {
      cause: error,
      details,
    });
  }
  if (status !== undefined && status >= 500) {
    return new DowncityError(ErrorCodes.MODEL_UNAVAILABLE, `The model provider failed (${status}) after retries: ${detail}`, { cause: error, details });
  }
  if (status !== undefined) {
    return new DowncityError(ErrorCodes.MODEL_REQUEST_INVALID, `The model provider rejected the request (${status}): ${detail}`, { cause: error, details });
  }
  if (signal?.aborted || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return new DowncityError(timedOut ? ErrorCodes.TIMEOUT : ErrorCodes.ABORTED, timedOut ? 'The model call timed out (model.timeoutMs).' : 'The turn was aborted.', {
      cause: error,
    });
  }
  return new DowncityError(ErrorCodes.MODEL_UNAVAILABLE, `The model call failed: ${detail}`, { cause: error });
}
