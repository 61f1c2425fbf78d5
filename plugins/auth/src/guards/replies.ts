import type { PendingPairing } from '../pairing/pairing-store.js';

/** Minutes left until `expiresAt`, at least 1. */
function minutesLeft(expiresAt: number, now: number): number {
  return Math.max(1, Math.ceil((expiresAt - now) / 60_000));
}

/** The texts the chat guard sends. Never secrets; the code is the only thing a user needs. */
export const Replies = {
  /** To an unknown user who just received a code. */
  pairingIssued: (pending: PendingPairing, now: number): string =>
    `Hi! I only talk to people my owner has approved. To ask for access, give my owner this pairing code: ${pending.code}\n` +
    `(It expires in ${minutesLeft(pending.expiresAt, now)} min. The owner approves it with /pair approve ${pending.code}.)`,
  /** To an unknown user who already holds a live code. */
  pairingReminder: (pending: PendingPairing, now: number): string =>
    `Your access request is still waiting for my owner's approval. Your pairing code is ${pending.code} (it expires in ${minutesLeft(pending.expiresAt, now)} min).`,
  /** To an unknown user when too many codes wait already. */
  pairingFull: 'I cannot take new access requests right now because too many are waiting for approval. Please try again later.',
  /** To an unknown user where the policy is allowlist. */
  notAllowed: (principalId: string): string => `Sorry, this assistant is private. Ask its owner to grant access to your id: ${principalId}`,
  /** To a known user whose role lacks the chat permission. */
  noChatPermission: (role: string): string => `Sorry, your role (${role}) may not chat with this assistant.`,
  /** To anyone but an owner who sends /pair. */
  ownerOnly: 'Only the owner of this assistant can use /pair.',
  /** When auth itself failed (the store is down). */
  unavailable: 'Sorry, I cannot check your access right now. Please try again later.',
} as const;
