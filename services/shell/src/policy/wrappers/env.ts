import { scanOptionWord, type OptionSpec } from '../parse-options.js';
import { assignmentName, protectedVariableReason } from '../shell-variables.js';
import { splitEnvString } from '../split-env-string.js';
import { HELP, SELF, runsRest } from './option-wrapper.js';
import type { WrapperHandler } from './wrapper-outcome.js';

const ENV_SPEC: OptionSpec = {
  flags: 'iv0',
  valued: 'uCS',
  longFlags: ['ignore-environment', 'null', 'debug', 'list-signal-handling', ...HELP.longFlags],
  longValued: ['unset', 'chdir', 'split-string'],
  longOptionalValued: ['block-signal', 'default-signal', 'ignore-signal'],
};

/** `env [-i] [-u NAME] [-S STRING] [NAME=VALUE...] [COMMAND [ARG...]]` */
export const env: WrapperHandler = (input, program) => {
  const words = [...input];
  let index = 1;
  while (index < words.length) {
    const word = words[index]!;
    if (!word.dynamic && word.text === '--') {
      index += 1;
      break;
    }
    if (!word.dynamic && word.text === '-') {
      index += 1;
      continue;
    }
    if (!word.dynamic && !word.text.startsWith('-')) break;
    const scanned = scanOptionWord({ words, index, spec: ENV_SPEC, program });
    if (!scanned.ok) return { kind: 'unanalyzable', reason: scanned.reason };
    if (scanned.options.some((option) => HELP.longFlags.includes(option.name as 'help'))) return SELF;
    const split = scanned.options.find((option) => option.name === 'S' || option.name === 'split-string');
    if (split) {
      const result = splitEnvString(split.value ?? '');
      if (!result.ok) return { kind: 'unanalyzable', reason: result.reason };
      words.splice(index, scanned.consumed, ...result.words);
      continue;
    }
    index += scanned.consumed;
  }
  // GNU env treats every word with a "=" before the command as NAME=VALUE, whatever NAME looks like.
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    if (word.dynamic) {
      const name = assignmentName(word.text);
      if (name === undefined) break;
      const why = protectedVariableReason(name, { text: word.text, dynamic: true });
      if (why) return { kind: 'unanalyzable', reason: `env sets ${name}: ${why}` };
      continue;
    }
    const equals = word.text.indexOf('=');
    if (equals === -1) break;
    const name = word.text.slice(0, equals);
    const why = protectedVariableReason(name, { text: word.text.slice(equals + 1), dynamic: false });
    if (why) return { kind: 'unanalyzable', reason: `env sets ${name}: ${why}` };
  }
  const command = words[index];
  if (command?.dynamic) {
    return { kind: 'unanalyzable', reason: `env gets "${command.text}" only at run time` };
  }
  return runsRest({ words, index, label: 'env' });
};
