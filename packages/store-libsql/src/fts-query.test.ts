import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './fts-query.js';

describe('toFtsQuery', () => {
  it('quotes each word and joins them with OR', () => {
    expect(toFtsQuery('favourite colour')).toBe('"favourite" OR "colour"');
  });

  it('never passes FTS5 operators through', () => {
    expect(toFtsQuery('NEAR(x* -b) AND "c" OR d:e ^f')).toBe('"near" OR "x" OR "b" OR "c" OR "d" OR "e" OR "f"');
  });

  it('drops stop words unless nothing else is left', () => {
    expect(toFtsQuery('what is the colour of it')).toBe('"colour"');
    expect(toFtsQuery('what is it')).toBe('"what" OR "is" OR "it"');
  });

  it('returns undefined when there is no word', () => {
    expect(toFtsQuery('  -- ** ()  ')).toBeUndefined();
  });

  it('keeps letters outside ASCII', () => {
    expect(toFtsQuery('café 東京')).toBe('"café" OR "東京"');
  });
});
