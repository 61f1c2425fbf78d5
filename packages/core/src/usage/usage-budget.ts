import type { UsageTotals } from './usage-totals.js';
import type { UsageLimit, UsageSettings } from './usage-settings.js';

/** Whether a principal may start a turn now. */
export type BudgetVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** For logs: who, which limit, how much was used. */
      reason: string;
      /** What the user is told. */
      reply: string;
      /** The limit that was reached. */
      limit: UsageLimit;
      /** When the budget resets (the next 00:00 UTC), epoch milliseconds. */
      resetsAt: number;
    };

/** The daily limit of a principal: its own override, else `perPrincipalDaily`; `undefined` when none applies. */
export function limitFor(settings: UsageSettings, principalId: string): UsageLimit | undefined {
  const limit = settings.budgets.byPrincipal[principalId] ?? settings.budgets.perPrincipalDaily;
  return limit && (limit.tokens !== undefined || limit.cost !== undefined) ? limit : undefined;
}

const count = (value: number): string => value.toLocaleString('en-US');
const money = (value: number, currency: string): string => `${value.toFixed(value < 1 ? 4 : 2)} ${currency}`;

/** The next 00:00 UTC after `at`. */
export const nextUtcMidnight = (at: number): number => {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
};

/**
 * Compares a principal's usage today with its limit. Tokens count every step; cost counts the priced steps
 * only (a model without a price adds no cost). A turn in progress is not stopped: the check runs before a turn.
 */
export function budgetVerdict(options: { settings: UsageSettings; principalId: string; today: UsageTotals; now: number }): BudgetVerdict {
  const { settings, principalId, today, now } = options;
  const limit = limitFor(settings, principalId);
  if (!limit) return { allowed: true };
  const resetsAt = nextUtcMidnight(now);
  if (limit.tokens !== undefined && today.totalTokens >= limit.tokens) {
    return {
      allowed: false,
      reason: `${principalId} used ${today.totalTokens} tokens today; the daily budget is ${limit.tokens}`,
      reply: `You have used your daily budget of ${count(limit.tokens)} tokens (${count(today.totalTokens)} used today). It resets at 00:00 UTC.`,
      limit,
      resetsAt,
    };
  }
  if (limit.cost !== undefined && (today.cost ?? 0) >= limit.cost) {
    return {
      allowed: false,
      reason: `${principalId} used ${today.cost ?? 0} ${settings.currency} today; the daily budget is ${limit.cost}`,
      reply: `You have used your daily budget of ${money(limit.cost, settings.currency)} (${money(today.cost ?? 0, settings.currency)} used today). It resets at 00:00 UTC.`,
      limit,
      resetsAt,
    };
  }
  return { allowed: true };
}
