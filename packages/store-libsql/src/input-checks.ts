import { storeError, storeErrorCodes } from './store-error.js';

/** Returns `value` as a whole number at or above zero, or throws a clear error naming `what`. */
export function checkCount(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw storeError(storeErrorCodes.invalidInput, `${what} must be a number at or above 0 (got ${value}).`);
  }
  return Math.floor(value);
}

/** Returns `value` when it is a non-empty string, or throws a clear error naming `what`. */
export function checkName(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw storeError(storeErrorCodes.invalidInput, `${what} must be a non-empty string.`);
  }
  return value;
}
