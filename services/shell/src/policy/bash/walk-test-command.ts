import type { ArgWord } from '../invocation.js';
import { refuse, type ScriptContext } from './script-context.js';
import { childrenOf, type SyntaxNode } from './syntax-node.js';
import { checkWordSafety, wordValue } from './word-value.js';
import { WORD_TYPES } from './word-types.js';

const EXPRESSIONS = new Set(['binary_expression', 'unary_expression', 'parenthesized_expression']);
const PATTERN_TYPES = new Set(['extglob_pattern', 'regex']);

/**
 * `[[ ]]` operators whose operands are plain strings or files. Not `-eq`, `-lt`... (bash
 * evaluates their operands as arithmetic, running `$(...)` hidden in a variable's value) and
 * not `-v`/`-R` (a subscript in the name is evaluated the same way).
 */
const DOUBLE_BRACKET_OPERATORS = new Set([
  '!', '&&', '||', '(', ')', '==', '=', '!=', '<', '>', '=~', '-nt', '-ot', '-ef',
  '-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-z',
  '-G', '-L', '-N', '-O', '-S',
]);
const ARITHMETIC_OR_NAME_OPERATORS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-v', '-R']);

/** Tokens bash would not leave inside `[ ... ]`: they end the command or redirect it. */
const SINGLE_BRACKET_BREAKERS = new Set(['(', ')', '<', '>', '&&', '||', '&', '|', ';']);

interface Leaf {
  node: SyntaxNode;
  operator: boolean;
}

/**
 * Walks `[ ... ]` and `[[ ... ]]`. `[` is the test builtin: its words are collected as a command
 * (program `[`) so the builtin's checks run on them exactly as bash passes them. `[[` is syntax:
 * every operator must be a string or file test, every operand a word that runs nothing.
 *
 * @param node - a `test_command` node
 * @param context - the walk state
 */
export function walkTestCommand(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  const open = children[0]?.node;
  const close = children.at(-1)?.node;
  const double = open?.type === '[[';
  if (!open || !close || open.isNamed || close.isNamed || !((open.type === '[' && close.type === ']') || (double && close.type === ']]'))) {
    refuse(context, node, open?.type === '((' ? 'an arithmetic command ((...)), which runs $(...) hidden in variables' : 'a test the analyser does not accept');
    return;
  }
  const leaves: Leaf[] = [];
  for (const child of children.slice(1, -1)) flatten(child.node, context, leaves);
  const items = [open, ...leaves.map((leaf) => leaf.node), close];
  for (let index = 1; index < items.length; index += 1) {
    const previous = items[index - 1]!;
    const current = items[index]!;
    const gap = context.source.slice(previous.endIndex, current.startIndex);
    // Inside [[ ]] bash splits ( and ) off words by itself; everywhere else words need blanks between them.
    const parenthesis = double && [previous, current].some((item) => !item.isNamed && (item.type === '(' || item.type === ')'));
    const blank = double ? /^(?:[ \t\n]|\\\n)+$/ : /^(?:[ \t]|\\\n)+$/;
    if (!(blank.test(gap) || (parenthesis && gap === '')) || current.startIndex < previous.endIndex) {
      refuse(context, node, 'a test whose words bash would split differently from the parser');
      break;
    }
  }
  if (double) checkDoubleBracket(leaves, context);
  else context.commands.push(singleBracketWords(leaves, context));
}

function flatten(node: SyntaxNode, context: ScriptContext, out: Leaf[]): void {
  if (EXPRESSIONS.has(node.type)) {
    for (const child of childrenOf(node)) flatten(child.node, context, out);
  } else if (!node.isNamed || node.type === 'test_operator') {
    out.push({ node, operator: true });
  } else if (WORD_TYPES.has(node.type) || PATTERN_TYPES.has(node.type)) {
    out.push({ node, operator: false });
  } else {
    refuse(context, node, `${node.type} inside a test, which the analyser does not accept`);
  }
}

function checkDoubleBracket(leaves: readonly Leaf[], context: ScriptContext): void {
  for (const { node, operator } of leaves) {
    if (operator) {
      if (!DOUBLE_BRACKET_OPERATORS.has(node.text) || node.text !== (node.isNamed ? node.text : node.type)) {
        refuse(context, node, ARITHMETIC_OR_NAME_OPERATORS.has(node.text) ? `the [[ ${node.text} ]] test, which evaluates its operands as arithmetic or variable names (running hidden $(...)); use [ ] or a string comparison` : `the ${JSON.stringify(node.text)} operator inside [[ ]], which the analyser does not accept`);
      }
    } else if (node.type === 'word' && ARITHMETIC_OR_NAME_OPERATORS.has(node.text)) {
      refuse(context, node, `the [[ ${node.text} ]] test, which evaluates its operands as arithmetic or variable names`);
    } else if (node.type === 'regex') {
      checkWordSafety(node, context, 'regex');
    } else if (node.type === 'extglob_pattern') {
      checkWordSafety(node, context, 'pattern');
    } else {
      wordValue(node, context);
    }
  }
}

function singleBracketWords(leaves: readonly Leaf[], context: ScriptContext): ArgWord[] {
  const words: ArgWord[] = [{ text: '[', dynamic: false }];
  for (const { node, operator } of leaves) {
    if (operator) {
      if (SINGLE_BRACKET_BREAKERS.has(node.text)) refuse(context, node, `an unquoted ${JSON.stringify(node.text)} inside [ ], which bash reads as shell syntax, not as a test operator`);
      words.push({ text: node.text, dynamic: false });
    } else if (PATTERN_TYPES.has(node.type)) {
      refuse(context, node, 'a pattern inside [ ], which the analyser does not accept');
      words.push({ text: node.text, dynamic: true, fieldCount: 'any' });
    } else {
      words.push(wordValue(node, context));
    }
  }
  words.push({ text: ']', dynamic: false });
  return words;
}
