import { checkExpansion, checkSimpleExpansion } from './expansion.js';
import { decodeLiteral } from './literal-text.js';
import type { RedirectOutcome } from './redirect-outcome.js';
import { refuse, type ScriptContext } from './script-context.js';
import { childrenOf, type NodeChild, type SyntaxNode } from './syntax-node.js';
import { checkWordSafety } from './word-value.js';
import { WORD_TYPES } from './word-types.js';

const DELIMITER = /^[A-Za-z0-9_.-]+$/;


/** A here-document's delimiter after quote removal, and whether it was quoted (then the body is not expanded). */
interface Delimiter {
  text: string;
  quoted: boolean;
}

/**
 * Checks a here-document (`<<EOF` / `<<-EOF`). The body's extent is recomputed here the way bash
 * finds it (from the line after the operator to the first line equal to the delimiter) and must
 * match the parser's, so the parser cannot hide commands in what it thinks is a body. With an
 * unquoted delimiter bash expands the body: only plain `$name` and accepted `${...}` may appear.
 *
 * @param node - a `heredoc_redirect` node
 * @param context - the walk state
 * @returns words and pipelines the parser put on the operator's line, and other redirections there
 */
export function checkHeredoc(node: SyntaxNode, context: ScriptContext): RedirectOutcome & { redirects: SyntaxNode[] } {
  const outcome = { extraArguments: [] as SyntaxNode[], pipelines: [] as SyntaxNode[], redirects: [] as SyntaxNode[] };
  const children = childrenOf(node);
  const index = children[0]?.field === 'descriptor' ? 1 : 0;
  const operator = children[index];
  const start = children[index + 1];
  const body = children.find((child) => child.node.type === 'heredoc_body');
  const end = children.at(-1);
  if (!operator || (operator.node.type !== '<<' && operator.node.type !== '<<-') || start?.node.type !== 'heredoc_start' || !body || end?.node.type !== 'heredoc_end') {
    refuse(context, node, 'a here-document the parser could not read completely');
    return outcome;
  }
  const delimiter = parseDelimiter(start.node.text);
  if (!delimiter) {
    refuse(context, node, 'a here-document delimiter the analyser does not accept (use letters, digits, _ . -)');
    return outcome;
  }
  const sameLine = children.slice(index + 2, children.indexOf(body));
  for (const child of sameLine) {
    if (child.node.type === 'file_redirect' || child.node.type === 'herestring_redirect') outcome.redirects.push(child.node);
    else if (child.node.type === 'pipeline') outcome.pipelines.push(child.node);
    else if (child.field === 'argument' && WORD_TYPES.has(child.node.type)) outcome.extraArguments.push(child.node);
    else refuse(context, child.node, 'a here-document followed by something on its line that the analyser does not accept');
  }
  if (!layoutMatches({ node, context, operator: operator.node.type, start: start.node, sameLine, body: body.node, end: end.node, delimiter })) {
    refuse(context, node, 'a here-document whose end bash may find somewhere else than the parser');
    return outcome;
  }
  if (!delimiter.quoted) checkExpandedBody(body.node, context, { from: context.source.indexOf('\n', start.node.endIndex) + 1, to: lineStart(context.source, end.node.startIndex) });
  return outcome;
}

function parseDelimiter(raw: string): Delimiter | undefined {
  let text = '';
  const quoted = /['"\\]/.test(raw);
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index]!;
    if (char === "'" || char === '"') {
      const close = raw.indexOf(char, index + 1);
      if (close === -1) return undefined;
      text += raw.slice(index + 1, close);
      index = close;
    } else if (char === '\\') {
      text += raw[index + 1] ?? '';
      index += 1;
    } else {
      text += char;
    }
  }
  return DELIMITER.test(text) ? { text, quoted } : undefined;
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

function layoutMatches(input: {
  node: SyntaxNode;
  context: ScriptContext;
  operator: string;
  start: SyntaxNode;
  sameLine: readonly NodeChild[];
  body: SyntaxNode;
  end: SyntaxNode;
  delimiter: Delimiter;
}): boolean {
  const { context, operator, start, sameLine, body, end, delimiter } = input;
  const { source } = context;
  const newline = source.indexOf('\n', start.endIndex);
  if (newline === -1 || sameLine.some((child) => child.node.endIndex > newline)) return false;
  const strip = (line: string): string => (operator === '<<-' ? line.replace(/^\t+/, '') : line);
  let cursor = newline + 1;
  while (cursor <= source.length) {
    const lineEnd = source.indexOf('\n', cursor) === -1 ? source.length : source.indexOf('\n', cursor);
    const line = source.slice(cursor, lineEnd);
    if (strip(line) === delimiter.text) {
      const delimiterStart = cursor + line.length - delimiter.text.length;
      return (
        end.startIndex === delimiterStart && end.endIndex === lineEnd && end.text === delimiter.text &&
        body.startIndex >= newline + 1 && body.endIndex <= end.startIndex && input.node.endIndex === end.endIndex
      );
    }
    if (lineEnd === source.length) return false;
    cursor = lineEnd + 1;
  }
  return false;
}

/** The body of `<<EOF` (unquoted): literal text, `$name` and accepted `${...}` only; no `$(...)`, backticks, `$((...))`. */
function checkExpandedBody(body: SyntaxNode, context: ScriptContext, range: { from: number; to: number }): void {
  let cursor = range.from;
  const literal = (to: number): void => {
    const decoded = decodeLiteral(context.source.slice(cursor, to), 'heredoc');
    if (!decoded.ok) refuse(context, body, `in a here-document whose delimiter is not quoted (bash expands it), ${decoded.problem}`);
  };
  for (const child of childrenOf(body)) {
    if (child.node.type === 'heredoc_content') continue;
    if (child.node.type === 'simple_expansion') {
      literal(checkSimpleExpansion(child.node, context).start);
    } else if (child.node.type === 'expansion') {
      literal(child.node.startIndex);
      checkExpansion(child.node, context, (operand) => checkWordSafety(operand.node, context, 'operand'));
    } else {
      literal(child.node.startIndex);
      refuse(context, child.node, 'a here-document whose delimiter is not quoted runs this when bash expands it; quote the delimiter (<<\'EOF\')');
      if (child.node.type === 'command_substitution') context.walkNested(child.node);
    }
    cursor = child.node.endIndex;
  }
  literal(range.to);
}
