import type { ArgWord } from '../invocation.js';

/** The options a bash builtin accepts, as its `internal_getopt` string reads them. */
export interface BuiltinOptionSpec {
  /** Letters allowed as flags, e.g. `'LPe@'` for `cd`. */
  flags?: string;
  /** Letters that take a value, attached (`-d,`) or as the next word. */
  valued?: string;
  /** Whether `+x` turns an option off (`set`, `declare`). */
  plus?: boolean;
  /**
   * Whether a run-time word where an option may stand is harmless, because every option of
   * the builtin is (`cd "$dir"`, `echo "$x"`). Otherwise such a word is refused: it could be `-v`.
   */
  dynamicOk?: boolean;
}

/** One option found by {@link scanBuiltinOptions}. */
export interface BuiltinOption {
  /** The letter. */
  letter: string;
  /** `true` for `+x`. */
  plus: boolean;
  /** The value of a valued option. */
  value?: ArgWord;
}

/** The result of {@link scanBuiltinOptions}. */
export type BuiltinOptionScan = { ok: true; options: BuiltinOption[]; operands: ArgWord[] } | { ok: false; reason: string };

/**
 * Reads a builtin's leading options the way bash's `internal_getopt` does: clusters (`-rs`),
 * values attached or in the next word, `--` ends them, the first non-option ends them.
 * Options not in the spec are refused, so an unknown option never slips through.
 *
 * @param input - the builtin name, its arguments (without the name) and its option spec
 */
export function scanBuiltinOptions(input: { name: string; args: readonly ArgWord[]; spec: BuiltinOptionSpec }): BuiltinOptionScan {
  const { name, args, spec } = input;
  const options: BuiltinOption[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    // `export NAME=$x`: bash read NAME= while parsing, so the word starts with the name, never with "-".
    if (word.assignmentName !== undefined) return { ok: true, options, operands: args.slice(index) };
    if (word.dynamic) {
      if (spec.dynamicOk) return { ok: true, options, operands: args.slice(index) };
      return { ok: false, reason: `${name} gets "${word.text}" where an option may stand, and its value is only known at run time` };
    }
    if (word.text === '--') return { ok: true, options, operands: args.slice(index + 1) };
    const sign = word.text[0];
    if (word.text.length < 2 || !(sign === '-' || (sign === '+' && spec.plus))) return { ok: true, options, operands: args.slice(index) };
    for (let position = 1; position < word.text.length; position += 1) {
      const letter = word.text[position]!;
      if (spec.flags?.includes(letter)) {
        options.push({ letter, plus: sign === '+' });
        continue;
      }
      if (!spec.valued?.includes(letter)) return { ok: false, reason: `${name} ${sign}${letter} is not an option the analyser accepts` };
      const rest = word.text.slice(position + 1);
      const value = rest === '' ? args[index + 1] : { text: rest, dynamic: false };
      if (!value || (value.dynamic && value.fieldCount === 'any')) return { ok: false, reason: `${name} ${sign}${letter} has no value known before run time` };
      if (rest === '') index += 1;
      options.push({ letter, plus: sign === '+', value });
      break;
    }
  }
  return { ok: true, options, operands: [] };
}
