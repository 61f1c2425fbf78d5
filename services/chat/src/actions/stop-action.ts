import { defineAction, DowncityError, ErrorCodes } from '@downcity/core';
import { z } from 'zod';
import type { ChatRuntime } from '../service/chat-runtime.js';

/** Input of `chat/stop`. */
export const StopInputSchema = z
  .object({
    sessionId: z.string().min(1).describe('The session whose running reply to stop (see chat/sessions).'),
  })
  .strict();

/** Output of `chat/stop`. */
export const StopOutputSchema = z.object({
  stopped: z.boolean().describe('Whether a running reply was stopped; false when none was being written.'),
});

/** Input of `chat/stop`. */
export type StopInput = z.input<typeof StopInputSchema>;
/** Output of `chat/stop`. */
export type StopOutput = z.output<typeof StopOutputSchema>;

/**
 * `chat/stop`: stops the model turn running in a session. The steps it finished stay stored, the text it was
 * writing is kept marked `stopped`, and the channel gets the stop notice (`stoppedReply`) with the outcome
 * `stopped`; the message is never retried, and the session's next message runs normally. The operator (a
 * call without a principal: the host app, the CLI, the console) may stop any turn; a principal only the turn
 * answering its own message.
 *
 * @throws `DowncityError` `DENIED` when a principal tries to stop a reply to someone else.
 */
export function stopAction(runtime: ChatRuntime) {
  return defineAction({
    description: 'Stop the reply being written in a chat session.',
    input: StopInputSchema,
    output: StopOutputSchema,
    tool: false,
    run: async (input, call) => {
      const running = runtime.turns.get(input.sessionId);
      // Not running in this process: in a cluster it may run on another worker.
      if (!running) return { stopped: await runtime.stops.stopSession(input.sessionId, call.principal?.id ?? 'operator', call.principal?.id) };
      if (call.principal !== undefined && call.principal.id !== running.principalId) {
        throw new DowncityError(ErrorCodes.DENIED, `Only the operator or the sender being answered can stop this reply, not ${call.principal.id}.`, {
          details: { principalId: call.principal.id },
        });
      }
      return { stopped: await runtime.stops.stopSession(input.sessionId, call.principal?.id ?? 'operator') };
    },
  });
}
