import { z } from 'zod';
import { PrincipalSchema } from '../tasks/principal-schema.js';

/** The status of a run. `queued` and `running` are live; every other status is final. */
export const RunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'denied', 'skipped']);

/** A run status. */
export type RunStatus = z.output<typeof RunStatusSchema>;

/** Statuses a run never leaves. */
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'timed_out', 'cancelled', 'denied', 'skipped']);

/** Why a run or an attempt failed: a stable code and a message. */
export const RunErrorSchema = z.object({
  code: z.string().describe('Stable code: a core ErrorCode (TIMEOUT, DENIED, MODEL_UNAVAILABLE...) or a task code (INTERRUPTED, OVERLAP...).'),
  message: z.string(),
});

/** A run error. */
export type RunError = z.output<typeof RunErrorSchema>;

/** One attempt of a run. */
export const AttemptSchema = z.object({
  attempt: z.number().int().min(1),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: z.enum(['running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'interrupted']),
  error: RunErrorSchema.optional(),
});

/** What happened to the delivery of a run's result. */
export const DeliverySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed', 'skipped']),
  at: z.string(),
  error: RunErrorSchema.optional(),
});

/** The persisted record of one run; the run itself is the session `sessionId`. */
export const RunRecordSchema = z.object({
  id: z.string().describe('Run id: "<taskId>:<slot ISO time>" for scheduled runs, "<taskId>:manual-<ISO>-<hex>" for manual ones.'),
  taskId: z.string(),
  sessionId: z.string().describe('The session the run executes in.'),
  trigger: z.enum(['schedule', 'catch-up', 'manual']).describe('schedule: on time; catch-up: for a slot missed while the agent was down; manual: task/run.'),
  status: RunStatusSchema,
  scheduledFor: z.string().describe('The slot (scheduled runs) or request time (manual), ISO.'),
  createdAt: z.string(),
  startedAt: z.string().optional().describe('When the first attempt started.'),
  finishedAt: z.string().optional(),
  attempt: z.number().int().min(0).describe('Attempts started so far.'),
  maxAttempts: z.number().int().min(1),
  retryAt: z.string().optional().describe('When the next attempt may start (a queued run waiting out its backoff).'),
  attempts: z.array(AttemptSchema),
  output: z.string().optional().describe('The final text of the model, or the script result as text.'),
  error: RunErrorSchema.optional(),
  delivery: DeliverySchema.optional(),
  principal: PrincipalSchema.optional(),
  trace: z.record(z.string(), z.string()).optional().describe('The trace context (W3C traceparent) of the call that asked for the run, when tracing is on.'),
});

/** A persisted run record. */
export type RunRecord = z.output<typeof RunRecordSchema>;
