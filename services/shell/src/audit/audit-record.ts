import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { policyDecisionSchema } from '../policy/policy.js';

/** What became of a requested command. */
export const auditOutcomeSchema = z.enum(['ran', 'denied', 'pending', 'failed']);

/**
 * Who or what stopped a command that did not run. `cancelled`: its pending approval was withdrawn
 * through `shell/cancel-pending` (for example by auth when the requester's access was revoked).
 */
export const deniedBySchema = z.enum(['policy', 'mode', 'guard', 'user', 'expired', 'no-approver', 'cancelled']);

/** One shell command as the audit log records it: who asked, what the policy said, what happened. */
export const auditRecordSchema = z.strictObject({
  id: z.string().min(1).describe('Unique id of this record.'),
  at: z.iso.datetime().describe('When the record was written, ISO 8601 UTC.'),
  sessionId: z.string().min(1).nullable().describe('The agent session the command belongs to; null when it came from outside any session.'),
  principal: z
    .string()
    .min(1)
    .describe('Who asked for the command: the principal id (e.g. "telegram:42"), else the caller ("model", "agent" or a package id).'),
  kind: z.enum(['exec', 'session']).default('exec').describe('"exec" for a one-shot argv, "session" for a line in a persistent shell.'),
  argv: z.array(z.string()).describe('The command as checked by the policy, program first.'),
  cwd: z.string().describe('Working directory the command ran in (or would have), as requested.'),
  decision: policyDecisionSchema.describe('The policy decision.'),
  reason: z.string().describe('The policy reason, or why the command was stopped.'),
  outcome: auditOutcomeSchema.describe('ran, denied, pending (waiting for approval) or failed (could not be started).'),
  deniedBy: deniedBySchema.optional().describe('Who stopped it, when the outcome is denied.'),
  approvalId: z.string().min(1).optional().describe('The approval request this record belongs to.'),
  approvedBy: z.string().min(1).optional().describe('The principal who approved the command.'),
  error: z.string().optional().describe('Why the command could not be started, when the outcome is failed.'),
  exitCode: z.number().int().nullable().describe('Exit code; null when the command did not run or was killed.'),
  durationMs: z.number().nonnegative().describe('Wall-clock run time; 0 when it did not run.'),
  timedOut: z.boolean().describe('Killed for running past its timeout.'),
  truncated: z.boolean().describe('Its output was cut at the output cap.'),
});

/** One audit record. */
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** The fields of an audit record as given to {@link createAuditRecord}. */
export type AuditRecordInput = Omit<z.input<typeof auditRecordSchema>, 'id' | 'at'> & Partial<Pick<AuditRecord, 'id' | 'at'>>;

/**
 * Builds a valid audit record, filling in `id` and `at` when they are not given.
 *
 * @param fields - the record's fields; `id` defaults to a random UUID, `at` to now
 * @returns the validated record
 */
export function createAuditRecord(fields: AuditRecordInput): AuditRecord {
  return auditRecordSchema.parse({ id: randomUUID(), at: new Date().toISOString(), ...fields });
}
