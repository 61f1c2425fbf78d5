import { DowncityError, ErrorCodes, defineAction } from '@downcity/core';
import { z } from 'zod';
import { cancelApproval } from '../service/cancel-approval.js';
import type { ShellRuntime } from '../service/shell-runtime.js';

/** Input of `shell/cancel-pending`. */
export const cancelPendingInputSchema = z.object({
  principalId: z.string().min(1).max(1_000).describe('Whose pending commands to cancel: the principal id (or caller) that asked, e.g. "telegram:123456".'),
  reason: z.string().min(1).max(1_000).optional().describe('Why, stored in the audit log and shown to the model.'),
});

/** Output of `shell/cancel-pending`. */
export const cancelPendingOutputSchema = z.object({
  cancelled: z.array(z.string()).describe('The ids of the approvals that were cancelled.'),
});

/** Input of `shell/cancel-pending`. */
export type CancelPendingInput = z.input<typeof cancelPendingInputSchema>;
/** Output of `shell/cancel-pending`. */
export type CancelPendingOutput = z.output<typeof cancelPendingOutputSchema>;

/**
 * `shell/cancel-pending`: withdraws every command one principal is waiting to have approved, so
 * `/approve` can no longer run them; each is audited as denied (`cancelled`) with the reason. For the
 * host app and plugins (auth calls it when it revokes a principal); a call on a principal's behalf
 * may cancel only that principal's own requests. Never a tool.
 *
 * @param runtime - the shell service runtime
 */
export function cancelPendingAction(runtime: ShellRuntime) {
  return defineAction({
    description: "Cancel every command a principal is waiting to have approved (e.g. when the principal's access is revoked).",
    input: cancelPendingInputSchema,
    output: cancelPendingOutputSchema,
    tool: false,
    run: async (input, call) => {
      if (call.caller === 'model' || (call.principal !== undefined && call.principal.id !== input.principalId)) {
        throw new DowncityError(ErrorCodes.DENIED, `Only the host app, a plugin, or ${input.principalId} itself may cancel ${input.principalId}'s pending shell commands.`);
      }
      const reason = input.reason ?? `Cancelled by ${call.principal?.id ?? call.caller} before it ran.`;
      const cancelled: string[] = [];
      for (const approval of await runtime.approvals.list()) {
        if ((approval.principal?.id ?? approval.requestedBy) !== input.principalId) continue;
        if (await cancelApproval(runtime, approval, { deniedBy: 'cancelled', reason })) cancelled.push(approval.id);
      }
      return { cancelled };
    },
  });
}
