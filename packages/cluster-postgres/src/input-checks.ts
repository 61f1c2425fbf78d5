import { toJsonText } from '@downcity/core';
import { clusterError, clusterErrorCodes } from './cluster-error.js';

/** Throws `CLUSTER_INVALID_INPUT` unless `value` is a non-empty string of at most `maxLength` characters. */
export function checkText(value: unknown, what: string, maxLength = Number.POSITIVE_INFINITY): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    const limit = Number.isFinite(maxLength) ? ` of at most ${maxLength} characters` : '';
    throw clusterError(clusterErrorCodes.invalidInput, `${what} must be a non-empty string${limit} (got ${JSON.stringify(value)}).`);
  }
  return value;
}

/** Serializes `value` as JSON; throws `CLUSTER_INVALID_INPUT` naming `what` when it is not JSON. */
export function jsonText(value: unknown, what: string): string {
  try {
    return toJsonText(value, what);
  } catch (error) {
    throw clusterError(clusterErrorCodes.invalidInput, (error as Error).message, error);
  }
}
