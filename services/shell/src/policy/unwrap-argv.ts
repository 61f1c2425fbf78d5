import { posix } from 'node:path';
import { staticWords, type ArgWord, type Invocation } from './invocation.js';
import { parseShellScript } from './parse-shell-script.js';
import { WRAPPER_PROGRAMS } from './wrapper-programs.js';

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
}

/**
 * Finds every program an argv will really run by looking through wrapper programs: `env`
 * (including `-S`), `busybox`/`toybox`, `sh -c`/`bash -c`/`dash -c`/`zsh -c` scripts,
 * `xargs`, `find -exec`, `nice`, `nohup`, `timeout`, `stdbuf`, `ionice`, `setsid`, `chrt`,
 * `taskset`, `time`, `command` and `builtin`. Programs named by path are reduced to their
 * basename, with the path kept. Anything it cannot see through is reported with
 * `analyzable: false` and a reason.
 *
 * @param argv - the argv to analyze, program first
 * @param options - trusted directories and depth limit
 * @returns the invocations, outermost first
 */
export function unwrapArgv(argv: readonly string[], options: UnwrapOptions = {}): Invocation[] {
  const context = {
    trustedDirectories: options.trustedDirectories ?? DEFAULT_TRUSTED_DIRECTORIES,
    maxDepth: options.maxDepth ?? 8,
  };
  const invocations: Invocation[] = [];
  visit(staticWords(argv), { via: [], depth: 0, openArgs: false }, context, invocations);
  return invocations;
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

function visit(
  words: readonly ArgWord[],
  frame: Frame,
  context: { trustedDirectories: readonly string[]; maxDepth: number },
  out: Invocation[],
): void {
  const first = words[0];
  if (!first) return;
  const argv = words.map((word) => word.text);
  const openArgs = frame.openArgs || words.slice(1).some((word) => word.dynamic);
  if (first.dynamic) {
    out.push({
      program: first.text,
      argv,
      via: frame.via,
      analyzable: false,
      reason: `the program name "${first.text}" is only known at run time`,
      openArgs,
    });
    return;
  }
  const { program, path } = programName(first.text);
  const base: Invocation = { program, ...(path === undefined ? {} : { path }), argv, via: frame.via, analyzable: true, openArgs };
  const handler = Object.hasOwn(WRAPPER_PROGRAMS, program) ? WRAPPER_PROGRAMS[program] : undefined;
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
      out.push(base);
      return;
    case 'unanalyzable':
      out.push({ ...base, analyzable: false, reason: outcome.reason });
      return;
    case 'commands':
      if (outcome.self) out.push(base);
      for (const inner of outcome.commands) {
        const next = { via: [...frame.via, inner.label], depth: frame.depth + 1, openArgs: frame.openArgs || inner.openArgs };
        visit(inner.words, next, context, out);
      }
      return;
    case 'script': {
      const parsed = parseShellScript(outcome.script);
      const next = { via: [...frame.via, outcome.label], depth: frame.depth + 1, openArgs: frame.openArgs };
      if (!parsed.ok) out.push({ ...base, analyzable: false, reason: `in its ${outcome.label} script, ${parsed.reason}` });
      for (const command of parsed.ok ? parsed.commands : parsed.partialCommands) visit(command, next, context, out);
    }
  }
}
