import { z } from 'zod';
import { defineAction } from '../action/action.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { UsageLedger } from './usage-ledger.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day as YYYY-MM-DD, e.g. 2026-01-31');

const TotalsSchema = z.object({
  steps: z.number(),
  turns: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  cost: z.number().nullable(),
  unpricedSteps: z.number(),
  models: z.array(z.string()),
});

/** The input of `usage/report`. */
export const UsageReportInputSchema = z
  .object({
    since: Day.describe('The first UTC day, included.'),
    until: Day.describe('The last UTC day, included.'),
    groupBy: z.enum(['session', 'principal', 'day', 'model', 'turn']).default('day'),
    sessionId: z.string().min(1).optional(),
    principalId: z.string().min(1).optional(),
  })
  .strict();

/** The output of `usage/report`. */
export const UsageReportOutputSchema = z.object({
  currency: z.string(),
  since: z.string(),
  until: z.string(),
  groupBy: z.enum(['session', 'principal', 'day', 'model', 'turn']),
  groups: z.array(TotalsSchema.extend({ key: z.string() })),
  total: TotalsSchema,
  truncated: z.boolean(),
});

/** The output of `usage/check`. */
export const BudgetCheckOutputSchema = z.object({
  allowed: z.boolean(),
  reply: z.string().optional(),
  reason: z.string().optional(),
  resetsAt: z.number().optional(),
});

/** The usage actions of the built-in `agent` service, as its manifest declares them. */
export const usageActionManifest = {
  'agent/usage': { description: 'Token usage and cost over a range of UTC days, grouped.', tool: false },
  'agent/budget': { description: 'Whether a principal is within its daily budget.', tool: false },
} as const;

/**
 * The usage actions of the agent's built-in service (id `agent`): `agent/usage` (token usage and cost over
 * days, grouped by session, principal, day, model or turn; operator only) and `agent/budget` (whether a
 * principal is within its daily budget, asked by the chat service before it stores a message for a turn).
 */
export function usageActions(ledger: () => UsageLedger | undefined) {
  const current = (): UsageLedger => {
    const found = ledger();
    if (!found) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The usage ledger is not running: start the agent first.');
    return found;
  };
  return {
    usage: defineAction({
      description: 'Token usage and cost over a range of UTC days, grouped by session, principal, day, model or turn. Operator only.',
      input: UsageReportInputSchema,
      output: UsageReportOutputSchema,
      run: (input, call) => {
        if (call.principal !== undefined) {
          throw new DowncityError(ErrorCodes.DENIED, `agent/usage is for the operator only (the CLI or the host app), not on behalf of ${call.principal.id}.`);
        }
        return current().report({
          since: input.since,
          until: input.until,
          groupBy: input.groupBy,
          ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
          ...(input.principalId === undefined ? {} : { principalId: input.principalId }),
        });
      },
    }),
    budget: defineAction({
      description: 'Whether a principal is within its daily budget; when not, the reply to give.',
      input: z.object({ principalId: z.string().min(1) }).strict(),
      output: BudgetCheckOutputSchema,
      run: async ({ principalId }) => {
        const verdict = await current().check(principalId);
        return verdict.allowed ? { allowed: true } : { allowed: false, reply: verdict.reply, reason: verdict.reason, resetsAt: verdict.resetsAt };
      },
    }),
  };
}
