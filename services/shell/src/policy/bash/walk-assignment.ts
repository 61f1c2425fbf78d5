import type { ArgWord } from '../invocation.js';
import { protectedVariableReason } from '../shell-variables.js';
import { refuse, type ScriptContext } from './script-context.js';
import { childrenOf, type SyntaxNode } from './syntax-node.js';
import { wordValue } from './word-value.js';

/**
 * Checks `NAME=value` / `NAME+=value`: a plain name that is not a variable bash or common
 * programs act on (see `protectedVariableReason`), and a value that runs nothing. Array
 * assignments (`a=(...)`, `a[i]=x`) are refused: subscripts are arithmetic, and arrays let
 * `declare a="$x"` re-parse a value as code.
 *
 * @param node - a `variable_assignment` node
 * @param context - the walk state
 * @returns the assignment as one word: `NAME=value` when static, with `assignmentName` set
 */
export function walkAssignment(node: SyntaxNode, context: ScriptContext): ArgWord {
  const [name, operator, value, ...rest] = childrenOf(node);
  const fallback: ArgWord = { text: node.text, dynamic: true, fieldCount: 'one' };
  if (name?.node.type !== 'variable_name' || !operator || operator.node.isNamed || (operator.node.type !== '=' && operator.node.type !== '+=') || rest.length > 0) {
    refuse(context, node, 'an assignment to an array element or a name the analyser does not accept');
    context.walkNested(node);
    return fallback;
  }
  const adjacent = name.node.endIndex === operator.node.startIndex && (value === undefined || value.node.startIndex === operator.node.endIndex) && operator.node.endIndex <= node.endIndex;
  if (!adjacent || (value === undefined && operator.node.endIndex !== node.endIndex)) {
    refuse(context, node, 'an assignment with text the parser skipped');
    return fallback;
  }
  if (value?.node.type === 'array') {
    refuse(context, node, 'an array assignment');
    context.walkNested(value.node);
    return { ...fallback, assignmentName: name.node.text };
  }
  const assigned = value ? wordValue(value.node, context, { assignment: true }) : { text: '', dynamic: false };
  const why = protectedVariableReason(name.node.text, assigned);
  if (why) refuse(context, node, `an assignment to ${name.node.text}: ${why}`);
  const text = assigned.dynamic ? node.text : `${name.node.text}${operator.node.type}${assigned.text}`;
  return { text, dynamic: assigned.dynamic, fieldCount: 'one', assignmentName: name.node.text };
}
