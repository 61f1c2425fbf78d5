import type { ActionSignature } from '@downcity/core';
import type { z } from 'zod';
import type { ApproveInputSchema, ApproveOutputSchema } from './approve-action.js';
import type { GrantInputSchema, GrantOutputSchema } from './grant-action.js';
import type { ListInputSchema, ListOutputSchema } from './list-action.js';
import type { PendingInputSchema, PendingOutputSchema } from './pending-action.js';
import type { RevokeInputSchema, RevokeOutputSchema } from './revoke-action.js';

/** Input of `auth/list`. */
export type ListInput = z.input<typeof ListInputSchema>;
/** Output of `auth/list`. */
export type ListOutput = z.output<typeof ListOutputSchema>;
/** Input of `auth/grant`. */
export type GrantInput = z.input<typeof GrantInputSchema>;
/** Output of `auth/grant`. */
export type GrantOutput = z.output<typeof GrantOutputSchema>;
/** Input of `auth/revoke`. */
export type RevokeInput = z.input<typeof RevokeInputSchema>;
/** Output of `auth/revoke`. */
export type RevokeOutput = z.output<typeof RevokeOutputSchema>;
/** Input of `auth/approve`. */
export type ApproveInput = z.input<typeof ApproveInputSchema>;
/** Output of `auth/approve`. */
export type ApproveOutput = z.output<typeof ApproveOutputSchema>;
/** Input of `auth/pending`. */
export type PendingInput = z.input<typeof PendingInputSchema>;
/** Output of `auth/pending`. */
export type PendingOutput = z.output<typeof PendingOutputSchema>;

declare module '@downcity/core' {
  interface Actions {
    /** Lists the configured owners and every grant. */
    'auth/list': ActionSignature<ListInput, ListOutput>;
    /** Grants a principal a role. */
    'auth/grant': ActionSignature<GrantInput, GrantOutput>;
    /** Revokes a principal's grant. */
    'auth/revoke': ActionSignature<RevokeInput, RevokeOutput>;
    /** Approves a pairing code. */
    'auth/approve': ActionSignature<ApproveInput, ApproveOutput>;
    /** Lists the pairing codes waiting for approval. */
    'auth/pending': ActionSignature<PendingInput, PendingOutput>;
  }
}
