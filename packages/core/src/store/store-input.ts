import { STORE_INVALID_INPUT, storeError } from './store-error.js';

/** The largest vector dimension a store accepts. */
export const MAX_VECTOR_DIMENSION = 65536;

/** Returns `value` as a whole number at or above zero, or throws `STORE_INVALID_INPUT` naming `what`. */
export function checkCount(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw storeError(STORE_INVALID_INPUT, `${what} must be a number at or above 0 (got ${value}).`);
  }
  return Math.floor(value);
}

/** Returns `value` when it is a non-empty string, or throws `STORE_INVALID_INPUT` naming `what`. */
export function checkName(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw storeError(STORE_INVALID_INPUT, `${what} must be a non-empty string.`);
  }
  return value;
}

/** Serializes a value for a JSON column; throws `STORE_INVALID_INPUT` naming `what` when it is not JSON. */
export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw storeError(STORE_INVALID_INPUT, `${what} is not JSON-serializable: ${(error as Error).message}.`, error);
  }
  if (text === undefined) {
    throw storeError(STORE_INVALID_INPUT, `${what} is not JSON-serializable (got ${typeof value}).`);
  }
  return text;
}

/**
 * Checks an embedding and returns its Euclidean norm. Rejects empty, oversized (over {@link MAX_VECTOR_DIMENSION}),
 * non-finite and all-zero vectors (cosine distance is undefined for a zero vector) with `STORE_INVALID_INPUT`.
 */
export function checkVector(vector: readonly number[], what: string): number {
  if (!Array.isArray(vector) || vector.length === 0 || vector.length > MAX_VECTOR_DIMENSION) {
    throw storeError(
      STORE_INVALID_INPUT,
      `${what} must be an array of 1 to ${MAX_VECTOR_DIMENSION} numbers (got ${Array.isArray(vector) ? vector.length : typeof vector}).`,
    );
  }
  let sum = 0;
  for (const component of vector) {
    if (typeof component !== 'number' || !Number.isFinite(component)) {
      throw storeError(STORE_INVALID_INPUT, `${what} must contain only finite numbers.`);
    }
    sum += component * component;
  }
  if (sum === 0) {
    throw storeError(STORE_INVALID_INPUT, `${what} is all zeros; cosine distance needs a non-zero vector.`);
  }
  return Math.sqrt(sum);
}

/** The `STORE_INVALID_INPUT` error for a vector whose dimension differs from its namespace's. */
export function dimensionMismatch(namespace: string, expected: number, actual: number, what: string): Error {
  return storeError(
    STORE_INVALID_INPUT,
    `${what} has ${actual} dimensions, but namespace "${namespace}" stores ${expected}-dimensional vectors ` +
      `(fixed by its first vector). Use the same embedding model for the whole namespace, or another namespace.`,
  );
}
