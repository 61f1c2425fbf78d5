import type { NewMessage, Store, StoredMessage } from '../store/store.js';
import type { StepTokens, UsageLedger } from './usage-ledger.js';

/**
 * Stores a finished step's messages: with its usage record in one atomic batch when the agent keeps a usage
 * ledger, else as a plain append.
 */
export function appendStep(
  dependencies: { store: Store; usage?: UsageLedger | undefined },
  messages: NewMessage[],
  step: { sessionId: string; turnId: string; step: number; principalId: string | undefined; model: string; tokens: StepTokens },
): Promise<StoredMessage[]> {
  if (!dependencies.usage) return dependencies.store.messages.append(step.sessionId, messages);
  return dependencies.usage.appendStep(messages, { ...step, ...(step.principalId === undefined ? {} : { principalId: step.principalId }) });
}
