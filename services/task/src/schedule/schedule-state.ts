import { z } from 'zod';

/** What the scheduler persists per task, so a restart neither loses nor repeats a slot. */
export const ScheduleStateSchema = z.object({
  scheduleKey: z.string().describe('The timing fields the state was computed for; a changed schedule starts over.'),
  nextFireAt: z.number().nullable().describe('The next slot, epoch ms, or null when the schedule is finished.'),
  lastSlot: z.number().nullable().describe('The last slot handled (run, skipped or missed), epoch ms.'),
  updatedAt: z.number(),
});

/** A task's persisted schedule state. */
export type ScheduleState = z.output<typeof ScheduleStateSchema>;
