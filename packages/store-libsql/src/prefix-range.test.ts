import { describe, expect, it } from 'vitest';
import { prefixRange } from './prefix-range.js';

describe('prefixRange', () => {
  it('bumps the last character for the upper bound', () => {
    expect(prefixRange('chat:')).toEqual({ lower: 'chat:', upper: 'chat;' });
  });

  it('skips characters that cannot be bumped', () => {
    expect(prefixRange('a\u{10FFFF}')).toEqual({ lower: 'a\u{10FFFF}', upper: 'b' });
    expect(prefixRange('\u{10FFFF}').upper).toBeUndefined();
  });

  it('never produces a lone surrogate', () => {
    expect(prefixRange('\uD7FF').upper).toBe('\uE000');
  });
});
