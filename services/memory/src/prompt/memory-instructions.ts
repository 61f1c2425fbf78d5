import type { InstructionsContributor } from '@downcity/core';
import { MAX_QUERY_CHARS } from '../actions/recall-action.js';
import { recallForCaller } from '../recall/recall-for-caller.js';
import type { MemoryRuntime } from '../runtime.js';
import { formatMemories } from './format-memories.js';

/**
 * The system prompt contribution: the memories most relevant to the turn's newest user message,
 * from the turn's own agent, user and session scopes, within `promptBudgetTokens`.
 */
export function memoryInstructions(runtime: MemoryRuntime, owner: string): InstructionsContributor {
  return async (turn) => {
    const query = turn.inputText.trim().slice(0, MAX_QUERY_CHARS);
    if (runtime.config.promptBudgetTokens === 0 || query === '') return undefined;
    const memories = await recallForCaller(
      runtime,
      { caller: owner, sessionId: turn.session.id, ...(turn.principal ? { principal: turn.principal } : {}) },
      { query, limit: runtime.config.promptMaxMemories, signal: turn.signal },
    );
    return formatMemories(memories, runtime.config.promptBudgetTokens);
  };
}
