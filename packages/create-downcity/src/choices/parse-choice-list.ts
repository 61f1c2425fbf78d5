import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

/**
 * Parses a comma-separated list of choices (`terminal,http`), trimming spaces and dropping duplicates.
 *
 * @param value - the list as typed
 * @param allowed - the allowed values
 * @param what - what the list is, for the error message (e.g. `--channels`)
 * @throws CreateDowncityError with code `USAGE` naming the unknown entries and the allowed ones
 */
export function parseChoiceList<Choice extends string>(value: string, allowed: readonly Choice[], what: string): Choice[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const unknown = entries.filter((entry) => !(allowed as readonly string[]).includes(entry));
  if (unknown.length > 0) {
    throw new CreateDowncityError(
      CreateErrorCodes.USAGE,
      `Unknown ${what} ${unknown.map((entry) => `"${entry}"`).join(', ')}. Choose from: ${allowed.join(', ')}.`,
      { details: { what, unknown } },
    );
  }
  return [...new Set(entries)] as Choice[];
}

/**
 * Checks one choice against the allowed values.
 *
 * @param value - the value as typed
 * @param allowed - the allowed values
 * @param what - what it is, for the error message (e.g. `--model`)
 * @throws CreateDowncityError with code `USAGE` listing the allowed values
 */
export function parseChoice<Choice extends string>(value: string, allowed: readonly Choice[], what: string): Choice {
  const normalized = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(normalized)) {
    throw new CreateDowncityError(CreateErrorCodes.USAGE, `Unknown ${what} "${value}". Choose one of: ${allowed.join(', ')}.`, { details: { what, value } });
  }
  return normalized as Choice;
}
