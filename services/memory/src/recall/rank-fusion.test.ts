import { describe, expect, it } from 'vitest';
import { fuseRankings, RRF_K } from './rank-fusion.js';

describe('fuseRankings', () => {
  it('ranks an id found by both lists above the top of a single list', () => {
    const fused = fuseRankings([
      ['text-top', 'both'],
      ['both', 'vector-only'],
    ]);
    expect(fused.map((entry) => entry.id)).toEqual(['both', 'text-top', 'vector-only']);
    expect(fused[0]?.score).toBe(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
  });

  it('keeps the order of a single list', () => {
    expect(fuseRankings([['a', 'b', 'c'], []]).map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for empty lists', () => {
    expect(fuseRankings([[], []])).toEqual([]);
  });
});
