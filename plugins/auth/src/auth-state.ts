import type { CancelShellApprovals } from './actions/cancel-shell-approvals.js';
import type { AuthConfig } from './config.js';
import type { GrantStore } from './grants/grant-store.js';
import type { PairingStore } from './pairing/pairing-store.js';

/** The plugin's state, shared by its guards and actions. */
export interface AuthState {
  /** The validated config. */
  config: AuthConfig;
  /** Persisted grants. */
  grants: GrantStore;
  /** Pending pairing requests. */
  pairing: PairingStore;
  /** The clock, epoch milliseconds. */
  now: () => number;
  /** Withdraws a principal's pending shell commands (when the shell service is installed). */
  cancelShellApprovals?: CancelShellApprovals;
  /** Principal ids the channels authenticate only by a shared credential: never owners or admins. */
  shared: ReadonlySet<string>;
}
