import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { ToolApprovals } from './tool-approvals.js';

/** Input of `mcp/approve` and `mcp/deny`: the approval `id`, or the fields a chat command passes (`args` carries the id). */
export const ToolApprovalAnswerInputSchema = z.object({
  id: z.string().min(1).max(64).optional().describe('The approval id from the request.'),
  args: z.string().max(1_000).optional().describe('Chat command arguments; the first word is the id.'),
  text: z.string().optional().describe('The whole chat message (ignored).'),
  sessionId: z.string().optional().describe('The chat session answering.'),
});

/** Input of `mcp/approve` and `mcp/deny`. */
export type ToolApprovalAnswerInput = z.output<typeof ToolApprovalAnswerInputSchema>;

/** Output of `mcp/approve` and `mcp/deny`: a reply for the user. */
export const ToolApprovalAnswerSchema = z.object({
  status: z
    .enum(['ran', 'failed', 'denied', 'expired', 'cancelled', 'not-found', 'forbidden'])
    .describe('"cancelled": checked again before calling, the call is no longer allowed (e.g. the requester\'s access was revoked).'),
  reply: z.string().describe('What to tell the user (the chat command sends it).'),
  handled: z.literal(false).optional().describe('false: no MCP tool call waits with this id; the chat command asks the next service (e.g. the shell).'),
});

/** Output of `mcp/approve` and `mcp/deny`. */
export type ToolApprovalAnswer = z.output<typeof ToolApprovalAnswerSchema>;

/**
 * `mcp/approve` or `mcp/deny`: the chat commands `/approve <id>` and `/deny <id>` for MCP tool calls waiting for
 * approval, or the operator's answer (a call without a principal from the host app, the CLI or the console).
 *
 * @param approvals - the pending tool calls
 * @param approve - which of the two
 */
export function toolApprovalAnswerAction(approvals: ToolApprovals, approve: boolean) {
  return defineAction({
    description: approve
      ? 'Approve an MCP tool call waiting for approval and make it; only the person who asked, in the same conversation, or the operator (no principal) may.'
      : 'Deny an MCP tool call waiting for approval; only the person who asked, in the same conversation, or the operator (no principal) may.',
    input: ToolApprovalAnswerInputSchema,
    output: ToolApprovalAnswerSchema,
    tool: false,
    run: (input, call) => approvals.answer(input, call, approve),
  });
}
