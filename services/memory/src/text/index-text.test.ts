import { describe, expect, it } from 'vitest';
import { toIndexText } from './index-text.js';
import { toQueryText } from './query-text.js';

describe('toIndexText', () => {
  it('leaves short-word English text as written', () => {
    expect(toIndexText('Has a cat')).toBe('Has a cat');
  });

  it('adds five-letter truncation keys for words of seven letters or more', () => {
    expect(toIndexText('Allergic to shellfish')).toBe('Allergic to shellfish\naller shell');
    expect(toQueryText('Any allergies?')).toBe('allergies\naller');
  });

  it('splits Chinese and Japanese runs into characters and bigrams', () => {
    expect(toIndexText('喝咖啡').trim()).toBe('喝 咖 啡 喝咖 咖啡');
    expect(toIndexText('コーヒー').trim()).toBe('コ ー ヒ ー コー ーヒ ヒー');
    expect(toIndexText('我用Python').replace(/\s+/g, ' ').trim()).toBe('我 用 我用 Python');
  });
});

describe('toQueryText', () => {
  it('drops pronouns, possessive leftovers and filler', () => {
    expect(toQueryText("When is Mia's birthday? Do you remember?")).toBe('When is Mia birthday Do\nbirth');
  });

  it('keeps every word when only filler remains', () => {
    expect(toQueryText('About her?')).toBe('About her');
  });
});
