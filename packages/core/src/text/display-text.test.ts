import { describe, expect, it } from 'vitest';
import { displayText } from './display-text.js';

describe('displayText', () => {
  it('keeps a forged list line on the same line', () => {
    const shown = displayText('Mallory\nQ7QD9MZP  telegram:1 (owner)');
    expect(shown).toBe('Mallory\\nQ7QD9MZP  telegram:1 (owner)');
    expect(shown.split('\n')).toHaveLength(1);
  });

  it('escapes carriage returns, escape sequences, bidi overrides, isolates and zero-width characters', () => {
    expect(displayText('a\rb')).toBe('a\\rb');
    expect(displayText('\u001b[2Jclear')).toBe('\\u{1b}[2Jclear');
    expect(displayText('invoice\u202Egpj.exe')).toBe('invoice\\u{202e}gpj.exe');
    expect(displayText('x\u2066y\u2069')).toBe('x\\u{2066}y\\u{2069}');
    expect(displayText('ad\u200Bmin')).toBe('ad\\u{200b}min');
    expect(displayText('a\u2028b\u0085c')).toBe('a\\u{2028}b\\u{85}c');
  });

  it('leaves printable text in any script alone', () => {
    for (const name of ['Zoë', '王小明', 'محمد', 'Ελένη 🚀', 'tab-free text']) expect(displayText(name)).toBe(name);
  });

  it('cuts long text after escaping', () => {
    expect(displayText('abcdef', { maxLength: 4 })).toBe('abc…');
    expect(displayText('a\nb', { maxLength: 10 })).toBe('a\\nb');
  });
});
