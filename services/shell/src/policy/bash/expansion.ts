import { protectedVariableReason } from '../shell-variables.js';
import { decodeLiteral } from './literal-text.js';
import { refuse, type ScriptContext } from './script-context.js';
import { badGap, childrenOf, type NodeChild, type SyntaxNode } from './syntax-node.js';

/** `$@`, `$*`, `$#`, `$?`, `$-`, `$$`, `$!`, `$0`, `$_`: the special parameters bash sets itself. */
const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0', '_']);
const VARIABLE = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)$/;

/**
 * Operators allowed after the name in `${name OP word}`: defaults, alternatives, errors, pattern
 * removal and replacement, case changes. Not `:` (substring offsets are arithmetic, which runs
 * `$(...)` hidden in a variable's value) and not `@` (`${x@P}` expands the value as a prompt,
 * running its command substitutions).
 */
const OPERATORS = new Set([':-', '-', ':+', '+', ':=', '=', ':?', '?', '#', '##', '%', '%%', '/', '//', '/#', '/%', '^', '^^', ',', ',,']);
const ASSIGNING = new Set([':=', '=']);

/** What a checked expansion is. */
export interface ExpansionShape {
  /** `true` for `$@` and `${@}`: even quoted, it becomes any number of words. */
  multiple: boolean;
  /**
   * Where the expansion really starts. Inside quotes the parser sometimes starts a `$name` node
   * at the blanks before the `$`; those blanks are literal text the caller decodes itself.
   */
  start: number;
}

/**
 * Whether a `variable_name` or `special_variable_name` node is a plain parameter.
 *
 * @param node - the name node
 */
export function isPlainParameter(node: SyntaxNode): boolean {
  if (node.type === 'variable_name') return VARIABLE.test(node.text);
  return node.type === 'special_variable_name' && SPECIAL_PARAMETERS.has(node.text);
}

/**
 * Checks `$name` / `$@`: a `$` immediately followed by a plain name or special parameter.
 *
 * @param node - a `simple_expansion` node
 * @param context - the walk state
 */
export function checkSimpleExpansion(node: SyntaxNode, context: ScriptContext): ExpansionShape {
  const [dollar, name, ...rest] = childrenOf(node);
  const start = (name?.node.startIndex ?? node.startIndex) - 1;
  const fits =
    dollar?.node.type === '$' && !dollar.node.isNamed && name !== undefined && rest.length === 0 && isPlainParameter(name.node) &&
    dollar.node.endIndex === name.node.startIndex && name.node.endIndex === node.endIndex && context.source[start] === '$' &&
    /^[ \t\n]*$/.test(context.source.slice(node.startIndex, start));
  if (!fits) refuse(context, node, 'an expansion the analyser does not accept');
  return { multiple: name?.node.text === '@', start: fits ? start : node.startIndex };
}

/**
 * Checks `${...}` against a whitelist: `${name}`, `${#name}` and `${name OP word}` with the
 * operators in {@link OPERATORS}. Indirection (`${!x}`), subscripts (`${a[i]}`), substrings
 * (`${x:1}`) and transformations (`${x@P}`) are refused because bash evaluates the variable's
 * value as code or arithmetic there. `word` operands are checked with `operand`.
 *
 * @param node - an `expansion` node
 * @param context - the walk state
 * @param operand - checks one operand node (a word, string, nested expansion...)
 */
export function checkExpansion(node: SyntaxNode, context: ScriptContext, operand: (child: NodeChild) => void): ExpansionShape {
  const children = childrenOf(node);
  const open = children[0];
  const close = children.at(-1);
  if (open?.node.type !== '${' || open.node.isNamed || close?.node.type !== '}' || close.node.isNamed || children.length < 3) {
    refuse(context, node, 'a ${...} expansion the parser did not close');
    return { multiple: false, start: node.startIndex };
  }
  const inner = children.slice(1, -1);
  let index = 0;
  const length = inner[0]?.node.type === '#' && !inner[0].node.isNamed && inner.length === 2;
  if (length) index = 1;
  const name = inner[index];
  if (!name || !isPlainParameter(name.node)) {
    const what = inner[0]?.node.type === '!' ? 'indirect expansion ${!...}, which evaluates the value of a variable as a name' : 'a ${...} expansion with a subscript or a form the analyser does not accept';
    refuse(context, node, what);
    return { multiple: false, start: node.startIndex };
  }
  // `${`, `#` and the name are one token for bash: nothing may sit between them.
  const head = badGap({ source: context.source, start: node.startIndex, end: name.node.endIndex, children: children.slice(0, index + 2), kind: 'none' });
  if (head !== undefined) refuse(context, node, 'a ${...} expansion with text the parser skipped');
  const multiple = name.node.text === '@';
  const start = node.startIndex;
  const rest = inner.slice(index + 1);
  if (rest.length === 0) {
    if (close.node.startIndex !== name.node.endIndex) refuse(context, node, 'a ${...} expansion with text the parser skipped');
    return { multiple, start };
  }
  const operator = rest[0]!;
  if (operator.node.isNamed || !OPERATORS.has(operator.node.type) || operator.node.text !== operator.node.type || length) {
    refuse(context, node, operatorProblem(operator.node.type));
    return { multiple, start };
  }
  if (operator.node.startIndex !== name.node.endIndex) refuse(context, node, 'a ${...} expansion with text the parser skipped');
  if (ASSIGNING.has(operator.node.type)) {
    const why = protectedVariableReason(name.node.text, { text: '', dynamic: true });
    if (why) refuse(context, node, `an expansion that assigns ${name.node.text}: ${why}`);
  }
  const replaces = operator.node.type.startsWith('/');
  let separators = 0;
  let cursor = operator.node.endIndex;
  for (const child of [...rest.slice(1), close]) {
    // Text between operand nodes is part of the operand word: it must not hide an expansion.
    const gap = decodeLiteral(context.source.slice(cursor, child.node.startIndex), 'operand');
    if (!gap.ok) refuse(context, node, `inside \${...}, ${gap.problem}`);
    cursor = child.node.endIndex;
    if (child === close) break;
    if (!child.node.isNamed) {
      if (replaces && child.node.type === '/' && separators === 0) {
        separators += 1;
        continue;
      }
      refuse(context, node, operatorProblem(child.node.type));
      continue;
    }
    operand(child);
  }
  return { multiple, start };
}

function operatorProblem(operator: string): string {
  if (operator === ':') return 'a substring expansion ${x:offset}, whose offset bash evaluates as arithmetic';
  if (operator === '@') return 'a ${x@...} transformation (@P runs the command substitutions in the value)';
  if (operator === '!') return 'indirect expansion ${!...}, which evaluates the value of a variable as a name';
  return `the ${JSON.stringify(operator)} operator inside \${...}, which the analyser does not accept`;
}
