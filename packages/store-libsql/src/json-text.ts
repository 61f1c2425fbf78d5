export { toJsonText } from '@downcity/core';

/** Parses a JSON text column written by {@link toJsonText}. */
export function fromJsonText<T>(text: string): T {
  return JSON.parse(text) as T;
}
