import type { ArgWord } from '../invocation.js';
import { decodeAnsiCString } from './ansi-c-string.js';
import { checkExpansion, checkSimpleExpansion } from './expansion.js';
import { decodeLiteral, type LiteralMode, type WordChar } from './literal-text.js';
import { refuse, type ScriptContext } from './script-context.js';
import { childrenOf, type SyntaxNode } from './syntax-node.js';

/** A word's value as far as it is known before the script runs. */
export interface WordValue extends ArgWord {
  /** The literal text before the first part only known at run time (all of it when static). */
  staticPrefix: string;
}

type Part = (WordChar & { kind: 'char' }) | { kind: 'expansion'; quoted: boolean; multiple: boolean };

const GLOB = '*?[';
const BRACE_SEQUENCE = /^\{(?:-?\d+\.\.-?\d+|[A-Za-z]\.\.[A-Za-z])(?:\.\.-?\d+)?\}$/;

/**
 * Computes the value of one word of a command (a command name, an argument, an assignment
 * value, a redirection target) the way bash would: quote removal, backslash escapes, `$'...'`
 * decoding. Words with expansions, globs, brace expansion or a leading `~` are `dynamic`, and
 * `fieldCount` says whether word splitting or globbing can make them several words. Anything that
 * runs code (`$(...)`, backticks, `$((...))`, `<(...)`) or that the analyser does not accept is
 * recorded as a problem, and the word is treated as dynamic.
 *
 * @param node - a word-level node: word, string, raw_string, concatenation, expansion...
 * @param context - the walk state
 * @param options - `assignment` for the value of `NAME=value` (which may start with `#`)
 */
export function wordValue(node: SyntaxNode, context: ScriptContext, options: { assignment?: boolean } = {}): WordValue {
  const parts: Part[] = [];
  collect(node, context, 'word', parts);
  const first = parts[0];
  if (first?.kind === 'char' && !first.quoted && first.char === '#' && !options.assignment) {
    refuse(context, node, 'a word that starts with "#", which bash reads as a comment');
  }
  return finish(parts, node.text);
}

/**
 * Checks a word whose value does not matter for anything that runs code: `case` patterns,
 * `[[ == ]]` patterns, `[[ =~ ]]` regular expressions, the operand of `${x:-word}`.
 *
 * @param node - the word-level node
 * @param context - the walk state
 * @param mode - how bash reads the word there
 */
export function checkWordSafety(node: SyntaxNode, context: ScriptContext, mode: 'operand' | 'pattern' | 'regex'): void {
  collect(node, context, mode, []);
}

function collect(node: SyntaxNode, context: ScriptContext, mode: LiteralMode, out: Part[], depth = 0): void {
  if (depth > 32) {
    refuse(context, node, 'a word nested too deeply');
    return;
  }
  switch (node.type) {
    case 'word':
    case 'number':
    case 'extglob_pattern':
    case 'regex': {
      if (node.childCount > 0) {
        refuse(context, node, 'a word the parser split into parts the analyser does not accept');
        out.push({ kind: 'expansion', quoted: false, multiple: true });
        return;
      }
      const literalMode = node.type === 'regex' && mode !== 'regex' ? 'operand' : node.type === 'extglob_pattern' && mode === 'word' ? 'pattern' : mode;
      literal(node, context, node.text, literalMode, out);
      if (node.type === 'extglob_pattern' || node.type === 'regex') out.push({ kind: 'expansion', quoted: false, multiple: true });
      return;
    }
    case 'raw_string':
      if (!/^'[^']*'$/.test(node.text)) refuse(context, node, 'a single-quoted string the parser read differently');
      for (const char of node.text.slice(1, -1)) out.push({ kind: 'char', char, quoted: true });
      return;
    case 'ansi_c_string': {
      if (context.dialect !== 'bash') {
        refuse(context, node, "$'...' quoting, which sh does not share with bash");
        out.push({ kind: 'expansion', quoted: true, multiple: false });
        return;
      }
      const decoded = decodeAnsiCString(node.text);
      if (!decoded.ok) {
        refuse(context, node, decoded.problem);
        out.push({ kind: 'expansion', quoted: true, multiple: false });
        return;
      }
      for (const char of decoded.value) out.push({ kind: 'char', char, quoted: true });
      return;
    }
    case 'string':
      collectDoubleQuoted(node, context, out, depth);
      return;
    case 'simple_expansion': {
      const { multiple, start } = checkSimpleExpansion(node, context);
      if (start !== node.startIndex) refuse(context, node, 'an expansion with text the parser skipped');
      out.push({ kind: 'expansion', quoted: false, multiple });
      return;
    }
    case 'expansion': {
      const { multiple } = checkExpansion(node, context, (child) => collect(child.node, context, 'operand', [], depth + 1));
      out.push({ kind: 'expansion', quoted: false, multiple });
      return;
    }
    case 'concatenation': {
      let cursor = node.startIndex;
      for (const child of childrenOf(node)) {
        if (child.node.startIndex !== cursor || !child.node.isNamed) refuse(context, node, 'a word the parser split in a way bash would not');
        collect(child.node, context, mode, out, depth + 1);
        cursor = child.node.endIndex;
      }
      if (cursor !== node.endIndex) refuse(context, node, 'a word the parser split in a way bash would not');
      return;
    }
    case 'brace_expression':
      if (!BRACE_SEQUENCE.test(node.text)) refuse(context, node, 'a brace expansion the analyser does not accept');
      out.push({ kind: 'expansion', quoted: false, multiple: true });
      return;
    default:
      refuseWord(node, context);
      out.push({ kind: 'expansion', quoted: false, multiple: true });
  }
}

