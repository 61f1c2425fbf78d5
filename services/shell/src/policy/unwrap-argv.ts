import { posix } from 'node:path';
import { analyzeParsedScript } from './bash/analyze-shell-script.js';
import { loadBashParser, type BashParser } from './bash/load-bash-parser.js';
import type { ShellDialect } from './bash/script-context.js';
import { BASH_BUILTINS, SAFE_BUILTIN_CHECKS } from './builtins/safe-builtins.js';
import { staticWords, type ArgWord, type Invocation } from './invocation.js';
import { SHELL_WRAPPER_PROGRAMS, WRAPPER_PROGRAMS } from './wrapper-programs.js';

/** The standard system directories whose programs are trusted to be what their name says. */
export const DEFAULT_TRUSTED_DIRECTORIES: readonly string[] = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

/** Options for {@link unwrapArgv}. */
export interface UnwrapOptions {
  /**
   * Directories where a program named by absolute path is trusted to be the real wrapper
   * (`/usr/bin/env`). A wrapper named by any other path (`./env`) could be anything, so it is
   * reported as a program of its own instead of being looked through.
   * Defaults to {@link DEFAULT_TRUSTED_DIRECTORIES}.
   */
  trustedDirectories?: readonly string[];
  /** How many wrappers deep to look before giving up as un-analyzable. Defaults to 8. */
  maxDepth?: number;
}

interface Frame {
  via: string[];
  depth: number;
  openArgs: boolean;
  /** Set when the words were read by a shell, so builtins and shell keywords apply. */
  shell?: ShellDialect;
}

interface UnwrapContext {
  parser: BashParser;
  trustedDirectories: readonly string[];
  maxDepth: number;
}

/**
 * Finds every program an argv will really run by looking through wrapper programs: `env`
 * (including `-S`), `busybox`/`toybox`, `sh -c`/`bash -c`/`dash -c` scripts (analysed with
 * tree-sitter-bash, see `analyzeShellScript`), `xargs`, `find -exec`, `nice`, `nohup`, `timeout`,
 * `stdbuf`, `ionice`, `setsid`, `chrt`, `taskset`, `time`, `command` and `builtin`. Wrappers are
 * reported too (`wrapper: true`), before what they run. Programs named by path are reduced to
 * their basename, with the path kept. Anything it cannot prove is reported with
 * `analyzable: false` and a reason.
 *
 * @param argv - the argv to analyze, program first
 * @param options - trusted directories and depth limit
 * @returns the invocations, outermost first
 */
export async function unwrapArgv(argv: readonly string[], options: UnwrapOptions = {}): Promise<Invocation[]> {
  return unwrapWithParser({ parser: await loadBashParser(), argv, options });
}

/**
 * {@link unwrapArgv} with a loaded parser, synchronously.
 *
 * @param input - the parser, the argv and the options
 */
export function unwrapWithParser(input: { parser: BashParser; argv: readonly string[]; options?: UnwrapOptions }): Invocation[] {
  const context = unwrapContext(input.parser, input.options);
  const invocations: Invocation[] = [];
  visit(staticWords(input.argv), { via: [], depth: 0, openArgs: false }, context, invocations);
  return invocations;
}

/**
 * Finds every program a line given to a running bash will run (a persistent shell session):
 * the same analysis as `bash -c line`, without `bash` itself as a program.
 *
 * @param input - the parser, the line and the options
 */
export function unwrapShellLine(input: { parser: BashParser; line: string; options?: UnwrapOptions }): Invocation[] {
  const context = unwrapContext(input.parser, input.options);
  const invocations: Invocation[] = [];
  const frame: Frame = { via: [], depth: 0, openArgs: false };
  visitScript({ script: input.line, dialect: 'bash', shown: ['bash'], where: 'in this shell line', frame, inner: frame, context, out: invocations });
  return invocations;
}

function unwrapContext(parser: BashParser, options: UnwrapOptions = {}): UnwrapContext {
  return { parser, trustedDirectories: options.trustedDirectories ?? DEFAULT_TRUSTED_DIRECTORIES, maxDepth: options.maxDepth ?? 8 };
}

/**
 * Splits a program word into its basename and, when it was written as a path, the path.
 *
 * @param word - the program word, e.g. `rm`, `/usr/bin/rm` or `../bin/rm`
 */
export function programName(word: string): { program: string; path?: string } {
  if (!word.includes('/')) return { program: word };
  const program = posix.basename(word);
  return { program: program === '' || program === '..' || program === '.' ? word : program, path: word };
}

