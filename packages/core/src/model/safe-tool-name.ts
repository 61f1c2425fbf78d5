import { createHash } from 'node:crypto';

/** The longest tool name providers accept (`^[a-zA-Z0-9_-]{1,64}$`). */
export const MAX_TOOL_NAME_LENGTH = 64;

/**
 * A provider-safe tool name for an action name, the same every time: `/` and every character
 * outside `[a-zA-Z0-9_-]` become `_`; a name longer than 64 characters keeps its first 55 and ends
 * with `_` and 8 hex digits of the SHA-256 of the full action name. `chat/send` becomes `chat_send`,
 * `mcp/github/create.issue` becomes `mcp_github_create_issue`.
 */
export function safeToolName(actionName: string): string {
  const safe = actionName.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (safe.length <= MAX_TOOL_NAME_LENGTH) return safe;
  const hash = createHash('sha256').update(actionName).digest('hex').slice(0, 8);
  return `${safe.slice(0, MAX_TOOL_NAME_LENGTH - 9)}_${hash}`;
}
