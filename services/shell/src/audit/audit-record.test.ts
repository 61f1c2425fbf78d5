import { describe, expect, it } from 'vitest';
import { auditRecordSchema, createAuditRecord } from './audit-record.js';

const fields = {
  sessionId: 'telegram:42',
  principal: 'user:7',
  argv: ['ls', '-la'],
  cwd: '/srv/workspace',
  decision: 'allow' as const,
  reason: 'Allowed: ls.',
  outcome: 'ran' as const,
  exitCode: 0,
  durationMs: 12,
  timedOut: false,
  truncated: false,
};

describe('audit records', () => {
  it('fills in id and timestamp', () => {
    const record = createAuditRecord(fields);
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(record.at).toISOString()).toBe(record.at);
    expect(auditRecordSchema.parse(record)).toEqual(record);
  });

  it('records a denied command that never ran', () => {
    expect(createAuditRecord({ ...fields, decision: 'deny', outcome: 'denied', deniedBy: 'policy', exitCode: null, durationMs: 0 })).toMatchObject({
      exitCode: null,
      kind: 'exec',
      deniedBy: 'policy',
    });
  });

  it('rejects unknown decisions and extra fields', () => {
    expect(() => createAuditRecord({ ...fields, decision: 'maybe' as 'allow' })).toThrow();
    expect(() => auditRecordSchema.parse({ ...createAuditRecord(fields), secret: 'x' })).toThrow();
  });
});