function refuseWord(node: SyntaxNode, context: ScriptContext): void {
  switch (node.type) {
    case 'command_substitution':
      refuse(context, node, 'command substitution, which runs commands whose output becomes part of another command');
      context.walkNested(node);
      return;
    case 'process_substitution':
      refuse(context, node, 'process substitution, which runs commands the analyser does not follow');
      context.walkNested(node);
      return;
    case 'arithmetic_expansion':
      refuse(context, node, 'arithmetic expansion, which runs $(...) hidden in variables used in it');
      return;
    case 'translated_string':
      refuse(context, node, 'a $"..." translated string');
      return;
    default:
      refuse(context, node, `${node.isNamed ? node.type : JSON.stringify(node.type)} in a word, which the analyser does not accept`);
  }
}

function literal(node: SyntaxNode, context: ScriptContext, text: string, mode: LiteralMode, out: Part[]): void {
  const decoded = decodeLiteral(text, mode);
  if (!decoded.ok) {
    refuse(context, node, decoded.problem);
    out.push({ kind: 'expansion', quoted: false, multiple: true });
    return;
  }
  for (const char of decoded.chars) out.push({ kind: 'char', ...char });
}

/** `"..."`: the text between the expansions is literal and decoded here, not trusted from the parser. */
function collectDoubleQuoted(node: SyntaxNode, context: ScriptContext, out: Part[], depth: number): void {
  const children = childrenOf(node);
  const open = children[0];
  const close = children.at(-1);
  if (children.length < 2 || open?.node.type !== '"' || close?.node.type !== '"' || open.node.isNamed || close.node.isNamed) {
    refuse(context, node, 'a double-quoted string the parser did not close');
    out.push({ kind: 'expansion', quoted: true, multiple: false });
    return;
  }
  let cursor = open.node.endIndex;
  for (const child of children.slice(1, -1)) {
    if (child.node.type === 'string_content') continue;
    if (child.node.type === 'simple_expansion') {
      const { multiple, start } = checkSimpleExpansion(child.node, context);
      literal(node, context, context.source.slice(cursor, start), 'double', out);
      out.push({ kind: 'expansion', quoted: true, multiple });
    } else if (child.node.type === 'expansion') {
      literal(node, context, context.source.slice(cursor, child.node.startIndex), 'double', out);
      const { multiple } = checkExpansion(child.node, context, (operand) => collect(operand.node, context, 'operand', [], depth + 1));
      out.push({ kind: 'expansion', quoted: true, multiple });
    } else {
      literal(node, context, context.source.slice(cursor, child.node.startIndex), 'double', out);
      refuseWord(child.node, context);
      out.push({ kind: 'expansion', quoted: true, multiple: false });
    }
    cursor = child.node.endIndex;
  }
  literal(node, context, context.source.slice(cursor, close.node.startIndex), 'double', out);
}

function finish(parts: readonly Part[], source: string): WordValue {
  let text = '';
  let staticPrefix = '';
  let dynamic = false;
  let many = false;
  parts.forEach((part, index) => {
    if (part.kind === 'expansion') {
      dynamic = true;
      many ||= !part.quoted || part.multiple;
      return;
    }
    const unquoted = !part.quoted;
    const previous = parts[index - 1];
    // Bash also expands `~` after `=` and `:` in words that look like assignments; treating every
    // such `~` as run-time is the safe over-approximation.
    const afterSeparator = previous?.kind === 'char' && !previous.quoted && (previous.char === ':' || previous.char === '=');
    const tilde = unquoted && part.char === '~' && (index === 0 || afterSeparator);
    if (tilde || (unquoted && GLOB.includes(part.char))) {
      dynamic = true;
      many ||= !tilde;
    }
    text += part.char;
    if (!dynamic) staticPrefix += part.char;
  });
  if (hasBraceExpansion(parts)) {
    dynamic = true;
    many = true;
    staticPrefix = '';
  }
  return { text: dynamic ? source : text, dynamic, fieldCount: many ? 'any' : 'one', staticPrefix };
}

/** An unquoted `{` before an unquoted `}` with an unquoted `,`, `..` or an expansion between: bash expands it into several words. */
function hasBraceExpansion(parts: readonly Part[]): boolean {
  const open = parts.findIndex((part) => part.kind === 'char' && !part.quoted && part.char === '{');
  const close = parts.findLastIndex((part) => part.kind === 'char' && !part.quoted && part.char === '}');
  if (open === -1 || close <= open) return false;
  return parts.slice(open + 1, close).some((part, index, between) => {
    if (part.kind === 'expansion') return true;
    if (part.quoted) return false;
    const next = between[index + 1];
    return part.char === ',' || (part.char === '.' && next?.kind === 'char' && !next.quoted && next.char === '.');
  });
}
