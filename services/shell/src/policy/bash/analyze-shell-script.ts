import type { ArgWord } from '../invocation.js';
import { loadBashParser, type BashParser } from './load-bash-parser.js';
import { createScriptContext, refuse, type ScriptContext, type ShellDialect } from './script-context.js';
import { childrenOf, type SyntaxNode } from './syntax-node.js';
import { walkStatement, walkStatements } from './walk-statement.js';

/** The result of {@link analyzeShellScript}. */
export interface ShellScriptAnalysis {
  /** `true` when the script is proven to be only the `commands` below, each with known arguments. */
  ok: boolean;
  /**
   * Every simple command found, program word first, in source order; also the ones found inside
   * refused constructs, so deny rules still see them.
   */
  commands: ArgWord[][];
  /** Why the script is not proven safe; empty when `ok`. */
  problems: string[];
}

/**
 * Analyses a shell script with a loaded parser. See {@link analyzeShellScript}.
 *
 * @param input - the parser, the script and the shell that reads it
 */
export function analyzeParsedScript(input: { parser: BashParser; script: string; dialect: ShellDialect }): ShellScriptAnalysis {
  const context = createScriptContext({ source: input.script, dialect: input.dialect, walkNested });
  const tree = input.parser.parse(input.script);
  if (!tree) return { ok: false, commands: [], problems: ['the bash parser gave up on the script'] };
  try {
    const root = tree.rootNode;
    if (root.hasError) refuse(context, undefined, 'the script has a syntax error or a construct the bash parser does not understand');
    walkStatements(root, context, { start: 0, end: input.script.length });
  } catch (error) {
    refuse(context, undefined, `the analyser failed (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    tree.delete();
  }
  return { ok: context.problems.length === 0, commands: context.commands, problems: context.problems };
}

/**
 * Proves what a shell script runs, or says why it cannot. The script is parsed with
 * tree-sitter-bash and walked as a whitelist: only node types, operators and builtins proven safe
 * are accepted; any other node, any syntax error, and any source text the parser skipped or read
 * differently from bash (re-checked on every word and gap) makes the script unanalyzable.
 *
 * @param script - the script text (the argument of `bash -c`, or a line for a persistent shell)
 * @param options - the shell that reads it: `bash` (default) or `posix` for sh/dash
 */
export async function analyzeShellScript(script: string, options: { dialect?: ShellDialect } = {}): Promise<ShellScriptAnalysis> {
  const parser = await loadBashParser();
  return analyzeParsedScript({ parser, script, dialect: options.dialect ?? 'bash' });
}

/** Walks the statements under a refused node (a `$(...)`, a function...) so deny rules see its commands. */
function walkNested(context: ScriptContext, node: SyntaxNode): void {
  const walk = (current: SyntaxNode, depth: number): void => {
    if (depth > 32) return;
    for (const { node: child } of childrenOf(current)) {
      if (!child.isNamed) continue;
      if (STATEMENT_TYPES.has(child.type)) walkStatement(child, context);
      else walk(child, depth + 1);
    }
  };
  walk(node, 0);
}

const STATEMENT_TYPES = new Set([
  'command', 'redirected_statement', 'declaration_command', 'unset_command', 'pipeline', 'list', 'subshell',
  'compound_statement', 'if_statement', 'while_statement', 'for_statement', 'case_statement', 'negated_command', 'test_command',
]);
