/**
 * `@downcity/console`: the web console of a Downcity agent. Add {@link consoleService} to the agent and run
 * `downcity console` for a one-time sign-in link.
 *
 * @packageDocumentation
 */
export { consoleService } from './console-service.js';
export { ConsoleConfigSchema, type ConsoleConfig } from './config.js';
export { SignInLinkInputSchema, SignInLinkOutputSchema, type SignInLinkInput, type SignInLinkOutput } from './actions/sign-in-link-action.js';
export { createConsoleApp, type ConsoleAppOptions } from './app/create-console-app.js';
export type { ConsoleVariables } from './app/console-variables.js';
export { CSRF_HEADER, SESSION_COOKIE, sessionCookieName } from './app/session-cookie.js';
export { contextData, type ChannelHealth, type ConsoleData, type HealthView, type SessionDetail, type SessionFilter, type SessionRow } from './api/console-data.js';
export type { MessagePartView, MessageView, StepFacts, UsageTotals } from './api/message-view.js';
export { pairingData, type PairingApproved, type PairingData, type PairingRequestView } from './api/pairing-data.js';
export { tasksData, type TaskChange, type TaskDetail, type TaskRow, type TaskRunView, type TasksData } from './api/tasks-data.js';
export {
  pluginsData,
  PluginsReasons,
  type AddedView,
  type AddRequest,
  type InstalledPackageView,
  type InstalledView,
  type ListingDetailsView,
  type MarketListingView,
  type PendingChange,
  type PluginsData,
} from './api/plugins-data.js';
export { memoryData, type MemoryData, type MemoryFilter, type MemoryView } from './api/memory-data.js';
export { shellApprovalsData, type ShellAnswerView, type ShellApprovalsData, type ShellOutcomeView, type ShellRequestView } from './api/shell-approvals-data.js';
export { chatData, type ChatHistoryView, type ConsoleChat } from './api/chat-data.js';
export { createWebChannel, type ReplyListener, type WebChannel, type WebDelivery } from './chat/web-channel.js';
export type { ChatEvent } from './chat/chat-events.js';
export { ConsoleSessions, type ConsoleSession, type StartedSession } from './auth/console-sessions.js';
export { SignInLinks, type IssuedLink } from './auth/sign-in-links.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { consoleService as default } from './console-service.js';
