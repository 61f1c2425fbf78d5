import type { ExecutionContext, Principal } from '@downcity/core';
import type { ShellPolicyInput } from '../policy/policy.js';
import type { ApprovalStore } from './approval-store.js';
import type { AuditLog } from './audit-log.js';
import type { ChatBridge } from './chat-bridge.js';
import type { ShellConfig } from './config.js';
import type { SessionPool } from './session-pool.js';
import type { Workspaces } from './workspaces.js';

/** Everything the shell service's actions share; built once in setup. */
export interface ShellRuntime {
  /** The service's execution context. */
  context: ExecutionContext<ShellConfig>;
  /** The validated config. */
  config: ShellConfig;
  /** The policy commands are checked against (its default filled in from the approval mode). */
  policy: ShellPolicyInput;
  /** Absolute path of the workspace folder (with workspace scope "principal" or "session", the parent of each workspace). */
  workspace: string;
  /** The workspace of each principal or session. */
  workspaces: Workspaces;
  /** The audit log. */
  audit: AuditLog;
  /** Commands waiting for approval. */
  approvals: ApprovalStore;
  /** Persistent shells by session. */
  sessions: SessionPool;
  /** Approval requests and commands through the chat service. */
  chat: ChatBridge;
}

/** One command someone asked to run, before any check. */
export interface CommandRequest {
  /** `exec` for a one-shot argv, `session` for a line in the persistent shell. */
  kind: 'exec' | 'session';
  /** The argv the policy checks (`['bash', '-c', command]` for a session line). */
  argv: string[];
  /** The shell line, for `session`. */
  command?: string;
  /** The requested working directory, relative to the request's own workspace (`.` by default; for a session line, where its shell is). */
  cwd: string;
  /** The requested timeout; the config's `timeoutMs` when absent. */
  timeoutMs?: number;
  /** The agent session the request came from. */
  sessionId?: string;
  /** On whose behalf. */
  principal?: Principal;
  /** Who called the action: `model`, `agent` or a package id. */
  caller: string;
  /** Kills the command when it fires. */
  signal: AbortSignal;
}

/**
 * Who asked, as the audit log names them: the principal id, else the caller.
 *
 * @param request - the command request
 */
export function requesterOf(request: Pick<CommandRequest, 'principal' | 'caller'>): string {
  return request.principal?.id ?? request.caller;
}
