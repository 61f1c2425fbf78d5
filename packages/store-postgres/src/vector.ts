import { storeError, storeErrorCodes } from './store-error.js';

/** The largest dimension accepted (pgvector's limit for stored vectors is 16000; arrays have none). */
const MAX_DIMENSION = 65536;

/**
 * Checks an embedding and returns its Euclidean norm. Rejects empty, oversized, non-finite and all-zero
 * vectors (cosine distance is undefined for a zero vector).
 */
export function vectorNorm(vector: readonly number[], what: string): number {
  if (!Array.isArray(vector) || vector.length === 0 || vector.length > MAX_DIMENSION) {
    throw storeError(
      storeErrorCodes.invalidInput,
      `${what} must be an array of 1 to ${MAX_DIMENSION} numbers (got ${Array.isArray(vector) ? vector.length : typeof vector}).`,
    );
  }
  let sum = 0;
  for (const component of vector) {
    if (typeof component !== 'number' || !Number.isFinite(component)) {
      throw storeError(storeErrorCodes.invalidInput, `${what} must contain only finite numbers.`);
    }
    sum += component * component;
  }
  if (sum === 0) {
    throw storeError(storeErrorCodes.invalidInput, `${what} is all zeros; cosine distance needs a non-zero vector.`);
  }
  return Math.sqrt(sum);
}

/** The error for a vector whose dimension differs from its namespace's. */
export function dimensionMismatch(namespace: string, expected: number, actual: number, what: string): Error {
  return storeError(
    storeErrorCodes.invalidInput,
    `${what} has ${actual} dimensions, but namespace "${namespace}" stores ${expected}-dimensional vectors ` +
      `(fixed by its first vector). Use the same embedding model for the whole namespace, or another namespace.`,
  );
}

/**
 * The SQL for the cosine similarity of the row's `vector` (norm `vector_norm`) and the query vector
 * `$1`. Without pgvector it is a dot product over `unnest` divided by both norms (the query's norm is
 * `$5`), so no extension is needed; with pgvector (its quoted schema given) `cosine_distance` computes it.
 */
export function cosineSimilaritySql(pgvectorSchema: string | undefined): string {
  if (pgvectorSchema !== undefined) {
    const type = `${pgvectorSchema}.vector`;
    return `(1 - ${pgvectorSchema}.cosine_distance(d.vector::${type}, $1::float8[]::${type}))`;
  }
  return '((SELECT sum(a * b) FROM unnest(d.vector, $1::float8[]) AS pair (a, b)) / (d.vector_norm * $5::float8))';
}
