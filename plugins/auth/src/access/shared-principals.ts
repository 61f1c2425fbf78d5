import type {} from '@downcity/chat';
import type { ExecutionContext, Principal } from '@downcity/core';
import type { AuthConfig } from '../config.js';

/**
 * Whether a principal is authenticated only by a credential several clients share: it says so
 * (`authenticatedBy: 'shared-credential'`), or its id is one a channel reserves for its shared
 * credential. The id check holds where the field was lost on the way (a task stored without it).
 */
export function isSharedPrincipal(principal: Principal, shared: ReadonlySet<string>): boolean {
  return principal.authenticatedBy === 'shared-credential' || shared.has(principal.id);
}

/**
 * Reads, once at setup, the principal ids the running chat channels authenticate only by a shared
 * credential (`chat/channels` → `sharedPrincipals`, e.g. `http:shared`), and logs a config error for
 * every owner among them: such an owner entry is ignored, because anyone holding the shared token
 * would otherwise be the owner.
 */
export async function loadSharedPrincipals(context: Pick<ExecutionContext<AuthConfig>, 'invoke' | 'logger' | 'config'>): Promise<ReadonlySet<string>> {
  const { channels } = await context.invoke('chat/channels', {});
  // `?? []`: a chat service from before shared principals existed lists none.
  const shared = new Set(channels.flatMap((channel) => channel.sharedPrincipals ?? []));
  for (const owner of context.config.owners.filter((id) => shared.has(id))) {
    context.logger.error(
      { owner, code: 'CONFIG_INVALID' },
      `plugins.auth.owners lists ${owner}, the principal of a shared credential (the HTTP channel's shared token). Anyone holding that token could speak as it, so it is never an owner or admin and this entry is ignored. Give the owner a per-user token (downcity auth token create <user>) or a signed user assertion, and list http:<user> instead.`,
    );
  }
  return shared;
}
