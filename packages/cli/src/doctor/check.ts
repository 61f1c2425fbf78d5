import { redactSecrets } from '@downcity/core';

/** The outcome of one doctor check. */
export interface CheckResult {
  /** A stable id, e.g. `node`, `config`, `channel:telegram`. */
  id: string;
  /** What was checked, for people. */
  title: string;
  /** `pass`, `fail` (counts as a problem), `warn` (worth knowing, not a problem) or `skip` (not needed here). */
  status: 'pass' | 'fail' | 'warn' | 'skip';
  /** What was found. */
  detail: string;
  /** How to fix it (fail and warn). */
  hint?: string;
}

/** Runs a check; a check that throws fails with the (redacted) error message. */
export async function runCheck(id: string, title: string, check: () => Promise<Omit<CheckResult, 'id' | 'title'>>): Promise<CheckResult> {
  try {
    const result = await check();
    return { id, title, ...result, detail: redactSecrets(result.detail) };
  } catch (error) {
    return { id, title, status: 'fail', detail: redactSecrets(error instanceof Error ? error.message : String(error)) };
  }
}
