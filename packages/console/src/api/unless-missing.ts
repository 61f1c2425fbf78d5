import { DowncityError, ErrorCodes } from '@downcity/core';

/**
 * Runs an action call of an optional service: `null` when the service is not loaded (`ACTION_UNKNOWN`), so a
 * page can say "not loaded" instead of failing; any other error is rethrown.
 */
export async function unlessMissing<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return null;
    throw error;
  }
}
