import { storeError, storeErrorCodes } from './store-error.js';

/** Serializes a value for a JSON text column; `what` names it in the error when it is not JSON. */
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

/** Parses a JSON text column written by {@link toJsonText}. */
export function fromJsonText<T>(text: string): T {
  return JSON.parse(text) as T;
}
