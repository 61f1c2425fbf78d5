import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.js';

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

describe('splitText', () => {
  it('keeps a short text whole and drops blank text', () => {
    expect(splitText('  Hello there.  ', 100)).toEqual(['Hello there.']);
    expect(splitText(' \n ', 100)).toEqual([]);
  });

  it('cuts at paragraph breaks first', () => {
    const text = `${'a'.repeat(40)} ${'b'.repeat(10)}.\n\n${'c'.repeat(30)}\nmore line`;
    expect(splitText(text, 60)).toEqual([`${'a'.repeat(40)} ${'b'.repeat(10)}.`, `${'c'.repeat(30)}\nmore line`]);
  });

  it('falls back to line breaks, then sentence ends, then spaces', () => {
    expect(splitText('first line is here\nsecond line is here', 25)).toEqual(['first line is here', 'second line is here']);
    expect(splitText('One sentence here. Another one follows.', 25)).toEqual(['One sentence here.', 'Another one follows.']);
    expect(splitText('alpha beta gamma delta epsilon zeta', 20)).toEqual(['alpha beta gamma', 'delta epsilon zeta']);
    expect(splitText('第一句话在这里。第二句话在这里。第三句话', 16)).toEqual(['第一句话在这里。第二句话在这里。', '第三句话']);
  });

  it('never exceeds the limit and loses no words', () => {
    const text = Array.from({ length: 300 }, (_, index) => `word${index}${index % 17 === 0 ? '.\n\n' : index % 7 === 0 ? '.' : ''}`).join(' ');
    const chunks = splitText(text, 120);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(120);
    expect(words(chunks.join(' '))).toEqual(words(text));
  });

  it('never splits a surrogate pair or an emoji sequence on a hard cut', () => {
    const family = '👨‍👩‍👧';
    const text = `x${family.repeat(10)}`;
    const chunks = splitText(text, 16);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(16);
      expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      expect(chunk.replace(/^x/, '').split(family).join('')).toBe('');
    }
    expect(chunks.join('')).toBe(text);
  });

  it('keeps a fenced code block whole when it fits in a chunk', () => {
    const code = '```ts\nconst a = 1;\nconst b = 2;\n```';
    const text = `Intro text here.\n${code}\nAfter the code.`;
    const chunks = splitText(text, 45);
    expect(chunks).toContain(code);
  });

  it('closes and reopens a fence that must be cut, so each chunk renders', () => {
    const body = Array.from({ length: 12 }, (_, index) => `line ${index} of code`).join('\n');
    const chunks = splitText(`\`\`\`py\n${body}\n\`\`\``, 80);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(80);
      expect(chunk.startsWith('```py\n')).toBe(true);
      expect(chunk.endsWith('\n```')).toBe(true);
    }
    const lines = chunks.flatMap((chunk) => chunk.split('\n').filter((line) => !line.startsWith('```')));
    expect(lines.join('\n')).toBe(body);
  });

  it('rejects a limit too small to be useful', () => {
    expect(() => splitText('text', 4)).toThrow(RangeError);
  });
});
