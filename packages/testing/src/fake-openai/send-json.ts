import type { ServerResponse } from 'node:http';
import type { ScriptedErrorSpec } from '../scripted-model/scripted-reply.js';
import { scriptedErrorHeaders, toOpenAIErrorObject, type OpenAIErrorObject } from '../scripted-model/scripted-error.js';

/**
 * Writes a JSON response.
 *
 * @param response - The server response.
 * @param status - HTTP status.
 * @param body - Value serialized as JSON.
 * @param headers - Extra response headers.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/**
 * Writes an OpenAI error response: `{ error: { message, type, param, code } }` with the status,
 * plus `retry-after` when the failure sets `retryAfterSeconds`.
 *
 * @param response - The server response.
 * @param spec - The failure.
 * @param overrides - Fields replacing the status defaults (e.g. `param`, `code`).
 */
export function sendOpenAIError(
  response: ServerResponse,
  spec: ScriptedErrorSpec,
  overrides: Partial<OpenAIErrorObject> = {},
): void {
  sendJson(response, spec.status, { error: { ...toOpenAIErrorObject(spec), ...overrides } }, scriptedErrorHeaders(spec));
}
