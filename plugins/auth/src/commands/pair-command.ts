import type { ChatCommand, ChatCommandContext } from '@downcity/chat';
import { DowncityError, displayText } from '@downcity/core';

const USAGE = 'Usage: /pair list — show waiting pairing codes; /pair approve <code> — give the user who received <code> access.';

const minutesLeft = (expiresAt: number): number => Math.max(1, Math.ceil((expiresAt - Date.now()) / 60_000));

/**
 * `telegram:42 (Ada)` for an operator's eyes: the id and the platform-supplied display name with
 * control, bidi and zero-width characters escaped, so a name cannot forge a line or reorder the text.
 */
const who = (principalId: string, displayName: string | undefined): string =>
  `${displayText(principalId)}${displayName ? ` (${displayText(displayName, { maxLength: 100 })})` : ''}`;

async function listPending(context: ChatCommandContext): Promise<string> {
  const { pending } = await context.invoke('auth/pending', {});
  if (pending.length === 0) return 'No pairing requests are waiting.';
  const lines = pending.map((request) => `${request.code}  ${who(request.principalId, request.displayName)}, expires in ${minutesLeft(request.expiresAt)} min`);
  return `Waiting pairing requests:\n${lines.join('\n')}`;
}

async function approve(context: ChatCommandContext, code: string | undefined): Promise<string> {
  if (!code) return USAGE;
  const { grant } = await context.invoke('auth/approve', { code });
  return `Approved: ${who(grant.principalId, grant.displayName)} is now a ${grant.role}.`;
}

/**
 * `/pair`: the owner's chat command for pairing (`/pair list`, `/pair approve <code>`). It calls the
 * `auth/pending` and `auth/approve` actions on the sender's behalf, so only a principal with the
 * `auth` permission (owners by default) gets anywhere; the `chat/authorize` guard already turns
 * everyone else away before the command runs.
 */
export const pairCommand: ChatCommand = {
  name: 'pair',
  description: 'Owner only: list pairing requests or approve one (/pair approve <code>).',
  async run(context) {
    const [verb, code] = context.args.split(/\s+/).filter(Boolean);
    try {
      if (verb === undefined || verb === 'list') return await listPending(context);
      if (verb === 'approve') return await approve(context, code);
      return USAGE;
    } catch (error) {
      if (DowncityError.is(error)) return error.message;
      throw error;
    }
  },
};

/**
 * The chat commands of the auth plugin, for `createChatService({ commands: authCommands })`.
 *
 * @example
 * ```ts
 * createAgent({ services: [createChatService({ channels: [telegramChannel], commands: authCommands })], plugins: [authPlugin] });
 * ```
 */
export const authCommands: readonly ChatCommand[] = [pairCommand];
