// The console API's answers: the server's own types, imported as types only (nothing of the server is bundled).
export type { ChannelHealth, HealthView, SessionDetail, SessionRow } from '../../src/api/console-data.js';
export type { MessagePartView, MessageView, StepFacts } from '../../src/api/message-view.js';
export type { PairingApproved, PairingRequestView } from '../../src/api/pairing-data.js';
export type { TaskChange, TaskDetail, TaskRow, TaskRunView } from '../../src/api/tasks-data.js';
export type { AddedView, InstalledPackageView, InstalledView, ListingDetailsView, MarketListingView, PendingChange } from '../../src/api/plugins-data.js';
export type { ShellAnswerView, ShellOutcomeView, ShellRequestView } from '../../src/api/shell-approvals-data.js';
export type { MemoryView } from '../../src/api/memory-data.js';
export type { LogRecord } from '@downcity/core';
export type { ChatHistoryView } from '../../src/api/chat-data.js';
export type { ChatEvent } from '../../src/chat/chat-events.js';
