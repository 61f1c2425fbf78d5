import type { InboundMessage } from '../channel/channel.js';
import { STOP_COMMAND } from '../commands/stop-command.js';
import { parseCommand } from '../commands/parse-command.js';
import type { TurnStops } from '../queue/turn-stops.js';
import { principalOf } from './route.js';

/**
 * Stops the running turn of the session when a stored message is `/stop` from the sender that turn answers.
 * Runs on arrival, right after the message is stored: queued in its place it would run only after the turn it
 * means to stop. Only the sender whose message is being answered can stop it this way (their message passed
 * `chat/authorize` already); the operator stops any turn with the `chat/stop` action.
 */
export function stopOnArrival(stops: TurnStops, message: InboundMessage, options: { sessionId: string; inboxId: string }): void {
  if (parseCommand(message.text)?.name !== STOP_COMMAND) return;
  stops.stopOnArrival({ sessionId: options.sessionId, principalId: principalOf(message).id, stopper: options.inboxId });
}
