import type { Agent } from 'node:http';
import { DowncityError, ErrorCodes } from '@downcity/core';
import type { Api } from 'grammy';
import { grammySignal } from '../api/grammy-signal.js';
import { toTelegramError } from '../api/to-telegram-error.js';
import { getBytes } from './get-bytes.js';

/** Bots may download files up to 20 MB from the public Bot API (https://core.telegram.org/bots/api#getfile). */
export const TELEGRAM_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** What {@link downloadFile} needs. */
export interface DownloadFileOptions {
  /** The grammY client, for `getFile`. */
  api: Api;
  /** The agent the download goes through. */
  agent: Agent;
  /** Bot API base URL. */
  apiRoot: string;
  /** The bot token: file URLs are `<apiRoot>/file/bot<token>/<file_path>`. */
  token: string;
  /** Cancels the download. */
  signal?: AbortSignal;
}

/** Resolves a `file_id` with `getFile`, then downloads `<apiRoot>/file/bot<token>/<file_path>`. */
export async function downloadFile(options: DownloadFileOptions, fileId: string): Promise<Uint8Array> {
  let filePath: string | undefined;
  try {
    filePath = (await options.api.getFile(fileId, grammySignal(options.signal))).file_path;
  } catch (error) {
    throw toTelegramError(error, 'look up a file (getFile)', options.signal);
  }
  if (!filePath) {
    throw new DowncityError(ErrorCodes.INPUT_INVALID, 'Telegram returned no file_path for a file; it may be too large for bots (over 20 MB).', { details: { channel: 'telegram' } });
  }
  const path = filePath.split('/').map(encodeURIComponent).join('/');
  const url = new URL(`${options.apiRoot}/file/bot${options.token}/${path}`);
  return getBytes(url, { agent: options.agent, maxBytes: TELEGRAM_MAX_DOWNLOAD_BYTES, ...(options.signal ? { signal: options.signal } : {}) });
}
