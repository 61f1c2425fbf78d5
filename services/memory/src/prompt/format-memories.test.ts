import { describe, expect, it } from 'vitest';
import type { RecalledMemory } from '../memory-entry.js';
import { estimateTokens } from './estimate-tokens.js';
import { formatMemories, MEMORY_SECTION_HEADING } from './format-memories.js';

const memory = (text: string, scope: RecalledMemory['scope'] = 'user'): RecalledMemory => ({
  id: `m_${text.length}`,
  scope,
  text,
  tags: [],
  createdAt: '2026-03-02T10:00:00.000Z',
  score: 1,
});

describe('formatMemories', () => {
  it('lists memories as dated facts under a heading', () => {
    expect(formatMemories([memory('Prefers tea'), memory('Office closes at six', 'agent'), memory('Draft is v2', 'session')], 500)).toBe(
      [MEMORY_SECTION_HEADING, '- [about this user, 2026-03-02] Prefers tea', '- [shared, 2026-03-02] Office closes at six', '- [this conversation, 2026-03-02] Draft is v2'].join('\n'),
    );
  });

  it('skips what does not fit and keeps a later memory that does', () => {
    const budget = estimateTokens(MEMORY_SECTION_HEADING) + 20;
    const section = formatMemories([memory('x'.repeat(200)), memory('Prefers tea')], budget);
    expect(section).toBe(`${MEMORY_SECTION_HEADING}\n- [about this user, 2026-03-02] Prefers tea`);
    expect(estimateTokens(section ?? '')).toBeLessThanOrEqual(budget);
  });

  it('returns nothing when no memory fits', () => {
    expect(formatMemories([memory('Prefers tea')], 10)).toBeUndefined();
    expect(formatMemories([], 1_000)).toBeUndefined();
  });

  it('puts a multi-line memory on one line', () => {
    expect(formatMemories([memory('line one\nline two')], 500)).toContain('] line one line two');
  });
});
