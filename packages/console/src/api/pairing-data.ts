import type {} from '@downcity/auth';
import type { ExecutionContext } from '@downcity/core';
import { unlessMissing } from './unless-missing.js';

/** A pairing request waiting for approval: an unknown user wrote to the agent and got a one-time code. */
export interface PairingRequestView {
  /** The one-time code the user received. */
  code: string;
  /** Who asked, as the platform authenticated them, e.g. `telegram:123456`. */
  principalId: string;
  /** The channel the request came from. */
  channel?: string;
  /** The display name the platform reported. Not an identity. */
  displayName?: string;
  /** When the code was issued, epoch milliseconds. */
  createdAt: number;
  /** When the code stops working, epoch milliseconds. */
  expiresAt: number;
}

/** The answer to approving a pairing request: who now has which role. */
export interface PairingApproved {
  /** The user granted. */
  principalId: string;
  /** The role they got (`services.auth.pairing.role`). */
  role: string;
}

/** Pairing requests through the auth plugin's actions, called as the operator (no principal). */
export interface PairingData {
  /** The live requests, oldest first; `null` when the auth plugin is not loaded. */
  pending(): Promise<PairingRequestView[] | null>;
  /** Approves a code: the user who received it gets the pairing role. */
  approve(code: string): Promise<PairingApproved>;
  /** Refuses a request: its code stops working (the user can ask again by writing). */
  deny(principalId: string): Promise<boolean>;
}

/** {@link PairingData} over an execution context. */
export function pairingData(context: ExecutionContext): PairingData {
  return {
    pending: () => unlessMissing(async () => (await context.invoke('auth/pending', {})).pending),
    async approve(code) {
      const { grant } = await context.invoke('auth/approve', { code });
      return { principalId: grant.principalId, role: grant.role };
    },
    async deny(principalId) {
      return (await context.invoke('auth/revoke', { principalId })).pendingRemoved;
    },
  };
}
