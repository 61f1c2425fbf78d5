import { scanOptions, type OptionSpec } from '../parse-options.js';
import { HELP, SELF } from './option-wrapper.js';
import type { WrapperHandler } from './wrapper-outcome.js';

const XARGS_SPEC: OptionSpec = {
  flags: '0oprtx',
  valued: 'adEILnPs',
  optionalValued: 'eil',
  longFlags: ['null', 'no-run-if-empty', 'verbose', 'interactive', 'exit', 'open-tty', 'show-limits', ...HELP.longFlags],
  longValued: ['arg-file', 'delimiter', 'max-args', 'max-procs', 'max-lines', 'max-chars', 'process-slot-var'],
  longOptionalValued: ['replace', 'eof'],
};

/**
 * `xargs [options] [COMMAND [ARG...]]` runs COMMAND (default `echo`) with arguments read from
 * stdin; with `-I REPL` they also replace REPL inside the words, which then count as dynamic.
 */
export const xargs: WrapperHandler = (words, program) => {
  const scan = scanOptions({ words, start: 1, spec: XARGS_SPEC, program });
  if (!scan.ok) return { kind: 'unanalyzable', reason: scan.reason };
  if (scan.options.some((option) => HELP.longFlags.includes(option.name as 'help') || option.name === 'show-limits')) return SELF;
  const replace = scan.options.find((option) => option.name === 'I' || option.name === 'i' || option.name === 'replace');
  const replaceWith = replace ? (replace.value ?? '{}') : undefined;
  const inner = words.slice(scan.index).map((word) =>
    replaceWith !== undefined && word.text.includes(replaceWith) ? { ...word, dynamic: true } : word,
  );
  return {
    kind: 'commands',
    commands: [{ label: program, words: inner.length > 0 ? inner : [{ text: 'echo', dynamic: false }], openArgs: true }],
  };
};
