import { storeError, storeErrorCodes } from './store-error.js';

/** Returns `value` as a whole number at or above zero, or throws a clear error naming `what`. */
export function checkCount(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
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

/** Serializes a value for a JSON column; `what` names it in the error when it is not JSON. */
export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw storeError(storeErrorCodes.invalidInput, `${what} is not JSON-serializable: ${(error as Error).message}.`, error);
  }
  if (text === undefined) {
    throw storeError(storeErrorCodes.invalidInput, `${what} is not JSON-serializable (got ${typeof value}).`);
  }
  return text;
}

/** A `LIKE` pattern matching every string that starts with `prefix` (escape character `\`). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