/**
 * Whether a program path sits in one of the trusted directories.
 *
 * @param path - the program path as written
 * @param trustedDirectories - absolute directories
 */
export function isTrustedPath(path: string, trustedDirectories: readonly string[]): boolean {
  return path.startsWith('/') && trustedDirectories.includes(posix.dirname(posix.normalize(path)));
}

function visit(words: readonly ArgWord[], frame: Frame, context: UnwrapContext, out: Invocation[]): void {
  const first = words[0];
  if (!first) return;
  const argv = words.map((word) => word.text);
  const openArgs = frame.openArgs || words.slice(1).some((word) => word.dynamic);
  if (first.dynamic) {
    out.push({ program: first.text, argv, via: frame.via, analyzable: false, reason: `the program name "${first.text}" is only known at run time`, openArgs });
    return;
  }
  const { program, path } = programName(first.text);
  const base: Invocation = { program, ...(path === undefined ? {} : { path }), argv, via: frame.via, analyzable: true, openArgs };
  const shellWrapper = frame.shell !== undefined && path === undefined && Object.hasOwn(SHELL_WRAPPER_PROGRAMS, program) ? SHELL_WRAPPER_PROGRAMS[program] : undefined;
  if (frame.shell !== undefined && path === undefined && BASH_BUILTINS.has(program) && !shellWrapper) {
    out.push(checkBuiltin(base, words));
    return;
  }
  const handler = shellWrapper ?? (Object.hasOwn(WRAPPER_PROGRAMS, program) ? WRAPPER_PROGRAMS[program] : undefined);
  if (!handler || (path !== undefined && !isTrustedPath(path, context.trustedDirectories))) {
    out.push(base);
    return;
  }
  if (frame.depth >= context.maxDepth) {
    out.push({ ...base, analyzable: false, reason: `wrappers are nested more than ${context.maxDepth} deep` });
    return;
  }
  const outcome = handler(words, program);
  switch (outcome.kind) {
    case 'self':
      out.push(shellWrapper ? { ...base, builtin: true } : base);
      return;
    case 'unanalyzable':
      out.push({ ...base, analyzable: false, reason: outcome.reason });
      return;
    case 'commands':
      out.push({ ...base, wrapper: true, ...(shellWrapper ? { builtin: true } : {}) });
      for (const inner of outcome.commands) {
        const next: Frame = {
          via: [...frame.via, inner.label],
          depth: frame.depth + 1,
          openArgs: frame.openArgs || inner.openArgs,
          // `command ls`, `builtin cd`, `time read x` run in the same shell; env, nice... exec a program.
          ...(shellWrapper && frame.shell ? { shell: frame.shell } : {}),
        };
        visit(inner.words, next, context, out);
      }
      return;
    case 'script':
      out.push({ ...base, wrapper: true });
      visitScript({
        script: outcome.script,
        dialect: outcome.dialect,
        shown: [program, ...outcome.label.split(' ').slice(1)],
        where: `in its ${outcome.label} script`,
        frame,
        inner: { ...frame, via: [...frame.via, outcome.label], depth: frame.depth + 1 },
        context,
        out,
      });
  }
}

/**
 * Analyses a script and visits its commands in the shell's context. Each problem becomes an
 * un-analyzable invocation of the shell (`shown` is its argv prefix, e.g. `bash -c`).
 */
function visitScript(input: { script: string; dialect: ShellDialect; shown: string[]; where: string; frame: Frame; inner: Frame; context: UnwrapContext; out: Invocation[] }): void {
  const { script, dialect, shown, where, frame, inner, context, out } = input;
  const analysis = analyzeParsedScript({ parser: context.parser, script, dialect });
  for (const problem of analysis.problems) {
    out.push({ program: shown[0]!, argv: [...shown, script], via: frame.via, analyzable: false, reason: `${where}, ${problem}`, openArgs: true });
  }
  for (const command of analysis.commands) visit(command, { ...inner, shell: dialect }, context, out);
}

function checkBuiltin(base: Invocation, words: readonly ArgWord[]): Invocation {
  const check = Object.hasOwn(SAFE_BUILTIN_CHECKS, base.program) ? SAFE_BUILTIN_CHECKS[base.program] : undefined;
  if (!check) {
    return { ...base, builtin: true, analyzable: false, reason: `${base.program} is a shell builtin or keyword that can run code or change what later commands run, so it is not analyzed` };
  }
  const problem = check(words.slice(1));
  return problem === undefined ? { ...base, builtin: true } : { ...base, builtin: true, analyzable: false, reason: problem };
}
