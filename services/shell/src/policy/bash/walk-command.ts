import type { ArgWord } from '../invocation.js';
import { refuse, type ScriptContext } from './script-context.js';
import { badGap, childrenOf, type SyntaxNode } from './syntax-node.js';
import { walkAssignment } from './walk-assignment.js';
import { walkRedirect } from './walk-redirect.js';
import { wordValue } from './word-value.js';
import { WORD_TYPES } from './word-types.js';

const REDIRECT_TYPES = new Set(['file_redirect', 'herestring_redirect', 'heredoc_redirect']);

/**
 * Checks the redirections of a statement and collects the words bash gives the command from them.
 *
 * @param redirects - the redirection nodes
 * @param context - the walk state
 * @returns words after redirection targets (arguments for bash) and pipelines to walk
 */
export function walkRedirects(redirects: readonly SyntaxNode[], context: ScriptContext): { extraArguments: SyntaxNode[]; pipelines: SyntaxNode[] } {
  const extraArguments: SyntaxNode[] = [];
  const pipelines: SyntaxNode[] = [];
  for (const redirect of redirects) {
    const before = context.source[redirect.startIndex - 1];
    if (before !== undefined && /[0-9}]/.test(before)) {
      refuse(context, redirect, 'a word written right before a redirection, which bash may read as a file descriptor or {variable}>');
    }
    const outcome = walkRedirect(redirect, context);
    extraArguments.push(...outcome.extraArguments);
    pipelines.push(...outcome.pipelines);
  }
  return { extraArguments, pipelines };
}

/**
 * Walks a simple command: prefix assignments, the program word, its arguments and
 * redirections. Arguments the parser attached to a redirection (`ls >out -la`) are put back
 * in bash's order. The command's words are added to `context.commands`.
 *
 * @param node - a `command` node
 * @param context - the walk state
 * @param extraArguments - argument words found in redirections of the enclosing statement
 * @returns pipelines the parser nested in a here-document redirection, for the caller to walk
 */
export function walkCommand(node: SyntaxNode, context: ScriptContext, extraArguments: readonly SyntaxNode[] = []): SyntaxNode[] {
  const children = childrenOf(node);
  if (badGap({ source: context.source, start: node.startIndex, end: node.endIndex, children, kind: 'inline' }) !== undefined) {
    refuse(context, node, 'a command with text the parser skipped or read across lines');
  }
  let name: SyntaxNode | undefined;
  const argumentNodes = [...extraArguments];
  const redirects: SyntaxNode[] = [];
  for (const child of children) {
    const { type } = child.node;
    if (!child.node.isNamed) refuse(context, child.node, 'a token inside a command that the analyser does not accept');
    else if (type === 'variable_assignment' && name === undefined) walkAssignment(child.node, context);
    else if (type === 'command_name' && child.field === 'name') name = child.node;
    else if (REDIRECT_TYPES.has(type)) redirects.push(child.node);
    else if (WORD_TYPES.has(type) && child.field === 'argument') argumentNodes.push(child.node);
    else refuse(context, child.node, `${type} inside a command, which the analyser does not accept`);
  }
  const { extraArguments: fromRedirects, pipelines } = walkRedirects(redirects, context);
  argumentNodes.push(...fromRedirects);
  if (!name) {
    if (argumentNodes.length > 0) refuse(context, node, 'arguments without a command name');
    return pipelines;
  }
  const words: ArgWord[] = [programWord(name, context)];
  argumentNodes.sort((left, right) => left.startIndex - right.startIndex);
  for (const argument of argumentNodes) words.push(wordValue(argument, context));
  context.commands.push(words);
  return pipelines;
}

function programWord(name: SyntaxNode, context: ScriptContext): ArgWord {
  const parts = childrenOf(name);
  const only = parts[0];
  if (parts.length !== 1 || !only || !WORD_TYPES.has(only.node.type) || only.node.startIndex !== name.startIndex || only.node.endIndex !== name.endIndex) {
    refuse(context, name, 'a command name the analyser does not accept');
    return { text: name.text, dynamic: true, fieldCount: 'any' };
  }
  return wordValue(only.node, context);
}
