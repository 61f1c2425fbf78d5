import type { ArgWord } from '../invocation.js';

/** Unary operators of bash's `test` builtin; `-v` and `-R` evaluate a subscript in their operand. */
const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-v', '-w', '-x', '-z', '-G', '-L', '-N', '-O', '-R', '-S']);
const NAME_OPERATORS = new Set(['-v', '-R']);
/** Binary operators of bash's `test` builtin: the integer ones read decimal numbers only, never arithmetic. */
const BINARY = new Set(['=', '==', '!=', '<', '>', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class Refusal extends Error {}

type Word = ArgWord | undefined;
const isStatic = (word: Word, ...texts: string[]): boolean => word !== undefined && !word.dynamic && texts.includes(word.text);
const could = (word: Word, test: (text: string) => boolean): boolean => word !== undefined && (word.dynamic || test(word.text));
const must = (word: Word, test: (text: string) => boolean): boolean => word !== undefined && !word.dynamic && test(word.text);

/**
 * Checks the arguments of `test` / `[` (without the closing `]`). Bash's test builtin reads
 * `-v NAME` and `-R NAME` by evaluating a subscript in NAME as arithmetic, which runs `$(...)`
 * hidden there; every other operator is harmless. This follows bash's own parser (`posixtest`,
 * `expr`/`term` in test.c) over every possible reading of run-time words and refuses when any
 * reading reaches `-v`/`-R`, or when a word could split into several.
 *
 * @param args - the arguments
 * @returns why they are refused, or `undefined`
 */
export function testArgumentsProblem(args: readonly ArgWord[]): string | undefined {
  if (args.some((word) => word.dynamic && word.fieldCount === 'any')) {
    return 'test gets an unquoted run-time word, which may split into operators such as -v; quote it ("$x")';
  }
  if (args.some((word) => isStatic(word, ...NAME_OPERATORS))) return 'test -v / -R evaluates a subscript in the variable name, which can run commands';
  if (args.filter((word) => word.dynamic).length > 8) return 'test gets too many run-time words to check';
  try {
    posix(args);
    if (args.length >= 2) new Parser(args).expression(0);
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
}

/** bash's `posixtest` for one to four arguments. */
function posix(args: readonly ArgWord[]): void {
  const two = (at: number): void => {
    if (could(args[at], (text) => NAME_OPERATORS.has(text))) {
      if (!isStatic(args[at], '!')) throw new Refusal('test gets a run-time word where an operator such as -v may stand');
    }
  };
  const three = (at: number): void => {
    const middle = args[at + 1];
    if (must(middle, (text) => BINARY.has(text) || text === '-a' || text === '-o')) return;
    if (middle?.dynamic && could(args[at], (text) => text === '!')) throw new Refusal('test gets a run-time word where an operator such as -v may stand');
    if (could(args[at], (text) => text === '!')) two(at + 1);
  };
  if (args.length === 2) two(0);
  else if (args.length === 3) three(0);
  else if (args.length === 4) {
    if (could(args[0], (text) => text === '!')) three(1);
    if (could(args[0], (text) => text === '(') && could(args[3], (text) => text === ')')) two(1);
  }
}

/** bash's `expr`/`or`/`and`/`term`, exploring every reading of run-time words; memoised by position. */
class Parser {
  private readonly seen = new Map<string, ReadonlySet<number>>();

  constructor(private readonly args: readonly ArgWord[]) {}

  expression(at: number): ReadonlySet<number> {
    return this.memo(`or${at}`, () => this.chain(at, '-o', (next) => this.chain(next, '-a', (inner) => this.term(inner))));
  }

  private chain(at: number, operator: string, operand: (at: number) => ReadonlySet<number>): ReadonlySet<number> {
    const ends = new Set<number>();
    const pending = [...operand(at)];
    const done = new Set<number>();
    while (pending.length > 0) {
      const end = pending.pop()!;
      if (done.has(end)) continue;
      done.add(end);
      const word = this.args[end];
      if (!must(word, (text) => text === operator)) ends.add(end);
      if (could(word, (text) => text === operator)) pending.push(...operand(end + 1));
    }
    return ends;
  }

  private term(at: number): ReadonlySet<number> {
    return this.memo(`term${at}`, () => {
      const { args } = this;
      const ends = new Set<number>();
      if (at >= args.length) return ends;
      const word = args[at];
      if (could(word, (text) => text === '!')) for (const end of this.term(at + 1)) ends.add(end);
      if (must(word, (text) => text === '!')) return ends;
      if (could(word, (text) => text === '(')) {
        for (const end of this.expression(at + 1)) if (could(args[end], (text) => text === ')')) ends.add(end + 1);
      }
      if (must(word, (text) => text === '(')) return ends;
      if (at + 3 <= args.length) {
        if (could(args[at + 1], (text) => BINARY.has(text))) ends.add(at + 3);
        if (must(args[at + 1], (text) => BINARY.has(text))) return ends;
      }
      if (at + 2 <= args.length) {
        if (word?.dynamic) throw new Refusal('test gets a run-time word where an operator such as -v may stand');
        if (must(word, (text) => UNARY.has(text))) {
          ends.add(at + 2);
          return ends;
        }
      }
      ends.add(at + 1);
      return ends;
    });
  }

  private memo(key: string, compute: () => ReadonlySet<number>): ReadonlySet<number> {
    const known = this.seen.get(key);
    if (known) return known;
    this.seen.set(key, new Set());
    const value = compute();
    this.seen.set(key, value);
    return value;
  }
}
