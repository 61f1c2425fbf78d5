import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { auditOutcomeSchema, auditRecordSchema } from '../audit/audit-record.js';
import type { ShellRuntime } from '../service/shell-runtime.js';

/** Input of `shell/audit`. */
export const auditInputSchema = z.object({
  sessionId: z.string().min(1).optional().describe('Only records of this session.'),
  principal: z.string().min(1).optional().describe('Only records requested by this principal id (or caller, e.g. "model").'),
  outcome: auditOutcomeSchema.optional().describe('Only records with this outcome.'),
  limit: z.number().int().min(1).max(1_000).default(50).describe('At most this many records, newest first.'),
});

/** Output of `shell/audit`. */
export const auditOutputSchema = z.object({ records: z.array(auditRecordSchema) });

/** Input of `shell/audit`. */
export type AuditInput = z.input<typeof auditInputSchema>;
/** Output of `shell/audit`. */
export type AuditOutput = z.output<typeof auditOutputSchema>;

/**
 * `shell/audit`: lists audit records, newest first.
 *
 * @param runtime - the shell service runtime
 */
export function auditAction(runtime: ShellRuntime) {
  return defineAction({
    description: 'List shell audit records (who ran what, where, with which outcome), newest first.',
    input: auditInputSchema,
    output: auditOutputSchema,
    tool: false,
    run: async (input) => ({
      records: await runtime.audit.list({
        limit: input.limit,
        ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
        ...(input.principal === undefined ? {} : { principal: input.principal }),
        ...(input.outcome === undefined ? {} : { outcome: input.outcome }),
      }),
    }),
  });
}
