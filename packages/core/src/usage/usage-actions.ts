import type { z } from 'zod';
import type { ActionSignature } from '../action/action.js';
import type { BudgetCheckOutputSchema, UsageReportInputSchema, UsageReportOutputSchema } from './usage-actions-definition.js';

/** The input of `usage/report`. */
export type UsageReportInput = z.input<typeof UsageReportInputSchema>;
/** The output of `usage/report`. */
export type UsageReportOutput = z.output<typeof UsageReportOutputSchema>;
/** The output of `usage/check`. */
export type BudgetCheckOutput = z.output<typeof BudgetCheckOutputSchema>;

/** The usage service's actions, part of the `Actions` interface. */
export interface UsageActions {
  /** Token usage and cost over a range of UTC days, grouped. Operator only. */
  'agent/usage': ActionSignature<UsageReportInput, UsageReportOutput>;
  /** Whether a principal is within its daily budget; when not, the reply to give. */
  'agent/budget': ActionSignature<{ principalId: string }, BudgetCheckOutput>;
}
