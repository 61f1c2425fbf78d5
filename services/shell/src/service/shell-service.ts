import { join, resolve } from 'node:path';
import { defineService, type ExecutionContext, type ServiceDefinition, type ServiceInstance } from '@downcity/core';
import pkg from '../../package.json' with { type: 'json' };
import { approvalAnswerAction } from '../actions/approval-answer.js';
import { auditAction } from '../actions/audit-action.js';
import { cancelPendingAction } from '../actions/cancel-pending-action.js';
import { execAction } from '../actions/exec-action.js';
import { pendingAction } from '../actions/pending-action.js';
import { sessionRunAction } from '../actions/session-run-action.js';
import { detectBwrap } from '../sandbox/bwrap.js';
import { ApprovalStore } from './approval-store.js';
import { AuditLog } from './audit-log.js';
import { ChatBridge } from './chat-bridge.js';
import { ConfigSchema, effectivePolicy, type ShellConfig } from './config.js';
import { expireApprovals } from './expire-approvals.js';
import { probeSandbox } from './probe-sandbox.js';
import './points.js';
import { SessionPool } from './session-pool.js';
import type { ShellRuntime } from './shell-runtime.js';
import { rootFallbackWorkspace } from './root-fallback-workspace.js';
import { Workspaces } from './workspaces.js';

/** How often expired approval requests are swept at most (they are also swept before each new request). */
const MAX_SWEEP_INTERVAL_MS = 60_000;

function createRuntime(context: ExecutionContext<ShellConfig>): ShellRuntime {
  const config = context.config;
  const policy = effectivePolicy(config);
  const workspace = config.workspace === undefined ? join(context.dataDir, 'workspace') : resolve(config.workspace);
  return {
    context,
    config,
    policy,
    workspace,
    workspaces: new Workspaces({
      root: workspace,
      scope: config.workspaceScope,
      sandboxUid: config.sandboxUid,
      sandboxGid: config.sandboxGid,
      ...(config.workspace === undefined ? { fallbackRoot: rootFallbackWorkspace(context.dataDir) } : {}),
    }),
    audit: new AuditLog(context),
    approvals: new ApprovalStore(context.storage.collection('approvals')),
    sessions: new SessionPool({ config, policy, env: context.env, logger: context.logger }),
    chat: new ChatBridge(context),
  };
}

async function prepareSandbox(runtime: ShellRuntime): Promise<void> {
  const { config, context, workspaces } = runtime;
  const spawnAs = workspaces.user.spawnAs;
  if (spawnAs) {
    context.logger.warn(
      { uid: spawnAs.uid, gid: spawnAs.gid },
      `WARNING: the agent runs as root. Shell commands are started as uid ${spawnAs.uid} and gid ${spawnAs.gid} (services.shell.sandboxUid and sandboxGid), never as root, ` +
        'but everything else the agent does has root\'s rights: run it as an unprivileged user (see "Running without root" in the deploying guide).',
    );
  }
  const { changed, movedTo, problem } = await workspaces.start(context.dataDir);
  if (movedTo !== undefined) {
    context.logger.info(
      { workspace: movedTo, uid: spawnAs?.uid },
      `the sandbox uid cannot reach the data folder (a directory above it is closed to other users), so the shell workspaces are in ${movedTo}`,
    );
  }
  if (changed.length > 0) {
    context.logger.info({ directories: changed, gid: spawnAs?.gid }, 'gave the sandbox group search-only access (g+x) to the directories above the workspace, so commands can reach it');
  }
  if (problem) context.logger.error({ err: problem }, `shell commands will fail: ${problem.message}`);
  if (config.sandbox === 'none') {
    context.logger.warn(
      { workspace: runtime.workspace },
      'WARNING: services.shell.sandbox is "none": commands run directly on this host with your user\'s rights, limited only by the policy. Use "bwrap" unless the host is disposable.',
    );
  } else if (detectBwrap(config.bwrapPath === undefined ? {} : { path: config.bwrapPath }) === undefined) {
    context.logger.warn(
      'bubblewrap (bwrap) was not found, so shell commands will be refused. Install it (Debian/Ubuntu: apt-get install bubblewrap) or set services.shell.sandbox to "none".',
    );
  } else if (!problem) {
    const failure = await probeSandbox(runtime);
    if (failure !== undefined) {
      context.logger.warn(
        `The shell sandbox does not work on this host, so commands will fail: ${failure}. ` +
          'bubblewrap needs user namespaces for unprivileged users (sysctl user.max_user_namespaces > 0; on Ubuntu 24.04 an AppArmor profile for bwrap); see the deploying guide.',
      );
    }
  }
}

function startSweeper(runtime: ShellRuntime): void {
  const { context, config } = runtime;
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    sweeping = sweeping.then(() => expireApprovals(runtime)).catch((error: unknown) => context.logger.error({ err: error }, 'sweeping expired approvals failed'));
  }, Math.min(config.approval.expiresMs, MAX_SWEEP_INTERVAL_MS));
  timer.unref();
  context.onDispose(async () => {
    clearInterval(timer);
    await sweeping;
  });
}

function instructionsFor(runtime: ShellRuntime): string {
  const mode = runtime.config.approval.mode;
  if (mode === 'deny') return 'Shell: running commands is turned off on this agent; do not call the shell tools.';
  const approval =
    mode === 'ask'
      ? 'Commands that are not plainly allowed wait for the user\'s /approve; a "pending" result means it has not run yet.'
      : 'Only allow-listed commands run; others are denied.';
  return (
    `Shell: run commands in ${runtime.config.workspaceScope === 'shared' ? `the workspace folder ${runtime.workspace}` : 'your own workspace folder (its path is $HOME)'} with shell_exec (an argv, no shell) or shell_session-run (a persistent shell). ` +
    `They run ${runtime.config.sandbox === 'bwrap' ? 'sandboxed' : 'on the host'}, ${runtime.config.network ? 'with' : 'without'} network access. ${approval} Never claim a command ran unless its result says "ran".`
  );
}

function setup(context: ExecutionContext<ShellConfig>): ServiceInstance {
  const runtime = createRuntime(context);
  context.onDispose(() => runtime.sessions.closeAll());
  return {
    actions: {
      exec: execAction(runtime),
      'session-run': sessionRunAction(runtime),
      approve: approvalAnswerAction(runtime, true),
      deny: approvalAnswerAction(runtime, false),
      pending: pendingAction(runtime),
      'cancel-pending': cancelPendingAction(runtime),
      audit: auditAction(runtime),
    },
    instructions: () => instructionsFor(runtime),
    start: async () => {
      await prepareSandbox(runtime);
      startSweeper(runtime);
      if (runtime.config.approval.mode === 'ask') await runtime.chat.registerCommands();
    },
  };
}

/**
 * The shell service: sandboxed commands in a workspace folder for the model (`shell_exec`,
 * `shell_session-run`), checked by an argv policy that sees through wrappers, the
 * `shell/before-exec` guards and, when the policy says so, the chat user's approval. Every
 * request is audited.
 *
 * @example
 * ```ts
 * import { shellService } from '@downcity/shell';
 * const agent = createAgent({ services: [chatService, shellService], config: { services: { shell: { approval: { mode: 'ask' } } } } });
 * ```
 */
export const shellService: ServiceDefinition<typeof ConfigSchema> = defineService({
  package: pkg,
  config: ConfigSchema,
  setup,
});
