import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from './read-request.js';
import { sendOpenAIError } from './send-json.js';

/**
 * Rejects a request whose bearer token is not the expected API key, with OpenAI's 401 body.
 *
 * @param options - The request, the response and the expected key (no check when undefined).
 * @returns `true` when the request may proceed, `false` when a 401 was sent.
 */
export function checkApiKey(options: { request: IncomingMessage; response: ServerResponse; apiKey: string | undefined }): boolean {
  if (options.apiKey === undefined) return true;
  const token = bearerToken(options.request);
  if (token === options.apiKey) return true;
  const message =
    token === undefined
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${maskKey(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  sendOpenAIError(options.response, { status: 401, message }, { code: token === undefined ? null : 'invalid_api_key' });
  return false;
}

function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}
