import { trace } from '@opentelemetry/api';

/** Log fields of the active span. */
export interface LogTraceFields {
  /** The trace id, 32 hex digits. */
  trace_id?: string;
  /** The span id, 16 hex digits. */
  span_id?: string;
}

const none: LogTraceFields = {};

/** `trace_id` and `span_id` of the active span, or nothing when no valid span is active (a pino mixin). */
export function logTraceFields(): LogTraceFields {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return none;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
