import { z } from 'zod';
import { deniedBySchema } from '../audit/audit-record.js';

/** A command that ran (whatever its exit code). */
export const ranResultSchema = z.object({
  status: z.literal('ran'),
  exitCode: z.number().int().nullable().describe('Exit code; null when killed by a signal.'),
  signal: z.string().nullable().describe('The signal that killed it, if any.'),
  stdout: z.string().describe('Standard output, control bytes replaced by U+FFFD, capped (with stderr) with a truncation marker.'),
  stderr: z.string().describe('Standard error, control bytes replaced by U+FFFD, capped (with stdout) with a truncation marker.'),
  truncated: z.boolean().describe('Whether output was cut at the cap.'),
  timedOut: z.boolean().describe('Whether it was killed for running past its timeout.'),
  durationMs: z.number().nonnegative(),
  cwd: z.string().optional().describe('The persistent shell\'s working directory afterwards, relative to the workspace (session-run only).'),
  notice: z.string().optional().describe('What happened to the persistent shell, e.g. that it was restarted fresh.'),
  auditId: z.string(),
});

/** A command that was not run. */
export const deniedResultSchema = z.object({
  status: z.literal('denied'),
  reason: z.string().describe('Why, in words to pass on to the user.'),
  deniedBy: deniedBySchema,
  auditId: z.string(),
});

/** A command waiting for the chat user's approval. */
export const pendingResultSchema = z.object({
  status: z.literal('pending'),
  approvalId: z.string(),
  reason: z.string().describe('Why it needs approval.'),
  message: z.string().describe('What happens next.'),
  expiresAt: z.iso.datetime(),
  auditId: z.string(),
});

/** The result of `shell/exec` and `shell/session-run`, as the model sees it. */
export const commandResultSchema = z.discriminatedUnion('status', [ranResultSchema, deniedResultSchema, pendingResultSchema]);

/** The result of `shell/exec` and `shell/session-run`. */
export type CommandResult = z.output<typeof commandResultSchema>;

/** A command that ran. */
export type RanResult = z.output<typeof ranResultSchema>;
