import { DowncityError, ErrorCodes } from '@downcity/core';
import { GrammyError, HttpError } from 'grammy';
import { CONFIG_PATH } from '../config/telegram-config.js';

/** Whether Telegram answered that the bot token is wrong (401, or 404 for a malformed token on getMe). */
export function isTokenRejected(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  return error.error_code === 401 || (error.error_code === 404 && error.method === 'getMe');
}

/** The error raised when Telegram rejects the bot token. Names the setting, never shows the token. */
export function tokenRejectedError(cause: unknown): DowncityError {
  return new DowncityError(
    ErrorCodes.CONFIG_INVALID,
    `Telegram rejected the bot token (401 Unauthorized). Set ${CONFIG_PATH}.token to the token @BotFather gave you (send /token to @BotFather to see it again).`,
    { cause, details: { channel: 'telegram', setting: `${CONFIG_PATH}.token` } },
  );
}

/**
 * Turns a grammY failure into a {@link DowncityError} whose message says what to do. `action`
 * describes what was attempted, e.g. `send a message`; a failure after `signal` aborted is `ABORTED`.
 * Platform descriptions are kept; the token and URLs containing it never appear.
 */
export function toTelegramError(error: unknown, action: string, signal?: AbortSignal): DowncityError {
  if (DowncityError.is(error)) return error;
  if (isTokenRejected(error)) return tokenRejectedError(error);
  if (signal?.aborted || (error instanceof HttpError && isAbort(error.error))) {
    return new DowncityError(ErrorCodes.ABORTED, `The request to ${action} on Telegram was cancelled because the channel is stopping.`, { cause: error, details: { channel: 'telegram' } });
  }
  if (error instanceof GrammyError) {
    const details = { channel: 'telegram', method: error.method, status: error.error_code, ...retryAfterOf(error) };
    const reason = `Telegram refused to ${action} (${error.error_code}: ${error.description})`;
    if (error.error_code === 403) {
      return new DowncityError(ErrorCodes.DENIED, `${reason}. The user blocked the bot, or the bot was removed from the chat or lacks the right to post.`, { cause: error, details });
    }
    if (error.error_code === 429) {
      return new DowncityError(ErrorCodes.TIMEOUT, `${reason}. It was still rate limited after the configured retries (${CONFIG_PATH}.maxRetries).`, { cause: error, details });
    }
    if (error.error_code >= 400 && error.error_code < 500) {
      return new DowncityError(ErrorCodes.INPUT_INVALID, `${reason}.`, { cause: error, details });
    }
    return new DowncityError(ErrorCodes.INTERNAL, `${reason}. The Bot API server failed; try again later.`, { cause: error, details });
  }
  if (error instanceof HttpError) {
    return new DowncityError(
      ErrorCodes.INTERNAL,
      `Could not reach the Telegram Bot API to ${action} (${error.message}). Check the network and ${CONFIG_PATH}.apiRoot.`,
      { cause: error, details: { channel: 'telegram' } },
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return new DowncityError(ErrorCodes.INTERNAL, `Failed to ${action} on Telegram: ${text}`, { cause: error, details: { channel: 'telegram' } });
}

function isAbort(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'AbortError';
}

function retryAfterOf(error: GrammyError): { retryAfterSeconds?: number } {
  const retryAfter = error.parameters.retry_after;
  return typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {};
}
