import { describe, expect, it } from 'vitest';
import type { ArgWord } from '../invocation.js';
import { testArgumentsProblem } from './test-arguments.js';

/** `s:` a static word, `q:` a quoted run-time word ("$x"), `u:` an unquoted one ($x). */
const args = (...specs: string[]): ArgWord[] =>
  specs.map((spec) => {
    const [kind, text = ''] = [spec.slice(0, 2), spec.slice(2)];
    if (kind === 'q:') return { text, dynamic: true, fieldCount: 'one' };
    if (kind === 'u:') return { text, dynamic: true, fieldCount: 'any' };
    return { text, dynamic: false };
  });

describe('testArgumentsProblem (the test / [ builtin)', () => {
  it.each([
    ['[ -f file ]', args('s:-f', 's:file')],
    ['[ "$x" ]', args('q:$x')],
    ['[ -n "$x" ]', args('s:-n', 'q:$x')],
    ['[ ! "$x" ]', args('s:!', 'q:$x')],
    ['[ "$a" = "$b" ]', args('q:$a', 's:=', 'q:$b')],
    ['[ "$a" -eq 1 ] (the builtin reads decimal numbers only)', args('q:$a', 's:-eq', 's:1')],
    ['[ ! -z "$x" ]', args('s:!', 's:-z', 'q:$x')],
    ['[ -n "$a" -a -n "$b" ]', args('s:-n', 'q:$a', 's:-a', 's:-n', 'q:$b')],
    ['[ -f a -o -d b ]', args('s:-f', 's:a', 's:-o', 's:-d', 's:b')],
  ])('accepts %s', (_label, words) => {
    expect(testArgumentsProblem(words)).toBeUndefined();
  });

  it.each([
    ['-v, which evaluates a subscript', args('s:-v', 's:a[$(id)]')],
    ['-R', args('s:-R', 's:x')],
    ['a run-time word that may be -v', args('q:$op', 'q:$x')],
    ['an unquoted word that may split into -v NAME', args('u:$x')],
    ['! followed by a run-time operator', args('s:!', 'q:$op', 'q:$x')],
    ['a run-time word at the start of a longer expression', args('q:$op', 'q:$x', 's:-a', 's:-n', 's:y')],
    ['a run-time word where -a / -o may stand before a term', args('s:-n', 's:y', 'q:$and', 'q:$op', 'q:$x')],
  ])('refuses %s', (_label, words) => {
    expect(testArgumentsProblem(words)).toBeDefined();
  });
});
