import { storeError, storeErrorCodes } from './store-error.js';

/** The largest dimension libSQL vectors support. */
const MAX_DIMENSION = 65536;

/**
 * Checks an embedding and returns it as the JSON text `vector32()` reads. Rejects empty,
 * oversized, non-finite and all-zero vectors (cosine distance is undefined for a zero vector).
 */
export function toVectorText(vector: readonly number[], what: string): string {
  if (!Array.isArray(vector) || vector.length === 0 || vector.length > MAX_DIMENSION) {
    throw storeError(
      storeErrorCodes.invalidInput,
      `${what} must be an array of 1 to ${MAX_DIMENSION} numbers (got ${Array.isArray(vector) ? vector.length : typeof vector}).`,
    );
  }
  let nonZero = false;
  for (const component of vector) {
    if (typeof component !== 'number' || !Number.isFinite(component)) {
      throw storeError(storeErrorCodes.invalidInput, `${what} must contain only finite numbers.`);
    }
    if (component !== 0) nonZero = true;
  }
  if (!nonZero) {
    throw storeError(storeErrorCodes.invalidInput, `${what} is all zeros; cosine distance needs a non-zero vector.`);
  }
  return JSON.stringify(vector);
}

/** The error for a vector whose dimension differs from its namespace's. */
export function dimensionMismatch(namespace: string, expected: number, actual: number, what: string): Error {
  return storeError(
    storeErrorCodes.invalidInput,
    `${what} has ${actual} dimensions, but namespace "${namespace}" stores ${expected}-dimensional vectors ` +
      `(fixed by its first vector). Use the same embedding model for the whole namespace, or another namespace.`,
  );
}
