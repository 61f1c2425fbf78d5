import type { ArgWord } from '../invocation.js';
import { refuse, type ScriptContext } from './script-context.js';
import { badGap, childrenOf, type SyntaxNode } from './syntax-node.js';
import { walkAssignment } from './walk-assignment.js';
import { wordValue } from './word-value.js';
import { WORD_TYPES } from './word-types.js';

const KEYWORDS = new Set(['declare', 'typeset', 'export', 'readonly', 'local', 'unset']);

/**
 * Walks `declare`/`typeset`/`export`/`readonly`/`local` and `unset`, which the parser reads as
 * their own statements, into an ordinary command (the builtin name, then its words) so the
 * builtin's argument checks apply. Assignments keep their name in `assignmentName`.
 *
 * @param node - a `declaration_command` or `unset_command` node
 * @param context - the walk state
 */
export function walkDeclaration(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  const keyword = children[0];
  if (!keyword || keyword.node.isNamed || !KEYWORDS.has(keyword.node.type) || keyword.node.startIndex !== node.startIndex) {
    refuse(context, node, `${keyword?.node.type ?? 'a declaration'}, which the analyser does not accept`);
    return;
  }
  if (badGap({ source: context.source, start: node.startIndex, end: node.endIndex, children, kind: 'inline' }) !== undefined) {
    refuse(context, node, 'a declaration with text the parser skipped');
  }
  const words: ArgWord[] = [{ text: keyword.node.type, dynamic: false }];
  for (const child of children.slice(1)) {
    const { type } = child.node;
    if (type === 'variable_assignment') words.push(walkAssignment(child.node, context));
    else if (type === 'variable_name') words.push({ text: child.node.text, dynamic: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(child.node.text) });
    else if (child.node.isNamed && WORD_TYPES.has(type)) words.push(wordValue(child.node, context));
    else refuse(context, child.node, `${child.node.isNamed ? type : JSON.stringify(type)} in ${keyword.node.type}, which the analyser does not accept`);
  }
  context.commands.push(words);
}
