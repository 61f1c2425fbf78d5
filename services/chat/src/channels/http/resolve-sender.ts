import type { InboundMessage } from '../../channel/channel.js';
import type { HttpIdentity } from './credentials/authenticate.js';
import { httpProblem } from './http-problem.js';
import type { MessageRequest } from './message-request.js';

/**
 * The sender of a message: the user the credential authenticated, never the one the body names. The body's
 * `user` may be left out; when given, its id must be the credential's user (else 403 `USER_MISMATCH`, before
 * anything is stored). A display name from the credential wins over one from the body; neither is an identity.
 */
export function resolveSender(claim: MessageRequest['user'], identity: HttpIdentity): InboundMessage['sender'] {
  const claimed = typeof claim === 'string' ? { id: claim } : claim;
  if (claimed !== undefined && claimed.id !== identity.user) {
    const how = identity.authenticatedBy === 'shared-credential' ? 'the shared token speaks only as' : 'its credential authenticates';
    throw httpProblem(
      'USER_MISMATCH',
      `The request claims user "${claimed.id}" but ${how} "${identity.user}". Leave "user" out, or send the credential of "${claimed.id}" (a per-user token or a user assertion).`,
    );
  }
  const displayName = identity.displayName ?? claimed?.displayName;
  return { id: identity.user, authenticatedBy: identity.authenticatedBy, ...(displayName === undefined ? {} : { displayName }) };
}
