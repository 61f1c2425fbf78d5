import { z } from 'zod';
import { ScheduleSchema } from '../schedule/schedule-schema.js';

/** A task id: 1-64 letters, digits, `_`, `.` or `-`, e.g. `daily-report`. */
export const TaskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit (e.g. "daily-report")');

/** A script: run another service's action, or a handler registered in code; no model involved. */
export const ScriptSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('action'),
      action: z
        .string()
        .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'must be an action name "<service>/<action>", e.g. "memory/export"')
        .describe('The action to invoke, "<service>/<action>".'),
      input: z.record(z.string(), z.json()).default({}).describe('The action input.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('handler'),
      name: z.string().min(1).max(100).describe('A script handler registered with createTaskService({ scripts }).'),
      input: z.record(z.string(), z.json()).default({}).describe('Passed to the handler.'),
    })
    .strict(),
]);

/** Where a run's result goes: a chat session, a channel target, or nowhere. */
export const DeliverSchema = z.union([
  z.literal('none'),
  z
    .object({
      sessionId: z.string().min(1).max(256).describe('A chat session id, e.g. "chat:telegram:bot:42".'),
      onFailure: z.boolean().default(true).describe('Also send a short notice when the run fails or times out.'),
    })
    .strict(),
  z
    .object({
      target: z
        .object({
          channel: z.string().min(1).describe('Channel id, e.g. "telegram".'),
          chatId: z.string().min(1).describe('The chat on that channel.'),
          threadId: z.string().min(1).optional().describe('A thread or topic in the chat.'),
        })
        .strict(),
      onFailure: z.boolean().default(true).describe('Also send a short notice when the run fails or times out.'),
    })
    .strict(),
], { error: 'must be "none", { sessionId: "chat:..." } or { target: { channel, chatId, threadId? } }' });

/** Retries with exponential backoff: attempt n waits `backoffMs * factor^(n-1)`, at most `maxBackoffMs`. */
export const RetriesSchema = z
  .object({
    max: z.number().int().min(0).max(10, 'must be at most 10').default(0).describe('Retries after the first attempt (0-10).'),
    backoffMs: z.number().int().min(0).max(86_400_000).default(30_000).describe('Wait before the first retry.'),
    factor: z.number().min(1).max(10).default(2).describe('Each further retry waits this many times longer.'),
    maxBackoffMs: z.number().int().min(0).max(7 * 86_400_000).default(3_600_000).describe('Upper bound of one wait.'),
  })
  .strict();

/** The fields of a task, without the cross-field rules. */
export const TaskFieldsSchema = z
  .object({
    id: TaskIdSchema.describe('Unique task id.'),
    name: z.string().trim().min(1).max(200).optional().describe('A human name for lists and messages.'),
    schedule: ScheduleSchema,
    instructions: z.string().trim().min(1).max(20_000).optional().describe('What the model should do on each run. Give either instructions or script.'),
    script: ScriptSchema.optional().describe('Run an action or a registered handler instead of the model.'),
    tools: z
      .union([z.enum(['all', 'none']), z.array(z.string().min(1)).max(100)], { error: 'must be "all", "none" or a list of action names such as ["memory/recall"]' })
      .default('all')
      .describe('Which actions the model may call during a run: "all" tool actions, "none", or a list of action names.'),
    history: z
      .enum(['fresh', 'continue'])
      .default('fresh')
      .describe('fresh: each run its own session task:<taskId>:<runId>; continue: runs append to one session task:<taskId>.'),
    deliver: DeliverSchema.default('none').describe('Where the output goes (through chat/send): { sessionId }, { target }, or "none".'),
    timeoutMs: z.number().int().min(1_000).max(86_400_000).default(600_000).describe('Time limit of one attempt (1 s to 24 h, default 10 min).'),
    retries: RetriesSchema.prefault({}),
    overlap: z.enum(['skip', 'queue']).default('skip').describe('When a run is due while the previous one is queued or running: skip it, or queue it.'),
    missed: z.enum(['run-once', 'skip']).default('run-once').describe('Slots that passed while the agent was down: run the latest once, or skip them.'),
    enabled: z.boolean().default(true).describe('Disabled tasks are kept but never run.'),
  })
  .strict();

const oneBody = (value: { instructions?: string | undefined; script?: unknown }, context: z.RefinementCtx): void => {
  if (value.instructions === undefined && value.script === undefined) {
    context.addIssue({ code: 'custom', path: ['instructions'], message: 'give either "instructions" (a prompt for the model) or "script"' });
  } else if (value.instructions !== undefined && value.script !== undefined) {
    context.addIssue({ code: 'custom', path: ['script'], message: 'give either "instructions" or "script", not both' });
  }
};

/** A task definition, as written in config (`services.task.tasks`) or passed to `task/create`. */
export const TaskSpecSchema = TaskFieldsSchema.superRefine(oneBody);

/**
 * The input of `task/create`: a task definition whose `id` may be left out (one is generated) and
 * whose `deliver` defaults to the chat session the request came from, if any.
 */
export const CreateTaskInputSchema = TaskFieldsSchema.extend({
  id: TaskIdSchema.optional().describe('Unique task id; generated when left out.'),
  deliver: DeliverSchema.optional().describe('Where the output goes: { sessionId }, { target }, or "none". Default: the chat session this request came from, else "none".'),
}).superRefine(oneBody);

/** A validated task definition. */
export type TaskSpec = z.output<typeof TaskSpecSchema>;
/** A task definition as written. */
export type TaskSpecInput = z.input<typeof TaskSpecSchema>;
/** Where results go. */
export type Deliver = z.output<typeof DeliverSchema>;
/** A script body. */
export type Script = z.output<typeof ScriptSchema>;
