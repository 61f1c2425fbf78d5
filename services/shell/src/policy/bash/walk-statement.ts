import { protectedVariableReason } from '../shell-variables.js';
import { MAX_SCRIPT_DEPTH, refuse, type ScriptContext } from './script-context.js';
import { badGap, childrenOf, type GapKind, type NodeChild, type SyntaxNode } from './syntax-node.js';
import { walkAssignment } from './walk-assignment.js';
import { walkCommand, walkRedirects } from './walk-command.js';
import { walkDeclaration } from './walk-declaration.js';
import { walkTestCommand } from './walk-test-command.js';
import { checkWordSafety, wordValue } from './word-value.js';

/** Statement terminators allowed between statements in a list of statements. */
const TERMINATORS = new Set([';', '&', '\n']);

/** Why a statement type is refused, for the ones a user is likely to write. */
const REFUSED_STATEMENTS: Readonly<Record<string, string>> = {
  function_definition: 'a function definition, which changes what a later command name runs',
  c_style_for_statement: 'an arithmetic for ((...)) loop, which runs $(...) hidden in variables',
};

/**
 * Walks the statements of a program, subshell, `{ }` group or loop body: each statement in turn,
 * with `;`, `&`, newlines and comments between them.
 *
 * @param node - the node whose children are statements
 * @param context - the walk state
 * @param bounds - the range to check for skipped text and how many leading/trailing tokens to skip
 */
export function walkStatements(node: SyntaxNode, context: ScriptContext, bounds: { start?: number; end?: number; skip?: number; skipEnd?: number } = {}): void {
  const children = childrenOf(node);
  const inner = children.slice(bounds.skip ?? 0, children.length - (bounds.skipEnd ?? 0));
  checkGaps(node, context, inner, 'lines', bounds);
  for (const child of inner) {
    if (!child.node.isNamed) {
      if (!TERMINATORS.has(child.node.type)) refuse(context, child.node, `the token ${JSON.stringify(child.node.type)} between commands, which the analyser does not accept`);
      continue;
    }
    walkStatement(child.node, context);
  }
}

/**
 * Walks one statement. Only statement types proven safe are accepted; everything else is
 * recorded as a problem (and the commands inside it are still collected for deny rules).
 *
 * @param node - the statement node
 * @param context - the walk state
 */
export function walkStatement(node: SyntaxNode, context: ScriptContext): void {
  context.depth += 1;
  try {
    if (context.depth > MAX_SCRIPT_DEPTH) {
      refuse(context, node, `commands nested more than ${MAX_SCRIPT_DEPTH} deep`);
      return;
    }
    dispatch(node, context);
  } finally {
    context.depth -= 1;
  }
}

function dispatch(node: SyntaxNode, context: ScriptContext): void {
  switch (node.type) {
    case 'command':
      walkPipelines(walkCommand(node, context), context);
      return;
    case 'redirected_statement':
      walkRedirected(node, context);
      return;
    case 'declaration_command':
    case 'unset_command':
      walkDeclaration(node, context);
      return;
    case 'variable_assignment':
      walkAssignment(node, context);
      return;
    case 'variable_assignments':
      checkGaps(node, context, childrenOf(node), 'inline');
      for (const child of childrenOf(node)) {
        if (child.node.type === 'variable_assignment') walkAssignment(child.node, context);
        else refuse(context, child.node, 'something other than an assignment among assignments');
      }
      return;
    case 'pipeline':
      walkOperands(node, context, new Set(['|', '|&']));
      return;
    case 'list':
      walkOperands(node, context, new Set(['&&', '||']));
      return;
    case 'negated_command':
      walkKeywordBlock(node, context, { first: ['!'] });
      return;
    case 'subshell':
      walkKeywordBlock(node, context, { first: ['('], last: [')'] });
      return;
    case 'compound_statement':
      if (childrenOf(node)[0]?.node.type === '((') refuse(context, node, 'an arithmetic command ((...)), which runs $(...) hidden in variables');
      else walkKeywordBlock(node, context, { first: ['{'], last: ['}'] });
      return;
    case 'if_statement':
      walkKeywordBlock(node, context, { first: ['if'], last: ['fi'], keywords: ['then'] });
      return;
    case 'elif_clause':
      walkKeywordBlock(node, context, { first: ['elif'], keywords: ['then'] });
      return;
    case 'else_clause':
      walkKeywordBlock(node, context, { first: ['else'] });
      return;
    case 'while_statement':
      walkKeywordBlock(node, context, { first: ['while', 'until'] });
      return;
    case 'do_group':
      walkKeywordBlock(node, context, { first: ['do'], last: ['done'] });
      return;
    case 'for_statement':
      walkFor(node, context);
      return;
    case 'case_statement':
      walkCase(node, context);
      return;
    case 'test_command':
      walkTestCommand(node, context);
      return;
    case 'comment':
      checkComment(node, context);
      return;
    default:
      refuse(context, node, REFUSED_STATEMENTS[node.type] ?? `${node.isNamed ? node.type : JSON.stringify(node.type)}, which the analyser does not accept`);
      context.walkNested(node);
  }
}

function checkGaps(node: SyntaxNode, context: ScriptContext, children: readonly NodeChild[], kind: GapKind, bounds: { start?: number; end?: number } = {}): void {
  const start = bounds.start ?? children[0]?.node.startIndex ?? node.startIndex;
  const end = bounds.end ?? children.at(-1)?.node.endIndex ?? node.endIndex;
  if (badGap({ source: context.source, start, end, children, kind }) !== undefined) refuse(context, node, 'text the parser skipped, which bash would read');
}

