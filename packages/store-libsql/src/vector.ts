import { checkVector } from '@downcity/core';

export { dimensionMismatch } from '@downcity/core';

/**
 * Checks an embedding (core's `checkVector`: not empty, at most 65,536 finite numbers, not all zero) and returns it
 * as the JSON text `vector32()` reads.
 */
export function toVectorText(vector: readonly number[], what: string): string {
  checkVector(vector, what);
  return JSON.stringify(vector);
}

