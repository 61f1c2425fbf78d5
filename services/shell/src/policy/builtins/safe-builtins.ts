import type { ArgWord } from '../invocation.js';
import { protectedVariableReason } from '../shell-variables.js';
import { scanBuiltinOptions, type BuiltinOptionSpec } from './builtin-options.js';
import { testArgumentsProblem } from './test-arguments.js';

/** Checks a builtin's arguments (without its name); returns why they are refused, or `undefined`. */
export type BuiltinCheck = (args: readonly ArgWord[]) => string | undefined;

/**
 * Every bash builtin and reserved word that can stand where a command name does. Inside a shell
 * script such a name runs in the shell itself, so it is analysed by {@link SAFE_BUILTIN_CHECKS}
 * or refused; a builtin missing there (`eval`, `source`, `trap`, `alias`, `enable`, `hash`,
 * `let`, `mapfile`, `printf -v`...) can run code or change what later names run.
 */
export const BASH_BUILTINS: ReadonlySet<string> = new Set([
  '.', ':', '[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt',
  'continue', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export', 'false', 'fc', 'fg',
  'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd',
  'pwd', 'read', 'readarray', 'readonly', 'return', 'set', 'shift', 'shopt', 'source', 'suspend', 'test', 'times', 'trap',
  'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
  // Reserved words the parser may leave as a command name when it does not recognise the construct.
  'coproc', 'select', 'function', 'time', '[[', ']]', '{', '}', '!', 'if', 'then', 'elif', 'else', 'fi', 'case', 'esac',
  'for', 'while', 'until', 'do', 'done', 'in',
]);

const any: BuiltinCheck = () => undefined;

function options(name: string, spec: BuiltinOptionSpec, operands: (words: readonly ArgWord[]) => string | undefined = () => undefined): BuiltinCheck {
  return (args) => {
    const scan = scanBuiltinOptions({ name, args, spec });
    return scan.ok ? operands(scan.operands) : scan.reason;
  };
}

/** `shift`, `break`, `continue` (and `exit`, `return` with `$?`): at most one decimal number. */
function numberArgument(name: string, allowStatus: boolean): BuiltinCheck {
  return (args) => {
    const [value, ...rest] = args;
    if (rest.length > 0) return `${name} takes at most one argument`;
    if (value === undefined) return undefined;
    if (!value.dynamic && /^-?\d+$/.test(value.text)) return undefined;
    if (allowStatus && value.dynamic && (value.text === '$?' || value.text === '"$?"')) return undefined;
    return `${name} takes a number written out (${allowStatus ? 'or $?' : 'nothing else'})`;
  };
}

function variableNames(name: string): (words: readonly ArgWord[]) => string | undefined {
  return (words) => {
    for (const word of words) {
      if (word.dynamic) return `${name} gets a variable name only known at run time (${word.text})`;
      const why = protectedVariableReason(word.text);
      if (why) return `${name} ${word.text}: ${why}`;
    }
    return undefined;
  };
}

/** `declare`/`local`/`export` operands: `NAME` or `NAME=value` with a plain, unprotected name, never an array. */
function declarationOperands(name: string): (words: readonly ArgWord[]) => string | undefined {
  return (words) => {
    for (const word of words) {
      if (word.dynamic) {
        if (word.assignmentName === undefined) return `${name} gets "${word.text}", whose name is only known at run time`;
        const why = protectedVariableReason(word.assignmentName, { text: word.text, dynamic: true });
        if (why) return `${name} ${word.assignmentName}: ${why}`;
        continue;
      }
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\+?=([\s\S]*))?$/.exec(word.text);
      if (!match) return `${name} gets "${word.text}", which is not a plain variable name or assignment`;
      const value = match[2];
      if (value?.startsWith('(')) return `${name} ${match[1]}=(...) is an array assignment, which bash re-parses as code`;
      const why = protectedVariableReason(match[1]!, value === undefined ? undefined : { text: value, dynamic: false });
      if (why) return `${name} ${match[1]}: ${why}`;
    }
    return undefined;
  };
}

const SET_OPTIONS = new Set(['errexit', 'nounset', 'pipefail', 'noglob', 'noclobber', 'verbose', 'noexec', 'braceexpand']);

/** `set`: only -e -u -f -C -v -n -B and `-o` with a harmless name; then positional parameters. */
const set: BuiltinCheck = (args) => {
  let index = 0;
  for (; index < args.length; index += 1) {
    const word = args[index]!;
    if (word.dynamic) return `set gets "${word.text}" where an option may stand, and its value is only known at run time`;
    if (word.text === '--' || word.text === '-') return undefined;
    if (!/^[-+]./.test(word.text)) return undefined;
    for (const letter of word.text.slice(1)) {
      if ('eufCvnB'.includes(letter)) continue;
      if (letter !== 'o') return `set ${word.text[0]}${letter} is not an option the analyser accepts (it can make bash run code or change how it reads commands)`;
      const value = args[index + 1];
      if (value === undefined) return undefined;
      if (value.dynamic || !SET_OPTIONS.has(value.text)) return `set -o ${value.text} is not an option the analyser accepts`;
      index += 1;
    }
  }
  return undefined;
};

/** `printf` without `-v` (which assigns to a variable name that may carry a subscript). */
const printf: BuiltinCheck = (args) => {
  const [first, second] = args;
  if (first === undefined) return undefined;
  if (first.dynamic) return 'printf gets a format only known at run time where -v may stand; write printf -- "$format" or a fixed format';
  if (first.text === '--') return second?.dynamic && second.fieldCount === 'any' ? 'printf -- gets an unquoted run-time format' : undefined;
  if (first.text.startsWith('-') && first.text !== '-') return 'printf options (such as -v, which assigns to a variable) are not accepted';
  return undefined;
};

const waitOptions = options('wait', { flags: 'nf' });

/** `wait` without `-p` (which assigns to a variable); options and pids written out, or `$!` (always a number). */
const wait: BuiltinCheck = (args) => {
  const first = args[0];
  if (first?.dynamic && (first.text === '$!' || first.text === '"$!"')) return undefined;
  return waitOptions(args);
};

/**
 * Bash builtins the analyser accepts inside scripts, each with the argument checks that make it
 * safe. Each still needs an allow rule like any program.
 */
export const SAFE_BUILTIN_CHECKS: Readonly<Record<string, BuiltinCheck>> = {
  cd: options('cd', { flags: 'LPe@', dynamicOk: true }),
  pwd: options('pwd', { flags: 'LP', dynamicOk: true }),
  echo: any,
  true: any,
  false: any,
  ':': any,
  printf,
  test: (args) => testArgumentsProblem(args),
  '[': (args) => {
    const last = args.at(-1);
    if (!last || last.dynamic || last.text !== ']') return '[ without a closing ] written out';
    return testArgumentsProblem(args.slice(0, -1));
  },
  exit: numberArgument('exit', true),
  return: numberArgument('return', true),
  shift: numberArgument('shift', false),
  break: numberArgument('break', false),
  continue: numberArgument('continue', false),
  set,
  wait,
  read: options('read', { flags: 'rs', valued: 'dnNptu' }, variableNames('read')),
  unset: options('unset', { flags: 'v' }, variableNames('unset')),
  export: options('export', { flags: 'pn' }, declarationOperands('export')),
  local: options('local', { flags: 'xrplu', plus: true }, declarationOperands('local')),
  declare: options('declare', { flags: 'xrgplu', plus: true }, declarationOperands('declare')),
};
