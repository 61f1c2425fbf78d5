import type { RegisteredHandler } from '../extension/extension-registry.js';
import { DowncityAttributes } from './gen-ai-attributes.js';
import { withSpan } from './with-span.js';

/** `allow` or `deny` for a guard's verdict, `ok` for any other handler's result. */
function outcomeOf(handler: RegisteredHandler, result: unknown): string {
  if (handler.kind !== 'guard') return 'ok';
  return typeof result === 'object' && result !== null && (result as { allow?: unknown }).allow === true ? 'allow' : 'deny';
}

/**
 * Runs one extension-point handler inside a `<kind> <point>` span (e.g. `guard chat/authorize`) with the
 * point, its kind, the package that attached the handler and the outcome; a throw or timeout is `error`.
 */
export function traceHandler<T>(handler: RegisteredHandler, run: () => Promise<T>): Promise<T> {
  const attributes = {
    [DowncityAttributes.extensionPoint]: handler.point,
    [DowncityAttributes.extensionKind]: handler.kind,
    [DowncityAttributes.extensionOwner]: handler.owner,
  };
  return withSpan(`${handler.kind} ${handler.point}`, { attributes }, async (span) => {
    try {
      const result = await run();
      span.setAttribute(DowncityAttributes.extensionOutcome, outcomeOf(handler, result));
      return result;
    } catch (error) {
      span.setAttribute(DowncityAttributes.extensionOutcome, 'error');
      throw error;
    }
  });
}
