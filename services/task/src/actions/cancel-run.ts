import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { RunRecordSchema } from '../runs/run-record.js';

/** `task/cancel`: cancels a queued or running run; the model's turn is aborted. */
export function cancelRunAction(engine: TaskEngine, options: { tool: boolean }) {
  return defineAction({
    description: 'Cancel a queued or running task run.',
    input: z.object({ runId: z.string().min(1) }).strict(),
    output: z.object({ run: RunRecordSchema, cancelled: z.boolean().describe('false when the run had already finished.') }),
    tool: options.tool,
    run: async ({ runId }, call) => engine.cancel(await engine.visibleRun(runId, call), call),
  });
}
