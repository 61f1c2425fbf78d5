import type { InboundAttachment } from '@downcity/chat';
import { DowncityError, ErrorCodes } from '@downcity/core';
import { settingPath } from './config.js';

/** Options of {@link downloadAttachment}. */
export interface DownloadOptions {
  /** Largest file accepted. */
  maxBytes: number;
  /** Timeout of the whole download. */
  timeoutMs: number;
}

/**
 * Downloads an attachment from its URL (the attachment id). QQ attachment URLs are public CDN
 * links, so no credentials are sent with them. Refuses non-HTTP URLs and files larger than
 * `maxBytes` (checked on the declared length and while reading).
 */
export async function downloadAttachment(attachment: InboundAttachment, options: DownloadOptions, signal?: AbortSignal): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(attachment.id);
  } catch {
    throw new DowncityError(ErrorCodes.INPUT_INVALID, 'The QQ attachment has no valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DowncityError(ErrorCodes.INPUT_INVALID, 'The QQ attachment URL is not http(s).');
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    throw new DowncityError(ErrorCodes.INTERNAL, `Could not download the QQ attachment from ${url.host}.`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DowncityError(ErrorCodes.INTERNAL, `Downloading the QQ attachment from ${url.host} failed with HTTP ${response.status}.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > options.maxBytes) throw tooLarge(options.maxBytes);
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): DowncityError {
  return new DowncityError(ErrorCodes.INPUT_INVALID, `The QQ attachment is larger than ${maxBytes} bytes; raise ${settingPath('maxDownloadBytes')} to accept it.`);
}
