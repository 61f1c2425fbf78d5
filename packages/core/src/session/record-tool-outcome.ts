import type { Logger } from '../logger/logger.js';
import { toolNameOf } from '../model/model-tools.js';
import type { JsonObject, JsonValue } from '../store/store.js';
import type { SessionApi } from './session-api.js';

/** What {@link recordToolOutcome} adds to a session. */
export interface ToolOutcomeRecord {
  /** The session the call belongs to; nothing is added when it no longer exists. */
  sessionId: string;
  /** The action the outcome belongs to, e.g. `shell/exec`; shown to the model under its tool name. */
  action: string;
  /** The tool call id of the pair, e.g. `shell-approval-<id>`. */
  toolCallId: string;
  /** The call's input, as the model would have written it. */
  input: JsonObject;
  /** The tool result value. */
  outcome: JsonValue;
  /** Metadata stored on both messages, e.g. `{ source: 'shell/approval', approvalId }`. */
  metadata: JsonObject;
}

/**
 * Adds the outcome of a call that finished outside a model turn (e.g. a command or tool call the user approved
 * later) to its session as an assistant tool call and its tool result, so the model's next turn sees what
 * happened. The outcome stays in a tool result, never in a user or assistant text. Failures are logged, never thrown.
 *
 * @param session - the session capabilities of the caller's context
 * @param logger - where a failure is logged
 * @param record - the session, the call and its outcome
 */
export async function recordToolOutcome(session: SessionApi, logger: Logger, record: ToolOutcomeRecord): Promise<void> {
  try {
    if (!(await session.get(record.sessionId))) return;
    const toolName = toolNameOf(record.action);
    const { toolCallId, input, metadata } = record;
    await session.append(record.sessionId, [
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId, toolName, input }], metadata },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output: { type: 'json', value: record.outcome } }], metadata },
    ]);
  } catch (error) {
    logger.warn({ err: error, sessionId: record.sessionId, toolCallId: record.toolCallId }, 'could not add the outcome of a call to its session');
  }
}
