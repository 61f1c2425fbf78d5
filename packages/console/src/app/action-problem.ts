import { DowncityError, ErrorCodes } from '@downcity/core';
import { HttpProblem } from '@downcity/http';

const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCodes.INPUT_INVALID]: 400,
  [ErrorCodes.ACTION_INVALID]: 400,
  [ErrorCodes.DENIED]: 403,
  [ErrorCodes.SESSION_NOT_FOUND]: 404,
  [ErrorCodes.ACTION_UNKNOWN]: 404,
  [ErrorCodes.AGENT_STATE]: 503,
};

/**
 * Runs an action call for the API and turns a `DowncityError` the user can act on (bad input, denied, not found,
 * unknown action, agent stopping) into an {@link HttpProblem} with its code and message; anything else stays
 * unexpected (logged, 500).
 */
export async function viaAction<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = DowncityError.is(error) ? STATUS_OF[error.code] : undefined;
    if (status === undefined || !DowncityError.is(error)) throw error;
    throw new HttpProblem({ status, code: error.code, message: error.message, cause: error });
  }
}