function walkPipelines(pipelines: readonly SyntaxNode[], context: ScriptContext): void {
  for (const pipeline of pipelines) {
    const children = childrenOf(pipeline);
    if (children[0]?.node.type !== '|' && children[0]?.node.type !== '|&') refuse(context, pipeline, 'a pipeline after a here-document that the analyser does not accept');
    walkOperands(pipeline, context, new Set(['|', '|&']));
  }
}

/** `a | b`, `a && b || c`: statements separated by the given operators. */
function walkOperands(node: SyntaxNode, context: ScriptContext, operators: ReadonlySet<string>): void {
  const children = childrenOf(node);
  checkGaps(node, context, children, 'lines');
  for (const child of children) {
    if (child.node.isNamed) walkStatement(child.node, context);
    else if (!operators.has(child.node.type)) refuse(context, child.node, `the token ${JSON.stringify(child.node.type)}, which the analyser does not accept here`);
  }
}

/** A block that starts (and maybe ends) with fixed tokens, with statements and a few keywords inside. */
function walkKeywordBlock(node: SyntaxNode, context: ScriptContext, shape: { first: readonly string[]; last?: readonly string[]; keywords?: readonly string[] }): void {
  const children = childrenOf(node);
  const first = children[0]?.node;
  const last = children.at(-1)?.node;
  if (!first || first.isNamed || !shape.first.includes(first.type) || (shape.last && (!last || last.isNamed || !shape.last.includes(last.type)))) {
    refuse(context, node, `${node.type.replaceAll('_', ' ')} that the parser did not read completely`);
    context.walkNested(node);
    return;
  }
  const inner = children.slice(1, shape.last ? -1 : undefined);
  checkGaps(node, context, children, 'lines');
  for (const child of inner) {
    if (child.node.isNamed) walkStatement(child.node, context);
    else if (!TERMINATORS.has(child.node.type) && !(shape.keywords ?? []).includes(child.node.type)) {
      refuse(context, child.node, `the token ${JSON.stringify(child.node.type)}, which the analyser does not accept here`);
    }
  }
}

function walkRedirected(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  checkGaps(node, context, children, 'inline');
  const body = children.find((child) => child.field === 'body')?.node;
  const redirects = children.filter((child) => child.field === 'redirect').map((child) => child.node);
  const others = children.filter((child) => child.field !== 'body' && child.field !== 'redirect');
  for (const other of others) refuse(context, other.node, 'something after a redirection that the analyser does not accept');
  const { extraArguments, pipelines } = walkRedirects(redirects, context);
  if (body?.type === 'command') {
    walkPipelines(walkCommand(body, context, extraArguments), context);
  } else {
    if (extraArguments.length > 0) refuse(context, node, 'words after a redirection target that bash would reject');
    if (body) walkStatement(body, context);
  }
  walkPipelines(pipelines, context);
}

function walkFor(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  if (children[0]?.node.type !== 'for' || children[0].node.isNamed) {
    refuse(context, node, 'a select loop, which reads choices from the terminal');
    context.walkNested(node);
    return;
  }
  checkGaps(node, context, children, 'lines');
  for (const child of children.slice(1)) {
    if (child.field === 'variable') {
      const why = child.node.type === 'variable_name' ? protectedVariableReason(child.node.text, { text: '', dynamic: true }) : 'not a plain name';
      if (why) refuse(context, child.node, `a for loop over ${child.node.text}: ${why}`);
    } else if (child.field === 'value') {
      wordValue(child.node, context);
    } else if (child.field === 'body' && child.node.type === 'do_group') {
      walkStatement(child.node, context);
    } else if (child.node.isNamed || !['in', ';', '\n'].includes(child.node.type)) {
      refuse(context, child.node, 'a part of a for loop the analyser does not accept');
    }
  }
}

function walkCase(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  if (children[0]?.node.type !== 'case' || children.at(-1)?.node.type !== 'esac') {
    refuse(context, node, 'a case statement the parser did not read completely');
    context.walkNested(node);
    return;
  }
  checkGaps(node, context, children, 'lines');
  for (const child of children.slice(1, -1)) {
    if (child.field === 'value') wordValue(child.node, context);
    else if (child.node.type === 'case_item') walkCaseItem(child.node, context);
    else if (child.node.isNamed || !['in', ';', '\n'].includes(child.node.type)) refuse(context, child.node, 'a part of a case statement the analyser does not accept');
  }
}

function walkCaseItem(node: SyntaxNode, context: ScriptContext): void {
  const children = childrenOf(node);
  checkGaps(node, context, children, 'lines');
  let patterns = true;
  for (const child of children) {
    if (patterns) {
      if (child.field === 'value') checkWordSafety(child.node, context, 'pattern');
      else if (!child.node.isNamed && child.node.type === ')') patterns = false;
      else if (child.node.isNamed || !['(', '|'].includes(child.node.type)) refuse(context, child.node, 'a case pattern the analyser does not accept');
    } else if (child.node.isNamed) {
      walkStatement(child.node, context);
    } else if (!TERMINATORS.has(child.node.type) && ![';;', ';&', ';;&'].includes(child.node.type)) {
      refuse(context, child.node, 'a part of a case item the analyser does not accept');
    }
  }
}

function checkComment(node: SyntaxNode, context: ScriptContext): void {
  const before = context.source[node.startIndex - 1];
  if (!node.text.startsWith('#') || node.text.includes('\n') || (before !== undefined && !/[ \t\n;&|()]/.test(before))) {
    refuse(context, node, 'a "#" that bash may not read as the start of a comment');
  }
}
