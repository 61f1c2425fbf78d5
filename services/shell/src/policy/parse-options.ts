import type { ArgWord } from './invocation.js';

/** Which options a wrapper program accepts, in getopt terms. */
export interface OptionSpec {
  /** Short options without a value, e.g. `'0rtx'`. */
  flags?: string;
  /** Short options that take a value, attached (`-n5`) or as the next word (`-n 5`). */
  valued?: string;
  /** Short options whose value may only be attached (`-i[REPL]`). */
  optionalValued?: string;
  /** Long options without a value. */
  longFlags?: readonly string[];
  /** Long options that take a value (`--name=value` or `--name value`). */
  longValued?: readonly string[];
  /** Long options whose value may only be attached (`--replace[=R]`). */
  longOptionalValued?: readonly string[];
  /** Accept old-style numeric options such as `nice -5`. */
  numeric?: boolean;
}

/** One option found by {@link scanOptions}, named by its short letter or full long name. */
export interface ScannedOption {
  /** The short letter (`n`) or the full long name (`adjustment`). */
  name: string;
  /** The option's value, when it has one. */
  value?: string;
}

/** The result of {@link scanOptions}. */
export type OptionScan =
  | { ok: true; index: number; options: ScannedOption[] }
  | { ok: false; reason: string };

/**
 * Skips a wrapper program's options the way GNU getopt does with a leading `+` (stop at the
 * first non-option), including unique abbreviations of long options. Anything it does not
 * recognise fails, because guessing wrong would let a program slip past the policy.
 *
 * @param options - the words, where scanning starts, and the option spec
 * @returns the index of the first operand and the options seen, or why scanning failed
 */
export function scanOptions(options: {
  words: readonly ArgWord[];
  start: number;
  spec: OptionSpec;
  program: string;
}): OptionScan {
  const { words, spec, program } = options;
  const found: ScannedOption[] = [];
  let index = options.start;
  while (index < words.length) {
    const word = words[index]!;
    if (!word.dynamic && word.text === '--') return { ok: true, index: index + 1, options: found };
    if (!word.dynamic && (!word.text.startsWith('-') || word.text === '-')) break;
    const scanned = scanOptionWord({ words, index, spec, program });
    if (!scanned.ok) return scanned;
    found.push(...scanned.options);
    index += scanned.consumed;
  }
  return { ok: true, index, options: found };
}

/** The result of {@link scanOptionWord}. */
export type OptionWordScan =
  | { ok: true; consumed: number; options: ScannedOption[] }
  | { ok: false; reason: string };

/**
 * Reads the one option word at `index` (a long option, or a cluster of short options) and
 * the value word after it when an option needs one.
 *
 * @param options - the words, the index of the option word, the option spec and the program name
 * @returns how many words were consumed and the options seen, or why the word is not understood
 */
export function scanOptionWord(options: {
  words: readonly ArgWord[];
  index: number;
  spec: OptionSpec;
  program: string;
}): OptionWordScan {
  const { words, index, spec, program } = options;
  const word = words[index]!;
  if (word.dynamic) {
    return { ok: false, reason: `${program} gets the argument "${word.text}" only at run time` };
  }
  if (word.text.startsWith('--')) {
    const long = scanLong({ text: word.text, next: words[index + 1], spec, program });
    return long.ok ? { ok: true, consumed: long.consumed, options: [long.option] } : long;
  }
  return scanShort({ text: word.text, next: words[index + 1], spec, program });
}

type PartScan<T> = ({ ok: true; consumed: number } & T) | { ok: false; reason: string };

function scanLong(input: {
  text: string;
  next: ArgWord | undefined;
  spec: OptionSpec;
  program: string;
}): PartScan<{ option: ScannedOption }> {
  const { text, next, spec, program } = input;
  const equals = text.indexOf('=');
  const written = text.slice(2, equals === -1 ? undefined : equals);
  const attached = equals === -1 ? undefined : text.slice(equals + 1);
  const all = [
    ...(spec.longFlags ?? []).map((name) => ({ name, kind: 'flag' as const })),
    ...(spec.longValued ?? []).map((name) => ({ name, kind: 'valued' as const })),
    ...(spec.longOptionalValued ?? []).map((name) => ({ name, kind: 'optional' as const })),
  ];
  const exact = all.find((entry) => entry.name === written);
  const candidates = exact ? [exact] : all.filter((entry) => entry.name.startsWith(written));
  if (candidates.length !== 1 || written === '') {
    return { ok: false, reason: `${program} option "${text}" is not recognised` };
  }
  const match = candidates[0]!;
  if (match.kind === 'flag') {
    if (attached !== undefined) return { ok: false, reason: `${program} option "--${match.name}" takes no value` };
    return { ok: true, consumed: 1, option: { name: match.name } };
  }
  if (match.kind === 'optional' || attached !== undefined) {
    return { ok: true, consumed: 1, option: withValue(match.name, attached) };
  }
  if (!next || next.dynamic) {
    return { ok: false, reason: `${program} option "--${match.name}" has no value known before run time` };
  }
  return { ok: true, consumed: 2, option: { name: match.name, value: next.text } };
}

function scanShort(input: {
  text: string;
  next: ArgWord | undefined;
  spec: OptionSpec;
  program: string;
}): PartScan<{ options: ScannedOption[] }> {
  const { text, next, spec, program } = input;
  const options: ScannedOption[] = [];
  if (spec.numeric && /^-\d+$/.test(text)) {
    return { ok: true, consumed: 1, options: [{ name: 'n', value: text.slice(1) }] };
  }
  for (let position = 1; position < text.length; position += 1) {
    const letter = text[position]!;
    const rest = text.slice(position + 1);
    if (spec.flags?.includes(letter)) {
      options.push({ name: letter });
      continue;
    }
    if (spec.optionalValued?.includes(letter)) {
      options.push(withValue(letter, rest === '' ? undefined : rest));
      return { ok: true, consumed: 1, options };
    }
    if (spec.valued?.includes(letter)) {
      if (rest !== '') {
        options.push({ name: letter, value: rest });
        return { ok: true, consumed: 1, options };
      }
      if (!next || next.dynamic) {
        return { ok: false, reason: `${program} option "-${letter}" has no value known before run time` };
      }
      options.push({ name: letter, value: next.text });
      return { ok: true, consumed: 2, options };
    }
    return { ok: false, reason: `${program} option "-${letter}" is not recognised` };
  }
  return { ok: true, consumed: 1, options };
}

function withValue(name: string, value: string | undefined): ScannedOption {
  return value === undefined ? { name } : { name, value };
}
