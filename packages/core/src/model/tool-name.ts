import { safeToolName } from './safe-tool-name.js';

/** Tool names allow letters, digits, `_` and `-` (at most 64); `chat/send` becomes `chat_send` (see {@link safeToolName}). */
export function toolNameOf(actionName: string): string {
  return safeToolName(actionName);
}
