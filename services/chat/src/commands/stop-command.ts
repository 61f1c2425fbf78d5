import { inboxIdOf } from '../inbox/inbox-entry.js';
import type { TurnStops } from '../queue/turn-stops.js';
import { defineChatCommand, type ChatCommand } from './chat-command.js';

/** The name of the stop command, which acts on arrival (see `stopOnArrival`). */
export const STOP_COMMAND = 'stop';

/**
 * `/stop`: stops the reply being written for the sender in this conversation. The stop itself happens the
 * moment the message arrives (`stopOnArrival`), since the command's own turn waits behind the very reply it
 * stops; the command then only answers, and says nothing when it stopped a reply (that reply already ends with
 * the stop notice).
 */
export function stopCommand(stops: TurnStops): ChatCommand {
  return defineChatCommand({
    name: STOP_COMMAND,
    description: 'Stops the reply being written for you',
    run: async ({ message }) => ((await stops.takeStopper(inboxIdOf(message))) ? undefined : 'Nothing to stop: no reply is being written for you here.'),
  });
}
