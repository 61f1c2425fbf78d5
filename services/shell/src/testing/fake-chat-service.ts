import { defineAction, defineService, type ActionName, type Agent, type Principal, type ServiceDefinition } from '@downcity/core';
import { z } from 'zod';

/** A message the fake chat service was asked to send. */
export interface SentMessage {
  /** The session. */
  sessionId: string;
  /** The text. */
  text: string;
}

/** A stand-in for `@downcity/chat` with just `chat/send` and `chat/register-command`, for tests. */
export interface FakeChat {
  /** The service definition (id `chat`). */
  service: ServiceDefinition;
  /** Every message sent, oldest first. */
  sent: SentMessage[];
  /** Registered commands: name → action. */
  commands: Map<string, string>;
  /** Answers a registered command the way the chat service does: invokes its action on the sender's behalf. */
  command(agent: Agent, input: { name: string; args: string; sessionId: string; principal: Principal }): Promise<{ reply?: string; status?: string }>;
  /** Makes `chat/send` fail with this message from now on (`undefined` to succeed again). */
  failSends(message: string | undefined): void;
}

/**
 * Creates a fake chat service for tests of services that ask users things through chat.
 */
export function fakeChatService(): FakeChat {
  const sent: SentMessage[] = [];
  const commands = new Map<string, string>();
  let failure: string | undefined;
  const service = defineService({
    package: {
      name: 'fake-chat',
      version: '0.0.0',
      downcity: {
        id: 'chat',
        kind: 'service',
        actions: { 'chat/send': { description: 'send' }, 'chat/register-command': { description: 'register a command' } },
      },
    },
    setup: () => ({
      actions: {
        send: defineAction({
          description: 'send',
          input: z.object({ sessionId: z.string(), text: z.string() }),
          output: z.object({ sessionId: z.string() }),
          run: (input) => {
            if (failure !== undefined) throw new Error(failure);
            sent.push(input);
            return { sessionId: input.sessionId };
          },
        }),
        'register-command': defineAction({
          description: 'register a command',
          input: z.object({ name: z.string(), description: z.string(), action: z.string() }),
          output: z.object({ name: z.string() }),
          run: (input) => {
            commands.set(input.name, input.action);
            return { name: input.name };
          },
        }),
      },
    }),
  });
  return {
    service,
    sent,
    commands,
    failSends: (message) => {
      failure = message;
    },
    async command(agent, input) {
      const action = commands.get(input.name);
      if (action === undefined) throw new Error(`no command /${input.name}`);
      const payload = { args: input.args, text: `/${input.name} ${input.args}`, sessionId: input.sessionId };
      return (await agent.invoke(action as ActionName, payload as never, { principal: input.principal, sessionId: input.sessionId })) as { reply?: string; status?: string };
    },
  };
}
