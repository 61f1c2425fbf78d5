export { checkCount, checkName, toJsonText } from '@downcity/core';

/** A `LIKE` pattern matching every string that starts with `prefix` (escape character `\`). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
