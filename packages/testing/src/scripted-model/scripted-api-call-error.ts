import { APICallError } from '@ai-sdk/provider';
import type { ScriptedErrorSpec } from './scripted-reply.js';
import { scriptedErrorHeaders, toOpenAIErrorObject } from './scripted-error.js';

/**
 * The error a provider throws when its API call fails with the scripted status.
 * Retryability follows the AI SDK's rule (408, 409, 429 and 5xx are retried).
 *
 * @param options - The scripted failure, the model id (used in the pseudo URL) and the request.
 * @returns An `APICallError` with `statusCode`, response headers and an OpenAI-shaped body.
 */
export function scriptedApiCallError(options: {
  error: ScriptedErrorSpec;
  modelId: string;
  requestBodyValues: unknown;
}): APICallError {
  const errorObject = toOpenAIErrorObject(options.error);
  return new APICallError({
    message: errorObject.message,
    url: `scripted://${options.modelId}/chat/completions`,
    requestBodyValues: options.requestBodyValues,
    statusCode: options.error.status,
    responseHeaders: scriptedErrorHeaders(options.error),
    responseBody: JSON.stringify({ error: errorObject }),
    data: { error: errorObject },
  });
}
