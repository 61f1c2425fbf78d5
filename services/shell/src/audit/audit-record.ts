import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { policyDecisionSchema } from '../policy/policy.js';

/** One shell command as the audit log records it: who asked, what the policy said, what happened. */
export const auditRecordSchema = z.strictObject({
  id: z.string().min(1).describe('Unique id of this record.'),
  at: z.iso.datetime().describe('When the command was requested, ISO 8601 UTC.'),
  sessionId: z.string().min(1).describe('The agent session the command belongs to.'),
  principal: z.string().min(1).describe('Who asked for the command: a user id, a plugin or the agent itself.'),
  argv: z.array(z.string()).describe('The command as checked by the policy, program first.'),
  cwd: z.string().describe('Working directory the command ran in (or would have).'),
  decision: policyDecisionSchema.describe('The policy decision.'),
  reason: z.string().describe('The policy reason shown to the user.'),
  exitCode: z.number().int().nullable().describe('Exit code; null when the command did not run or was killed.'),
  durationMs: z.number().nonnegative().describe('Wall-clock run time; 0 when it did not run.'),
  timedOut: z.boolean().describe('Killed for running past its timeout.'),
  truncated: z.boolean().describe('Its output was cut at the output cap.'),
});

/** One audit record. */
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/**
 * Builds a valid audit record, filling in `id` and `at` when they are not given.
 *
 * @param fields - the record's fields; `id` defaults to a random UUID, `at` to now
 * @returns the validated record
 */
export function createAuditRecord(fields: Omit<AuditRecord, 'id' | 'at'> & Partial<Pick<AuditRecord, 'id' | 'at'>>): AuditRecord {
  return auditRecordSchema.parse({ id: randomUUID(), at: new Date().toISOString(), ...fields });
}
