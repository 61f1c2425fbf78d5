import { scanOptionWord, type OptionSpec } from '../parse-options.js';
import { assignmentName, isSensitiveVariable } from '../sensitive-variables.js';
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
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    const name = assignmentName(word.text);
    if (name === undefined) break;
    if (isSensitiveVariable(name)) {
      return { kind: 'unanalyzable', reason: `env sets ${name}, which changes which programs run or what they load` };
    }
  }
  const command = words[index];
  if (command?.dynamic) {
    return { kind: 'unanalyzable', reason: `env gets "${command.text}" only at run time` };
  }
  return runsRest({ words, index, label: 'env' });
};
