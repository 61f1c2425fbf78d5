import type { ArgWord } from '../invocation.js';
import { excerpt, type SyntaxNode } from './syntax-node.js';

/** Which shell reads the script: bash, or a POSIX sh such as dash (no `$'...'`). */
export type ShellDialect = 'bash' | 'posix';

/** Deepest nesting of statements and words the analyser follows before giving up. */
export const MAX_SCRIPT_DEPTH = 64;

/** What the walk over one script found so far. */
export interface ScriptContext {
  /** The whole script text. */
  readonly source: string;
  /** The shell that reads it. */
  readonly dialect: ShellDialect;
  /** Every simple command found, program word first, in source order. */
  readonly commands: ArgWord[][];
  /** Why the script is not proven safe; empty when it is. */
  readonly problems: string[];
  /** Current nesting depth. */
  depth: number;
  /**
   * Walks the commands inside a refused construct (`$(...)`, a function body...) so that deny
   * rules still see them; the construct itself was already recorded as a problem.
   */
  walkNested(node: SyntaxNode): void;
}

/**
 * Starts the walk state for one script.
 *
 * @param input - the script text, the shell that reads it, and how to walk nested statements
 */
export function createScriptContext(input: { source: string; dialect: ShellDialect; walkNested: (context: ScriptContext, node: SyntaxNode) => void }): ScriptContext {
  const context: ScriptContext = {
    source: input.source,
    dialect: input.dialect,
    commands: [],
    problems: [],
    depth: 0,
    walkNested: (node) => input.walkNested(context, node),
  };
  return context;
}

/**
 * Records that part of the script is not proven safe. The walk goes on, so commands elsewhere
 * (or inside the refused part) still reach deny rules, but the script is no longer allowed.
 *
 * @param context - the walk state
 * @param node - the node refused, quoted in the message
 * @param why - what it is and why it is refused
 */
export function refuse(context: ScriptContext, node: SyntaxNode | undefined, why: string): void {
  const reason = node ? `${why} (${excerpt(node)})` : why;
  if (!context.problems.includes(reason)) context.problems.push(reason);
}
