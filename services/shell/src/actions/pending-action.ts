import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { cancelApproval, recheckApproval } from '../service/cancel-approval.js';
import { displayCommand } from '../service/display-command.js';
import type { ShellRuntime } from '../service/shell-runtime.js';

/** Input of `shell/pending`. */
export const pendingInputSchema = z.object({
  sessionId: z.string().min(1).optional().describe('Only the requests of this session.'),
});

/** Output of `shell/pending`. */
export const pendingOutputSchema = z.object({
  pending: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['exec', 'session']),
      command: z.string().describe('The command as shown to the user.'),
      argv: z.array(z.string()),
      sessionId: z.string(),
      requestedBy: z.string(),
      reason: z.string(),
      createdAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
    }),
  ),
});

/** Input of `shell/pending`. */
export type PendingInput = z.input<typeof pendingInputSchema>;
/** Output of `shell/pending`. */
export type PendingOutput = z.output<typeof pendingOutputSchema>;

/**
 * `shell/pending`: lists the commands waiting for approval that have not expired, oldest first.
 * Each is checked again first (approval mode, policy, `shell/before-exec` guards, for the principal
 * who asked); one that may no longer run, say because its requester's access was revoked, is
 * cancelled (audited with the reason) and not listed.
 *
 * @param runtime - the shell service runtime
 */
export function pendingAction(runtime: ShellRuntime) {
  return defineAction({
    description: 'List the shell commands waiting for the user\'s approval.',
    input: pendingInputSchema,
    output: pendingOutputSchema,
    tool: false,
    run: async (input, call) => {
      const now = Date.now();
      const approvals = await runtime.approvals.list(input.sessionId === undefined ? {} : { sessionId: input.sessionId });
      const waiting = [];
      for (const approval of approvals) {
        if (approval.expiresAt <= now) continue;
        const cancellation = await recheckApproval(runtime, approval, call.signal);
        if (cancellation) await cancelApproval(runtime, approval, cancellation);
        else waiting.push(approval);
      }
      return {
        pending: waiting.map((approval) => ({
            id: approval.id,
            kind: approval.kind,
            command: displayCommand(approval),
            argv: approval.argv,
            sessionId: approval.sessionId,
            requestedBy: approval.requestedBy,
            reason: approval.reason,
            createdAt: new Date(approval.createdAt).toISOString(),
            expiresAt: new Date(approval.expiresAt).toISOString(),
          })),
      };
    },
  });
}
