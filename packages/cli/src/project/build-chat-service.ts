import { DowncityError, ErrorCodes, type ServiceDefinition } from '@downcity/core';
import type { ChannelDefinition, ChatCommand, TerminalChannelOptions } from '@downcity/chat';
import type { LoadedPackage, LoadedService } from './loaded-package.js';

/** The parts of `@downcity/chat` the loader uses. */
type ChatModule = Pick<typeof import('@downcity/chat'), 'createChatService' | 'httpChannel' | 'terminalChannel' | 'createTerminalChannel'>;

/**
 * How the terminal channel runs: as the config says (`config`), never (`off`), or on (whatever the
 * config says) with the given streams; `wrap` may decorate the channel definition.
 */
export type TerminalMode = 'config' | 'off' | (TerminalChannelOptions & { wrap?: (definition: ChannelDefinition) => ChannelDefinition });

function terminalChannelOf(module: ChatModule, mode: TerminalMode): ChannelDefinition {
  if (typeof mode !== 'object') return module.terminalChannel;
  const { wrap, ...options } = mode;
  const created = module.createTerminalChannel(options);
  return wrap ? wrap(created) : created;
}

function chatModuleOf(chat: LoadedService): ChatModule | undefined {
  const module = chat.module as Partial<ChatModule>;
  const { createChatService, httpChannel, terminalChannel, createTerminalChannel } = module;
  if (typeof createChatService !== 'function' || !httpChannel || !terminalChannel || typeof createTerminalChannel !== 'function') return undefined;
  return { createChatService, httpChannel, terminalChannel, createTerminalChannel };
}

/**
 * Builds the chat service from `@downcity/chat` (decision 0004, step 5):
 * `createChatService({ channels: [terminal, http, ...channel packages, ...extra], commands })`,
 * with the chat commands every loaded module exports. Returns `undefined` when chat is not in use.
 */
export function buildChatService(options: {
  packages: readonly LoadedPackage[];
  terminal: TerminalMode;
  extraChannels?: readonly ChannelDefinition[];
}): ServiceDefinition | undefined {
  const { packages } = options;
  const chat = packages.find((entry): entry is LoadedService => entry.kind === 'service' && entry.id === 'chat');
  const channels = packages.filter((entry) => entry.kind === 'channel').map((entry) => entry.definition);
  if (!chat) {
    if (channels.length > 0) {
      const names = packages.filter((entry) => entry.kind === 'channel').map((entry) => entry.specifier);
      throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config:\n  - use: the channel packages ${names.join(', ')} need the chat service; add "@downcity/chat" to use.`, {
        details: { problems: [{ path: 'use', message: 'channel packages need @downcity/chat' }] },
      });
    }
    return undefined;
  }
  const module = chatModuleOf(chat);
  if (!module) {
    if (channels.length > 0) {
      throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `"${chat.specifier}" provides the chat service but not createChatService, so channel packages cannot be attached.`);
    }
    return chat.definition;
  }
  const terminal = terminalChannelOf(module, options.terminal);
  const commands: ChatCommand[] = [];
  const seen = new Set<ChatCommand>();
  for (const entry of packages) {
    for (const command of entry.commands) {
      if (seen.has(command)) continue;
      seen.add(command);
      commands.push(command);
    }
  }
  return module.createChatService({ channels: [terminal, module.httpChannel, ...channels, ...(options.extraChannels ?? [])], commands });
}
