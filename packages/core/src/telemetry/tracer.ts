import { trace, type Tracer } from '@opentelemetry/api';
import { coreVersion } from '../version.js';

/** The instrumentation scope of Downcity's spans: `@downcity/core` at the running version. */
export const TRACER_NAME = '@downcity/core';

/**
 * The tracer Downcity's spans come from. It is looked up on each call, so a tracer provider registered
 * after the agent was created (or swapped by a test) is used; with none registered it is the API's no-op
 * tracer, which costs next to nothing.
 */
export function downcityTracer(): Tracer {
  return trace.getTracer(TRACER_NAME, coreVersion);
}
