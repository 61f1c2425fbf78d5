/**
 * Variables bash itself reads or maintains. Assigning one can make bash run code (`PS4` with
 * `set -x`, `PROMPT_COMMAND`, `BASH_ENV` for child shells), evaluate its value as arithmetic
 * (`RANDOM`, `OPTIND`, `SECONDS` have the integer attribute, so `RANDOM='a[$(id)]'` runs `id`),
 * change command lookup (`PATH`, `EXECIGNORE`, `BASH_CMDS`) or parsing (`BASH_COMPAT`). The
 * analyser refuses every assignment, declaration, `read`, `unset` and `for` loop variable that
 * names one of them, except the few listed in {@link ASSIGNABLE_SHELL_VARIABLES}.
 */
const BASH_VARIABLES = new Set([
  '_', 'auto_resume', 'histchars', 'ignoreeof',
  'CDPATH', 'HOME', 'MAIL', 'MAILPATH', 'OPTARG', 'OPTIND', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'PATH',
  'BASHOPTS', 'BASHPID', 'CHILD_MAX', 'COLUMNS', 'COMPREPLY', 'COPROC', 'DIRSTACK', 'EMACS', 'ENV', 'EPOCHREALTIME',
  'EPOCHSECONDS', 'EUID', 'EXECIGNORE', 'FCEDIT', 'FIGNORE', 'FUNCNAME', 'FUNCNEST', 'GLOBIGNORE', 'GLOBSORT', 'GROUPS',
  'HOSTFILE', 'HOSTNAME', 'HOSTTYPE', 'IGNOREEOF', 'INPUTRC', 'INSIDE_EMACS', 'LINENO', 'LINES', 'MACHTYPE', 'MAILCHECK',
  'MAPFILE', 'OLDPWD', 'OPTERR', 'OSTYPE', 'PIPESTATUS', 'POSIXLY_CORRECT', 'PPID', 'PROMPT_COMMAND', 'PROMPT_DIRTRIM',
  'PWD', 'RANDOM', 'READLINE_ARGUMENT', 'READLINE_LINE', 'READLINE_MARK', 'READLINE_POINT', 'SECONDS', 'SHELL',
  'SHELLOPTS', 'SHLVL', 'SRANDOM', 'TIMEFORMAT', 'TMOUT', 'UID', 'TERM', 'TERMCAP', 'TERMINFO', 'TEXTDOMAIN',
  'TEXTDOMAINDIR', 'ZDOTDIR',
]);

/** Name prefixes bash reserves: `BASH_ENV`, `BASH_CMDS`, `BASH_XTRACEFD`, `COMP_WORDS`, `HISTFILE`... */
const BASH_PREFIXES = ['BASH', 'COMP_', 'HIST'];

/**
 * Variables that make common programs load or run other code: the dynamic loader (`LD_PRELOAD`),
 * language runtimes (`NODE_OPTIONS`, `PYTHONSTARTUP`), git (`GIT_CONFIG_*` can set
 * `core.fsmonitor`), pagers and editors. The analyser proves which programs run with which
 * arguments; what an allowed program does with its environment is the allow rule's business,
 * but these are refused anyway because they turn a read-only tool into one that runs anything.
 */
const PROGRAM_VARIABLES = new Set([
  'GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'HOSTALIASES', 'LOCALDOMAIN', 'LOCPATH', 'NLSPATH', 'RES_OPTIONS', 'TZDIR',
  'NODE_OPTIONS', 'NODE_PATH', 'PYTHONSTARTUP', 'PYTHONPATH', 'PYTHONHOME', 'PYTHONINSPECT', 'PERL5OPT', 'PERL5LIB', 'PERLLIB',
  'PERL5DB', 'RUBYOPT', 'RUBYLIB', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'SSH_ASKPASS', 'SUDO_ASKPASS',
  'PAGER', 'MANPAGER', 'MANOPT', 'EDITOR', 'VISUAL', 'BROWSER', 'LESSOPEN', 'LESSCLOSE', 'LESSKEYIN', 'LESS', 'GREP_OPTIONS',
  'TAR_OPTIONS', 'MAKEFLAGS', 'MFLAGS', 'ZIPOPT', 'UNZIPOPT', 'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS',
]);

const PROGRAM_PREFIXES = ['LD_', 'DYLD_', 'MALLOC_', 'GIT_', 'PYTHON', 'NPM_CONFIG_', 'npm_config_'];

/** Bash variables a script may still assign: they change no lookup and run no code. */
export const ASSIGNABLE_SHELL_VARIABLES: readonly string[] = ['IFS', 'REPLY', 'TMPDIR', 'TZ'];

/** Locale variables: assignable only to a UTF-8 or C locale, so bash keeps reading the script byte for byte as before. */
const LOCALE_VARIABLES = new Set(['LANG', 'LANGUAGE', 'LC_ALL', 'LC_COLLATE', 'LC_CTYPE', 'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME', 'LC_MONETARY']);
const SAFE_LOCALE = /^(?:C|POSIX|C\.UTF-8|C\.utf8|[a-z]{2,3}(?:_[A-Z]{2})?\.(?:UTF-8|utf8))$/;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why a script may not assign `name` (or declare, read, unset or loop over it), or `undefined`
 * when it may. `value` is the value assigned, when known; locale variables need a static,
 * UTF-8 or C value.
 *
 * @param name - the variable name
 * @param value - the assigned value: its text and whether it is only known at run time
 */
export function protectedVariableReason(name: string, value?: { text: string; dynamic: boolean }): string | undefined {
  if (!NAME.test(name)) return `"${name}" is not a plain variable name`;
  if (ASSIGNABLE_SHELL_VARIABLES.includes(name)) return undefined;
  if (LOCALE_VARIABLES.has(name) || name.startsWith('LC_')) {
    if (value === undefined || (!value.dynamic && SAFE_LOCALE.test(value.text))) return undefined;
    return `${name} may only be set to a C or UTF-8 locale written out in full, because other locales change how bash reads the rest of the script`;
  }
  if (BASH_VARIABLES.has(name) || BASH_PREFIXES.some((prefix) => name.startsWith(prefix)) || /^PS\d$/.test(name)) {
    return `${name} is a variable bash itself uses; setting it can change which programs run or make bash run code`;
  }
  if (PROGRAM_VARIABLES.has(name) || PROGRAM_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    return `${name} makes programs load or run other code`;
  }
  return undefined;
}

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
