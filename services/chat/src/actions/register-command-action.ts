import { defineAction, type ActionName } from '@downcity/core';
import { z } from 'zod';
import { COMMAND_NAME } from '../commands/command-registry.js';
import type { ChatCommandContext } from '../commands/chat-command.js';
import type { ChatRuntime } from '../service/chat-runtime.js';

/** Input of `chat/register-command`. */
export const RegisterCommandInputSchema = z
  .object({
    name: z.string().regex(COMMAND_NAME, 'must be 1-32 lowercase letters, digits, "_" or "-"').describe('The command name without the slash, e.g. "tasks".'),
    description: z.string().min(1).max(200).describe('One line for /help.'),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'must be an action name such as "task/list"')
      .describe('The action to invoke; it receives ChatCommandActionInput and may return { reply }.'),
  })
  .strict();

/** Output of `chat/register-command`. */
export const RegisterCommandOutputSchema = z.object({ name: z.string() });

/** Input of `chat/register-command`. */
export type RegisterCommandInput = z.input<typeof RegisterCommandInputSchema>;
/** Output of `chat/register-command`. */
export type RegisterCommandOutput = z.output<typeof RegisterCommandOutputSchema>;

/**
 * What the action behind a registered chat command receives. Declare your action's input with
 * {@link ChatCommandActionInputSchema} (or a schema accepting these fields).
 */
export const ChatCommandActionInputSchema = z.object({
  args: z.string().describe('The text after the command name.'),
  text: z.string().describe('The whole message text.'),
  sessionId: z.string().describe('The chat session.'),
});

/** What the action behind a registered chat command receives. */
export type ChatCommandActionInput = z.output<typeof ChatCommandActionInputSchema>;

/**
 * What the action behind a registered chat command may return: the reply text, if any, and `handled: false` when
 * the command was not for it (e.g. `/approve <id>` with an id another service issued): the next action registered
 * under the same name is then asked. When none handles it, the first one's reply is sent.
 */
export const ChatCommandActionOutputSchema = z.object({
  reply: z.string().optional().describe('The reply to send.'),
  handled: z.boolean().optional().describe('false: not mine, ask the next action registered under this name (default true).'),
});

/** What the action behind a registered chat command may return. */
export type ChatCommandActionOutput = z.output<typeof ChatCommandActionOutputSchema>;

/**
 * `chat/register-command`: lets another service add a chat command without config, answered by one of its
 * actions (called on the sender's behalf). Registrations last until the agent stops; call it from `start()`.
 * Several services may register the same name (e.g. `/approve`, used by the shell and the mcp service): their
 * actions are asked in registration order until one does not return `handled: false`. A name taken by a built-in
 * command or one given to `createChatService` still clashes.
 */
export function registerCommandAction(runtime: ChatRuntime) {
  const shared = new Map<string, ActionName[]>();
  return defineAction({
    description: "Add a chat command (e.g. /tasks) answered by another service's action.",
    input: RegisterCommandInputSchema,
    output: RegisterCommandOutputSchema,
    tool: false,
    run: (input, call) => {
      const action = input.action as ActionName;
      const actions = shared.get(input.name);
      if (actions) {
        if (!actions.includes(action)) actions.push(action);
        return { name: input.name };
      }
      const registered: ActionName[] = [action];
      runtime.commands.add({ name: input.name, description: input.description, run: (context) => runShared(registered, context) }, call.caller);
      shared.set(input.name, registered);
      return { name: input.name };
    },
  });
}

/** Asks each action registered under one command name in turn; the first that handles it answers. */
async function runShared(actions: readonly ActionName[], context: ChatCommandContext): Promise<string | undefined> {
  const commandInput: ChatCommandActionInput = { args: context.args, text: context.message.text, sessionId: context.sessionId };
  let fallback: string | undefined;
  for (const action of actions) {
    const output: unknown = await context.invoke(action, commandInput as never);
    const { reply, handled } = typeof output === 'object' && output !== null ? (output as ChatCommandActionOutput) : {};
    const text = typeof reply === 'string' ? reply : undefined;
    if (handled !== false) return text;
    fallback ??= text;
  }
  return fallback;
}
