/**
 * Environment variables that change which program runs or make the shell run extra code.
 * Setting one of them turns a checked command into an unchecked one, so the unwrapper treats
 * such assignments as un-analyzable.
 */
const SENSITIVE_NAMES = new Set([
  'PATH',
  'BASH_ENV',
  'ENV',
  'IFS',
  'CDPATH',
  'GLOBIGNORE',
  'PROMPT_COMMAND',
  'PS4',
  'SHELLOPTS',
  'BASHOPTS',
  'EXECIGNORE',
  'ZDOTDIR',
  'NODE_OPTIONS',
  'PYTHONSTARTUP',
  'PERL5OPT',
]);

const SENSITIVE_PREFIXES = ['LD_', 'BASH_FUNC_', 'DYLD_'];

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;

/**
 * Reads the variable name from an assignment word such as `FOO=bar` or `a[1]+=x`.
 *
 * @param word - one word of a command line
 * @returns the variable name, or `undefined` when the word is not an assignment
 */
export function assignmentName(word: string): string | undefined {
  return ASSIGNMENT.exec(word)?.[1];
}

/**
 * Whether assigning to `name` could change what a later command runs (`PATH`, `LD_PRELOAD`,
 * `BASH_ENV`, `IFS`...).
 *
 * @param name - an environment or shell variable name
 */
export function isSensitiveVariable(name: string): boolean {
  return SENSITIVE_NAMES.has(name) || SENSITIVE_PREFIXES.some((prefix) => name.startsWith(prefix));
}
