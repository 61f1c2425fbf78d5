/** The edit distance between two strings, counting an adjacent swap as one edit ("strat" → "start" is 1). */
export function editDistance(from: string, to: string): number {
  const rows = from.length + 1;
  const columns = to.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = from[row - 1] === to[column - 1] ? 0 : 1;
      const current = distance[row] as number[];
      const previous = distance[row - 1] as number[];
      let best = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + cost);
      if (row > 1 && column > 1 && from[row - 1] === to[column - 2] && from[row - 2] === to[column - 1]) {
        best = Math.min(best, ((distance[row - 2] as number[])[column - 2] as number) + 1);
      }
      current[column] = best;
    }
  }
  return (distance[rows - 1] as number[])[columns - 1] as number;
}

/** The candidate closest to `input`, when it is close enough to be a likely typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(2, Math.floor(best.candidate.length / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}
