/** Tool names allow letters, digits, `_` and `-`; `chat/send` becomes `chat_send`. */
export function toolNameOf(actionName: string): string {
  return actionName.replace(/\//g, '_');
}
