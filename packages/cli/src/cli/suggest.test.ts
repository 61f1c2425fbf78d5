import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.js';

describe('suggest', () => {
  it('counts a swapped pair of letters as one edit', () => {
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('status', 'status')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest command for a typo and nothing for unrelated words', () => {
    const commands = ['start', 'status', 'chat', 'doctor', 'sessions'];
    expect(suggest('strat', commands)).toBe('start');
    expect(suggest('stauts', commands)).toBe('status');
    expect(suggest('docter', commands)).toBe('doctor');
    expect(suggest('deploy', commands)).toBeUndefined();
  });
});
