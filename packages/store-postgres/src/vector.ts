import { checkVector } from '@downcity/core';

export { dimensionMismatch } from '@downcity/core';

/** Checks an embedding (core's `checkVector`) and returns its Euclidean norm. */
export const vectorNorm: (vector: readonly number[], what: string) => number = checkVector;

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
