import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { answerApproval } from '../service/answer-approval.js';
import type { ShellRuntime } from '../service/shell-runtime.js';
import { ranResultSchema } from './command-result.js';

/**
 * Input of `shell/approve` and `shell/deny`: the approval `id`, or the fields a chat command
 * passes (`args` carries the id: `/approve 3f9a1c20`).
 */
export const approvalAnswerInputSchema = z.object({
  id: z.string().min(1).max(64).optional().describe('The approval id from the request.'),
  args: z.string().max(1_000).optional().describe('Chat command arguments; the first word is the id.'),
  text: z.string().optional().describe('The whole chat message (ignored).'),
  sessionId: z.string().optional().describe('The chat session answering.'),
});

/** Input of `shell/approve` and `shell/deny`. */
export type ApprovalAnswerInput = z.output<typeof approvalAnswerInputSchema>;

/** Output of `shell/approve` and `shell/deny`: a reply for the chat user, and the result when the command ran. */
export const approvalAnswerSchema = z.object({
  status: z
    .enum(['ran', 'failed', 'denied', 'expired', 'cancelled', 'not-found', 'forbidden'])
    .describe('"cancelled": checked again before running, the command is no longer allowed (e.g. the requester\'s access was revoked), so it did not run.'),
  reply: z.string().describe('What to tell the user (the chat command sends it).'),
  result: ranResultSchema.optional().describe('The command\'s result, when it ran.'),
  handled: z
    .literal(false)
    .optional()
    .describe('false: no id was given, or no shell command waits with this id (it may be another service\'s approval, e.g. an MCP tool call); the chat command then asks the next service.'),
});

/** Output of `shell/approve` and `shell/deny`. */
export type ApprovalAnswer = z.output<typeof approvalAnswerSchema>;

/**
 * `shell/approve` or `shell/deny`, answered by the chat commands `/approve <id>` and `/deny <id>`, or by the
 * operator: a call without a principal from the host app, the CLI or a package such as the console (decision 0016).
 *
 * @param runtime - the shell service runtime
 * @param approve - which of the two
 */
export function approvalAnswerAction(runtime: ShellRuntime, approve: boolean) {
  return defineAction({
    description: approve
      ? 'Approve a command waiting for approval and run it; only the person who asked, in the same conversation, or the operator (no principal) may.'
      : 'Deny a command waiting for approval; only the person who asked, in the same conversation, or the operator (no principal) may.',
    input: approvalAnswerInputSchema,
    output: approvalAnswerSchema,
    tool: false,
    run: (input, call) => answerApproval(runtime, input, call, approve),
  });
}
