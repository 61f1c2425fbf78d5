import { describe, expect, it } from 'vitest';
import { decodeAnsiCString } from './ansi-c-string.js';

describe('decodeAnsiCString', () => {
  it('decodes the escapes bash decodes', () => {
    expect(decodeAnsiCString("$'a\\tb\\nc\\x41\\101\\u0042\\e\\\\\\''")).toEqual({ ok: true, value: "a\tb\ncAAB\x1b\\'" });
    expect(decodeAnsiCString("$'\\cA'")).toEqual({ ok: true, value: '\x01' });
  });

  it('refuses escapes that give NUL or non-ASCII bytes, or that it does not know', () => {
    expect(decodeAnsiCString("$'rm\\0x'").ok).toBe(false);
    expect(decodeAnsiCString("$'\\xff'").ok).toBe(false);
    expect(decodeAnsiCString("$'\\u00e9'").ok).toBe(false);
    expect(decodeAnsiCString("$'\\q'").ok).toBe(false);
    expect(decodeAnsiCString("$'unterminated").ok).toBe(false);
  });
});
