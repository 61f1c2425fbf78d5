import type { ExecutionContext } from '@downcity/core';
import type {} from '@downcity/shell';
import { unlessMissing } from './unless-missing.js';

/** A shell command the model asked to run, waiting for a person's approval. */
export interface ShellRequestView {
  /** The approval id (`/approve <id>` in the conversation). */
  id: string;
  /** `exec` (one argv) or `session` (a line in the conversation's persistent shell). */
  kind: 'exec' | 'session';
  /** The command exactly as it would run, control characters made visible. */
  command: string;
  /** Who asked: the principal id the turn ran for (e.g. `http:alice`), else the caller. */
  requestedBy: string;
  /** The chat session that asked. */
  sessionId: string;
  /** Why it needs approval: the policy's or the analyser's reasons. */
  reason: string;
  /** When it was asked, epoch milliseconds. */
  createdAt: number;
  /** When the request lapses, epoch milliseconds. */
  expiresAt: number;
}

/** What became of a request the console answered. */
export interface ShellAnswerView {
  /** `ran`, `failed`, `denied`, `expired`, `cancelled`, `not-found` or `forbidden`. */
  status: string;
  /** The shell service's words for the outcome. */
  message: string;
  /** The command's result, when it ran: exit code, output (sanitised and capped by the shell service). */
  result?: { exitCode: number | null; signal: string | null; stdout: string; stderr: string; truncated: boolean; timedOut: boolean; durationMs: number };
}

/** A request that was answered or ended, from the shell audit log. */
export interface ShellOutcomeView {
  /** The approval id. */
  approvalId: string;
  /** The command as it was checked (argv, program first). */
  argv: string[];
  /** Who asked. */
  requestedBy: string;
  /** The session that asked. */
  sessionId: string | null;
  /** `ran`, `denied` or `failed`. */
  outcome: string;
  /** Who approved it (a principal id, or the operator's caller such as `console`). */
  approvedBy?: string;
  /** Who stopped it, when denied (`user` for a person, `expired`, `cancelled`...). */
  deniedBy?: string;
  /** Why it was stopped, or the policy's reason. */
  reason: string;
  /** The exit code, when it ran. */
  exitCode: number | null;
  /** When it ended, epoch milliseconds. */
  at: number;
}

/**
 * Shell approvals through the shell service's actions, called as the operator (no principal: decision 0016). Every
 * method answers `null` when the shell service is not loaded.
 */
export interface ShellApprovalsData {
  /** The requests waiting, oldest first. */
  pending(): Promise<ShellRequestView[] | null>;
  /** Approves and runs a request, or denies it. */
  answer(id: string, approve: boolean): Promise<ShellAnswerView | null>;
  /** The newest answered requests (at most `limit`), newest first. */
  answered(limit: number): Promise<ShellOutcomeView[] | null>;
}

/** {@link ShellApprovalsData} over an execution context. */
export function shellApprovalsData(context: ExecutionContext): ShellApprovalsData {
  return {
    pending: () =>
      unlessMissing(async () =>
        (await context.invoke('shell/pending', {})).pending.map((request) => ({
          id: request.id,
          kind: request.kind,
          command: request.command,
          requestedBy: request.requestedBy,
          sessionId: request.sessionId,
          reason: request.reason,
          createdAt: Date.parse(request.createdAt),
          expiresAt: Date.parse(request.expiresAt),
        })),
      ),
    answer: (id, approve) =>
      unlessMissing(async () => {
        const answer = await context.invoke(approve ? 'shell/approve' : 'shell/deny', { id });
        const result = answer.result;
        return {
          status: answer.status,
          message: answer.reply,
          ...(result
            ? {
                result: {
                  exitCode: result.exitCode,
                  signal: result.signal,
                  stdout: result.stdout,
                  stderr: result.stderr,
                  truncated: result.truncated,
                  timedOut: result.timedOut,
                  durationMs: result.durationMs,
                },
              }
            : {}),
        };
      }),
    answered: (limit) =>
      unlessMissing(async () => {
        // Pending records are the requests themselves; the outcome records that carry an approval id are the answers.
        const { records } = await context.invoke('shell/audit', { limit: 200 });
        return records
          .filter((record) => record.approvalId !== undefined && record.outcome !== 'pending')
          .slice(0, limit)
          .map((record) => ({
            approvalId: record.approvalId ?? '',
            argv: record.argv,
            requestedBy: record.principal,
            sessionId: record.sessionId,
            outcome: record.outcome,
            ...(record.approvedBy === undefined ? {} : { approvedBy: record.approvedBy }),
            ...(record.deniedBy === undefined ? {} : { deniedBy: record.deniedBy }),
            reason: record.reason,
            exitCode: record.exitCode,
            at: Date.parse(record.at),
          }));
      }),
  };
}
