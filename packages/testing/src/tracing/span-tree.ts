import type { ReadableSpan } from '@opentelemetry/sdk-trace';

/** A span with the spans started under it, for asserting the shape of a trace. */
export interface SpanNode {
  /** The span's name. */
  name: string;
  /** The span itself (attributes, status, links, events). */
  span: ReadableSpan;
  /** Its child spans, in start order. */
  children: SpanNode[];
}

const startOf = (span: ReadableSpan): number => span.startTime[0] * 1e9 + span.startTime[1];

/**
 * The ended spans arranged by parent: the roots (spans whose parent is not among them), each with its
 * children in start order.
 */
export function spanTree(spans: readonly ReadableSpan[]): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const span of [...spans].sort((left, right) => startOf(left) - startOf(right))) {
    nodes.set(span.spanContext().spanId, { name: span.name, span, children: [] });
  }
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanContext?.spanId;
    const parent = parentId === undefined ? undefined : nodes.get(parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
