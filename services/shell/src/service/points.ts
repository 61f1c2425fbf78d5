import type { ActionSignature, EffectPoint, GuardPoint, Principal } from '@downcity/core';
import type { ApprovalAnswer, ApprovalAnswerInput } from '../actions/approval-answer.js';
import type { AuditInput, AuditOutput } from '../actions/audit-action.js';
import type { CancelPendingInput, CancelPendingOutput } from '../actions/cancel-pending-action.js';
import type { ExecInput } from '../actions/exec-action.js';
import type { CommandResult } from '../actions/command-result.js';
import type { PendingInput, PendingOutput } from '../actions/pending-action.js';
import type { SessionRunInput } from '../actions/session-run-action.js';
import type { AuditRecord } from '../audit/audit-record.js';
import type { PolicyDecision } from '../policy/policy.js';

/** What the `shell/before-exec` guard sees: the command, who asked, and what the policy said. */
export interface BeforeExecRequest {
  /** `exec` for a one-shot argv, `session` for a line in a persistent shell. */
  kind: 'exec' | 'session';
  /** The command as the policy checked it (`['bash', '-c', line]` for a session line). */
  argv: string[];
  /** The working directory the command asks for, as an absolute path (not yet checked against symlinks). */
  cwd: string;
  /** On whose behalf, when known: a model tool call carries the turn's principal. */
  principal?: Principal;
  /** The agent session the command belongs to, when any. */
  sessionId?: string;
  /** The policy decision: `allow`, or `ask` (the user will be asked after the guards allow). Denied commands never reach the guards. */
  decision: PolicyDecision;
  /** The policy's reason. */
  reason: string;
  /** Every program the command would run, after unwrapping env, sh -c, busybox, xargs... */
  programs: string[];
}

declare module '@downcity/core' {
  interface ExtensionPoints {
    /** May stop a command before it runs (or before the user is asked to approve it). Auth attaches here. */
    'shell/before-exec': GuardPoint<BeforeExecRequest>;
    /** Observes every audit record after it is stored: commands that ran, failed, were denied or wait for approval. */
    'shell/after-exec': EffectPoint<AuditRecord>;
  }

  interface Actions {
    /** Runs one argv in the sandboxed workspace, after the policy, the guards and (when needed) the user's approval. */
    'shell/exec': ActionSignature<ExecInput, CommandResult>;
    /** Runs a line in the persistent shell of the calling session. */
    'shell/session-run': ActionSignature<SessionRunInput, CommandResult>;
    /** Approves a pending command and runs it. */
    'shell/approve': ActionSignature<ApprovalAnswerInput, ApprovalAnswer>;
    /** Denies a pending command. */
    'shell/deny': ActionSignature<ApprovalAnswerInput, ApprovalAnswer>;
    /** Lists the commands waiting for approval. */
    'shell/pending': ActionSignature<PendingInput, PendingOutput>;
    /** Cancels every command one principal is waiting to have approved. */
    'shell/cancel-pending': ActionSignature<CancelPendingInput, CancelPendingOutput>;
    /** Lists audit records, newest first. */
    'shell/audit': ActionSignature<AuditInput, AuditOutput>;
  }
}
