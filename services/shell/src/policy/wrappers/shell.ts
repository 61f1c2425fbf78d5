import type { ShellDialect } from '../bash/script-context.js';
import { SELF } from './option-wrapper.js';
import type { WrapperHandler } from './wrapper-outcome.js';

/** Shells whose scripts are analysed, and how they read them. zsh, ksh and ash parse differently (zsh glob qualifiers run code). */
const DIALECTS: Readonly<Record<string, ShellDialect>> = { bash: 'bash', rbash: 'bash', sh: 'posix', dash: 'posix' };

const SHELL_LONG_FLAGS = new Set(['--norc', '--noprofile', '--posix', '--restricted', '--verbose', '--noediting']);

/** Single-letter options that change nothing about what runs (`-x` is refused: it expands PS4). */
const SHELL_FLAGS = 'efuvCnBPr';

/** `-o` / `-O` names accepted: the same harmless set as `set -o`, plus glob options. */
const SHELL_OPTION_NAMES = new Set([
  'errexit', 'nounset', 'pipefail', 'noglob', 'noclobber', 'verbose', 'noexec', 'braceexpand',
  'nullglob', 'dotglob', 'globstar', 'failglob', 'nocaseglob', 'nocasematch',
]);

/** `sh -c SCRIPT`, `bash -ec SCRIPT`, ... */
export const shell: WrapperHandler = (words, program) => {
  const dialect = Object.hasOwn(DIALECTS, program) ? DIALECTS[program] : undefined;
  if (!dialect) {
    return { kind: 'unanalyzable', reason: `${program} scripts are not analyzed (only bash, sh and dash): ${program} reads them differently from bash` };
  }
  let index = 1;
  let command = false;
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
      if (!SHELL_LONG_FLAGS.has(text)) return { kind: 'unanalyzable', reason: `${program} option "${text}" is not accepted by the analyser` };
      continue;
    }
    if (!/^[-+]./.test(text)) break;
    for (const letter of text.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 'o' || letter === 'O') {
        const name = words[index + 1];
        if (!name || name.dynamic || !SHELL_OPTION_NAMES.has(name.text)) {
          return { kind: 'unanalyzable', reason: `${program} -${letter} ${name?.text ?? ''} is not an option the analyser accepts` };
        }
        index += 1;
      } else if (letter === 'i' || letter === 'l') {
        return { kind: 'unanalyzable', reason: `${program} -${letter} runs startup files from the home directory that are not analyzed` };
      } else if (letter === 's') {
        return { kind: 'unanalyzable', reason: `${program} -s reads commands from standard input, which cannot be checked` };
      } else if (!SHELL_FLAGS.includes(letter)) {
        return { kind: 'unanalyzable', reason: `${program} option "-${letter}" is not accepted by the analyser` };
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
  return { kind: 'script', label: `${program} -c`, script: script.text, dialect };
};
