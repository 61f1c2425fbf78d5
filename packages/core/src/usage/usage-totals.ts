import type { UsageRecord } from './usage-record.js';
import type { TokenCounts } from './token-counts.js';

/** Usage summed over a set of steps. */
export interface UsageTotals extends TokenCounts {
  /** Model steps. */
  steps: number;
  /** Distinct turns. */
  turns: number;
  /** The cost of the priced steps, or `null` when no step had a price. */
  cost: number | null;
  /** Steps whose model had no price: their tokens count, their cost is unknown. */
  unpricedSteps: number;
  /** The models that ran, `<provider>:<modelId>`, sorted. */
  models: string[];
}

/** Sums records into totals. */
export function sumUsage(records: Iterable<UsageRecord>): UsageTotals {
  const turns = new Set<string>();
  const models = new Set<string>();
  const totals: UsageTotals = { steps: 0, turns: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 0, cost: null, unpricedSteps: 0, models: [] };
  for (const record of records) {
    totals.steps++;
    turns.add(`${record.sessionId}\u0000${record.turnId}`);
    models.add(record.model);
    totals.inputTokens += record.inputTokens;
    totals.outputTokens += record.outputTokens;
    totals.cachedInputTokens += record.cachedInputTokens;
    totals.reasoningTokens += record.reasoningTokens;
    totals.totalTokens += record.totalTokens;
    if (record.cost === null) totals.unpricedSteps++;
    else totals.cost = (totals.cost ?? 0) + record.cost;
  }
  totals.turns = turns.size;
  totals.models = [...models].sort();
  return totals;
}
