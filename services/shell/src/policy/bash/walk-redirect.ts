import type { RedirectOutcome } from './redirect-outcome.js';
import { refuse, type ScriptContext } from './script-context.js';
import { badGap, childrenOf, type NodeChild, type SyntaxNode } from './syntax-node.js';
import { checkHeredoc } from './walk-heredoc.js';
import { wordValue, type WordValue } from './word-value.js';

const FILE_OPERATORS = new Set(['>', '>>', '<', '>|', '&>', '&>>', '<&', '>&', '<>']);
const CLOSE_OPERATORS = new Set(['<&-', '>&-']);
const DUPLICATING = new Set(['<&', '>&']);
const NETWORK = ['/dev/tcp/', '/dev/udp/'];

/**
 * Checks one redirection: a known operator, an optional file descriptor written right before it,
 * and a target that is neither a `/dev/tcp` or `/dev/udp` path (bash opens a network connection)
 * nor a run-time name that could be one.
 *
 * @param node - a `file_redirect`, `herestring_redirect` or `heredoc_redirect` node
 * @param context - the walk state
 */
export function walkRedirect(node: SyntaxNode, context: ScriptContext): RedirectOutcome {
  if (node.type === 'heredoc_redirect') {
    const { redirects, ...outcome } = checkHeredoc(node, context);
    for (const redirect of redirects) {
      const inner = walkRedirect(redirect, context);
      outcome.extraArguments.push(...inner.extraArguments);
      outcome.pipelines.push(...inner.pipelines);
    }
    return outcome;
  }
  const outcome: RedirectOutcome = { extraArguments: [], pipelines: [] };
  if (node.type !== 'file_redirect' && node.type !== 'herestring_redirect') {
    refuse(context, node, `a redirection the analyser does not accept`);
    return outcome;
  }
  const children = childrenOf(node);
  let index = 0;
  const descriptor = children[0]?.field === 'descriptor' ? children[0] : undefined;
  if (descriptor) {
    index = 1;
    if (descriptor.node.type !== 'file_descriptor' || !/^\d+$/.test(descriptor.node.text)) refuse(context, node, 'a redirection with a file descriptor the analyser does not accept');
  }
  const operator = children[index];
  const known = node.type === 'herestring_redirect' ? operator?.node.type === '<<<' : FILE_OPERATORS.has(operator?.node.type ?? '') || CLOSE_OPERATORS.has(operator?.node.type ?? '');
  if (!operator || operator.node.isNamed || !known || operator.node.text !== operator.node.type) {
    refuse(context, node, 'a redirection operator the analyser does not accept');
    return outcome;
  }
  if (descriptor && descriptor.node.endIndex !== operator.node.startIndex) refuse(context, node, 'a file descriptor separated from its redirection');
  const words = children.slice(index + 1);
  if (badGap({ source: context.source, start: operator.node.endIndex, end: node.endIndex, children: words, kind: 'inline' }) !== undefined) {
    refuse(context, node, 'a redirection with text the parser skipped');
  }
  if (words.some((word) => !word.node.isNamed)) refuse(context, node, 'a redirection with tokens the analyser does not accept');
  const operands = words.filter((word) => word.node.isNamed);
  if (CLOSE_OPERATORS.has(operator.node.type)) return { ...outcome, extraArguments: operands.map((word) => word.node) };
  const [target, ...extra] = operands;
  if (!target) {
    refuse(context, node, 'a redirection without a target');
    return outcome;
  }
  const value = wordValue(target.node, context);
  if (node.type === 'file_redirect') checkTarget({ operator: operator.node.type, target, value, context });
  return { ...outcome, extraArguments: extra.map((word) => word.node) };
}

function checkTarget(input: { operator: string; target: NodeChild; value: WordValue; context: ScriptContext }): void {
  const { operator, target, value, context } = input;
  if (DUPLICATING.has(operator) && !value.dynamic && (/^\d+$/.test(value.text) || value.text === '-')) return;
  if (!value.dynamic) {
    if (NETWORK.some((prefix) => value.text.includes(prefix.slice(0, -1)))) {
      refuse(context, target.node, 'a redirection to /dev/tcp or /dev/udp, which opens a network connection');
    }
    return;
  }
  const prefix = value.staticPrefix;
  const couldBeNetwork = prefix === '' || prefix.startsWith('~') || (prefix.startsWith('/') && NETWORK.some((path) => path.startsWith(prefix) || prefix.startsWith(path)));
  if (couldBeNetwork) {
    refuse(context, target.node, 'a redirection to a file name only known at run time, which could be /dev/tcp/...; start it with a fixed directory such as ./');
  }
}
