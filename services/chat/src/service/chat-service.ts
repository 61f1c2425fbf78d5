import { chatConfigSchema } from '../config.js';
import { httpChannel } from '../channels/http/http-channel.js';
import { terminalChannel } from '../channels/terminal/terminal-channel.js';
import { createChatService } from './create-chat-service.js';

/** The config schema of the default {@link chatService} (terminal and HTTP channels); its JSON Schema is the manifest's `config`. */
export const ChatConfigSchema = chatConfigSchema([terminalChannel, httpChannel]);

/**
 * The chat service with the built-in terminal and HTTP channels. Turn a channel on under
 * `services.chat.channels` (e.g. `{ terminal: true }` or `{ http: { token: '...' } }`).
 */
export const chatService = createChatService({ channels: [terminalChannel, httpChannel] });
