import { defineAction, defineService, type Principal, type ServiceDefinition } from '@downcity/core';
import { z } from 'zod';

/** One message the fake chat service was asked to send. */
export interface RecordedDelivery {
  /** The chat session, when the task delivers to one. */
  sessionId?: string;
  /** The channel target, when the task delivers to one. */
  target?: { channel: string; chatId: string; threadId?: string };
  /** The text sent. */
  text: string;
  /** Who the delivery was made for. */
  principal?: Principal;
  /** The calling package (`task`). */
  caller: string;
}

/** A stand-in chat service with a `chat/send` action that records what it is asked to send. */
export interface RecordingChat {
  /** Add it to the agent's `services`. */
  service: ServiceDefinition;
  /** Every delivery so far, oldest first. */
  deliveries: RecordedDelivery[];
  /** Makes the next `count` sends fail with `error` (default one). */
  failNext(error: Error, count?: number): void;
}

/**
 * Creates a fake `chat` service (id `chat`) whose `chat/send` records deliveries, for tests of
 * task delivery without channels. Do not install it next to the real `@downcity/chat`.
 */
export function createRecordingChat(): RecordingChat {
  const deliveries: RecordedDelivery[] = [];
  const failures: Error[] = [];
  const service = defineService({
    package: {
      name: '@downcity/task-recording-chat',
      version: '0.0.0',
      downcity: { id: 'chat', kind: 'service', actions: { 'chat/send': { description: 'Records a message instead of sending it.' } } },
    },
    setup: () => ({
      actions: {
        send: defineAction({
          description: 'Records a message instead of sending it.',
          input: z.object({
            sessionId: z.string().optional(),
            target: z.object({ channel: z.string(), chatId: z.string(), threadId: z.string().optional() }).optional(),
            text: z.string(),
          }),
          output: z.object({ delivered: z.literal(true) }),
          run: (input, call) => {
            const failure = failures.shift();
            if (failure) throw failure;
            deliveries.push({ ...input, caller: call.caller, ...(call.principal ? { principal: call.principal } : {}) });
            return { delivered: true as const };
          },
        }),
      },
    }),
  });
  return { service, deliveries, failNext: (error, count = 1) => failures.push(...Array.from({ length: count }, () => error)) };
}
