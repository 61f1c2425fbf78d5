import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DowncityError, ErrorCodes } from '@downcity/core';

/** Options for {@link getBytes}. */
export interface GetBytesOptions {
  /** Keep-alive agent owned by the adapter, so disconnect closes its sockets. */
  agent: Agent;
  /** Larger bodies are refused. */
  maxBytes: number;
  /** Cancels the download. */
  signal?: AbortSignal;
}

/**
 * GETs `url` and returns the body. Error messages never include the URL: Telegram file URLs carry
 * the bot token.
 */
export function getBytes(url: URL, options: GetBytesOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { method: 'GET', agent: options.agent, signal: options.signal }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new DowncityError(ErrorCodes.INPUT_INVALID, `Telegram answered ${response.statusCode} to a file download; the file may have expired. Download it again to get a fresh link.`, { details: { channel: 'telegram', status: response.statusCode } }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          request.destroy();
          reject(new DowncityError(ErrorCodes.INPUT_INVALID, `A Telegram file is larger than ${options.maxBytes} bytes; it was not downloaded.`, { details: { channel: 'telegram' } }));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      response.on('error', (error) => reject(downloadFailed(error)));
    });
    request.on('error', (error) => reject(options.signal?.aborted ? new DowncityError(ErrorCodes.ABORTED, 'The Telegram file download was aborted.', { cause: error }) : downloadFailed(error)));
    request.end();
  });
}

function downloadFailed(error: Error): DowncityError {
  const reason = 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  return new DowncityError(ErrorCodes.INTERNAL, `Downloading a Telegram file failed (${reason}). Check the network and try again.`, { details: { channel: 'telegram' } });
}
