/** The rank constant of reciprocal rank fusion; 60 is the value from Cormack et al. (2009). */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each id scores the sum over the lists of `1 / (k + rank)` (rank from
 * 1), so an id near the top of several lists beats one at the top of a single list, whatever
 * scale each list's own scores use (BM25, cosine).
 *
 * @param rankings - Lists of ids, best first.
 * @param k - The rank constant.
 * @returns Ids with fused scores, best first (ties keep first-seen order).
 */
export function fuseRankings(rankings: readonly (readonly string[])[], k: number = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((left, right) => right.score - left.score);
}
