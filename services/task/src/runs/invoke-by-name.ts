import type { Invoke, InvokeOptions } from '@downcity/core';

/** `invoke` for action names known only at runtime (from config, or a service that may not be installed). */
export type InvokeByName = (name: string, input: unknown, options?: InvokeOptions) => Promise<unknown>;

/**
 * Widens the typed `invoke` to take any action name. The task service calls actions named in task
 * definitions and `chat/send` without depending on the chat package; the registry still validates
 * the name and the input at runtime.
 */
export function invokeByName(invoke: Invoke): InvokeByName {
  return invoke as unknown as InvokeByName;
}
