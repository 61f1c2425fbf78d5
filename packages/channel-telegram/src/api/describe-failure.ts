import { GrammyError, HttpError } from 'grammy';

/**
 * A short, token-free description of a failed Bot API call for logs. Network errors from the HTTP
 * client quote the request URL, which contains the token, so only their code or type is used.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) {
    const cause = error.error;
    if (typeof cause === 'object' && cause !== null) {
      const fields = cause as { code?: unknown; type?: unknown; name?: unknown };
      const detail = [fields.code, fields.type, fields.name].find((value) => typeof value === 'string');
      if (detail !== undefined) return `${error.message} (${String(detail)})`;
    }
    return error.message;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
