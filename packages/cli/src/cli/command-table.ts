import { authApproveCommand } from '../commands/auth-approve.js';
import { authPendingCommand } from '../commands/auth-pending.js';
import { authRevokeCommand } from '../commands/auth-revoke.js';
import { authTokenCreateCommand } from '../commands/auth-token-create.js';
import { authTokenListCommand } from '../commands/auth-token-list.js';
import { authTokenRevokeCommand } from '../commands/auth-token-revoke.js';
import { chatCommand } from '../commands/chat.js';
import { consoleCommand } from '../commands/console.js';
import { configValidateCommand } from '../commands/config-validate.js';
import { doctorCommand } from '../commands/doctor.js';
import { initCommand } from '../commands/init.js';
import { memorySearchCommand } from '../commands/memory-search.js';
import { mcpCommand } from '../commands/mcp.js';
import { pluginsAddCommand } from '../commands/plugins-add.js';
import { pluginsInfoCommand } from '../commands/plugins-info.js';
import { pluginsLintCommand } from '../commands/plugins-lint.js';
import { pluginsListCommand } from '../commands/plugins-list.js';
import { pluginsNewCommand } from '../commands/plugins-new.js';
import { pluginsRemoveCommand } from '../commands/plugins-remove.js';
import { pluginsSearchCommand } from '../commands/plugins-search.js';
import { pluginsUpdateCommand } from '../commands/plugins-update.js';
import { pluginsVerifyCommand } from '../commands/plugins-verify.js';
import { sessionsListCommand } from '../commands/sessions-list.js';
import { sessionsShowCommand } from '../commands/sessions-show.js';
import { startCommand } from '../commands/start.js';
import { statusCommand } from '../commands/status.js';
import { tasksListCommand } from '../commands/tasks-list.js';
import { tasksPauseCommand } from '../commands/tasks-pause.js';
import { tasksResumeCommand } from '../commands/tasks-resume.js';
import { tasksRunCommand } from '../commands/tasks-run.js';
import { tasksRunsCommand } from '../commands/tasks-runs.js';
import { usageCommand } from '../commands/usage.js';
import type { Command } from './command.js';

/** Every command, in the order `downcity --help` lists them. A new command is one file under `src/commands/` plus a line here. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  startCommand,
  chatCommand,
  statusCommand,
  consoleCommand,
  doctorCommand,
  configValidateCommand,
  sessionsListCommand,
  sessionsShowCommand,
  usageCommand,
  tasksListCommand,
  tasksRunCommand,
  tasksRunsCommand,
  tasksPauseCommand,
  tasksResumeCommand,
  memorySearchCommand,
  mcpCommand,
  authPendingCommand,
  authApproveCommand,
  authRevokeCommand,
  authTokenCreateCommand,
  authTokenListCommand,
  authTokenRevokeCommand,
  pluginsListCommand,
  pluginsSearchCommand,
  pluginsInfoCommand,
  pluginsAddCommand,
  pluginsRemoveCommand,
  pluginsUpdateCommand,
  pluginsVerifyCommand,
  pluginsNewCommand,
  pluginsLintCommand,
];
