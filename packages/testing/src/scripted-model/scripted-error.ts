import type { ScriptedErrorSpec } from './scripted-reply.js';

/**
 * The OpenAI error object (`{ error: { message, type, param, code } }`) for a scripted failure.
 */
export interface OpenAIErrorObject {
  /** Human-readable message. */
  message: string;
  /** OpenAI error type, e.g. `invalid_request_error`, `server_error`. */
  type: string;
  /** The request parameter at fault, if any. */
  param: string | null;
  /** Machine-readable code, e.g. `invalid_api_key`, `rate_limit_exceeded`. */
  code: string | null;
}

const knownFailures: Record<number, Omit<OpenAIErrorObject, 'param'>> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  403: { message: 'You are not allowed to sample from this model.', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: {
    message: 'Rate limit reached for requests. Please try again later.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    code: null,
  },
};

/**
 * Builds the OpenAI error object a real API would send for this scripted failure.
 *
 * @param spec - The scripted failure.
 * @returns The error object, with a status-specific default message, type and code.
 */
export function toOpenAIErrorObject(spec: ScriptedErrorSpec): OpenAIErrorObject {
  const known = knownFailures[spec.status] ?? {
    message: `Request failed with status ${spec.status}.`,
    type: spec.status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  return { ...known, message: spec.message ?? known.message, param: null };
}

/**
 * The response headers a real API sends with this scripted failure (`retry-after` when set).
 *
 * @param spec - The scripted failure.
 * @returns Header names (lower case) to values.
 */
export function scriptedErrorHeaders(spec: ScriptedErrorSpec): Record<string, string> {
  if (spec.retryAfterSeconds === undefined) return {};
  return { 'retry-after': String(spec.retryAfterSeconds) };
}
