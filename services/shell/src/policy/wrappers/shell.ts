import { SELF } from './option-wrapper.js';
import type { WrapperHandler } from './wrapper-outcome.js';

const SHELL_LONG_FLAGS = new Set([
  '--norc', '--noprofile', '--posix', '--restricted', '--verbose', '--noediting', '--debugger',
  '--dump-strings', '--dump-po-strings', '--pretty-print', '--no-rcs', '--no-globalrcs',
]);

/** `sh -c SCRIPT`, `bash -ec SCRIPT`, ... */
export const shell: WrapperHandler = (words, program) => {
  let index = 1;
  let command = false;
  let noStartupFiles = false;
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    if (word.dynamic) return { kind: 'unanalyzable', reason: `${program} gets "${word.text}" only at run time` };
    const text = word.text;
    if (text === '--' || text === '-') {
      index += 1;
      break;
    }
    if (text.startsWith('--')) {
      if (text === '--help' || text === '--version') return SELF;
      if (text === '--rcfile' || text === '--init-file' || text === '--login') {
        return { kind: 'unanalyzable', reason: `${program} ${text} runs startup files that are not analyzed` };
      }
      if (!SHELL_LONG_FLAGS.has(text)) return { kind: 'unanalyzable', reason: `${program} option "${text}" is not recognised` };
      noStartupFiles ||= text === '--no-rcs';
      continue;
    }
    if (!/^[-+]./.test(text)) break;
    for (const letter of text.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 'f') noStartupFiles = true;
      else if (letter === 'o' || letter === 'O') index += 1;
      else if (letter === 'i' || letter === 'l') {
        return { kind: 'unanalyzable', reason: `${program} -${letter} runs startup files from the home directory that are not analyzed` };
      } else if (letter === 's') {
        return { kind: 'unanalyzable', reason: `${program} -s reads commands from standard input, which cannot be checked` };
      } else if (!'abeghkmnptuvxBCEHPT'.includes(letter)) {
        return { kind: 'unanalyzable', reason: `${program} option "-${letter}" is not recognised` };
      }
    }
  }
  const script = words[index];
  if (!command) {
    return {
      kind: 'unanalyzable',
      reason: script
        ? `${program} runs the script file "${script.text}", whose contents cannot be checked`
        : `${program} reads commands from standard input, which cannot be checked`,
    };
  }
  if (!script) return { kind: 'unanalyzable', reason: `${program} -c has no script` };
  if (script.dynamic) return { kind: 'unanalyzable', reason: `${program} -c runs a script only known at run time` };
  if (program === 'zsh' && !noStartupFiles) {
    return { kind: 'unanalyzable', reason: 'zsh runs ~/.zshenv before the script; pass -f to skip startup files' };
  }
  return { kind: 'script', label: `${program} -c`, script: script.text };
};
