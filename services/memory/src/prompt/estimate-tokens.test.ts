import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';

describe('estimateTokens', () => {
  it('counts about four characters per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(400))).toBe(100);
  });

  it('counts each CJK character as one token', () => {
    expect(estimateTokens('我喜欢喝咖啡')).toBe(6);
    expect(estimateTokens('コーヒー')).toBe(4);
    expect(estimateTokens('커피')).toBe(2);
    expect(estimateTokens('喝 coffee')).toBe(1 + 2);
  });
});
