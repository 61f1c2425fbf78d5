import type {} from '@downcity/chat';
import { coreVersion, DowncityError, ErrorCodes, type ExecutionContext, type JsonValue, type LogTap } from '@downcity/core';
import pkg from '../../package.json' with { type: 'json' };
import type { ConsoleChat } from './chat-data.js';
import { messageView, usageTotals, type MessageView, type UsageTotals } from './message-view.js';
import { pairingData, type PairingData } from './pairing-data.js';
import { tasksData, type TasksData } from './tasks-data.js';
import { pluginsData, type PluginsData } from './plugins-data.js';
import { shellApprovalsData, type ShellApprovalsData } from './shell-approvals-data.js';
import { memoryData, type MemoryData } from './memory-data.js';

/** A running chat channel, as the health page shows it. */
export interface ChannelHealth {
  /** The channel id (`http`, `telegram`...). */
  id: string;
  /** The bot account. */
  account: string;
  /** Whether it is connected. */
  connected: boolean;
  /** Runtime facts such as the bound URL; never secrets. */
  info: Record<string, JsonValue>;
  /** When it last delivered a message (ISO 8601), since the agent started. */
  lastEventAt?: string;
  /** Its last failure answering a message, since the agent started. */
  lastError?: { at: string; message: string };
}

/** The body of `GET <console>/api/health`. */
export interface HealthView {
  /** Versions of the console, core and Node.js. */
  versions: { console: string; core: string; node: string };
  /** Seconds since the console started with the agent. */
  uptimeSeconds: number;
  /** Whether a model is configured (never which key). */
  model: { configured: boolean };
  /** Whether the session store answered, and how many chat sessions it lists (up to 500). */
  store: { reachable: boolean; chatSessions?: number; error?: string };
  /** The chat channels; `null` when the chat service is not loaded. */
  channels: ChannelHealth[] | null;
}

/** One row of the sessions page. */
export interface SessionRow {
  /** The session id. */
  id: string;
  /** Channels the session saw. */
  channels: string[];
  /** Where replies go: channel, account and chat id. */
  route?: { channel: string; account: string; chatId: string; threadId?: string };
  /** The chat title, when the platform gave one. */
  title?: string;
  /** Stored messages. */
  messages: number;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** The filters of `GET <console>/api/sessions`. */
export interface SessionFilter {
  /** Only sessions that saw this channel. */
  channel?: string;
  /** Only sessions whose id or chat id contains this (case-insensitive). */
  user?: string;
  /** Only sessions whose id, title or recent message text (the newest 200 messages) contains this. */
  text?: string;
}

/** The body of `GET <console>/api/sessions/:id`. */
export interface SessionDetail {
  /** The session. */
  session: SessionRow;
  /** The newest messages, oldest first. */
  messages: MessageView[];
  /** The model sees only messages after this seq (0, or the last seq at the latest reset). */
  windowStart: number;
  /** Token use and model time of the model steps among `messages`. */
  usage: UsageTotals;
}

/** What the console reads from and does to the agent, through its execution context. */
export interface ConsoleData {
  /** The health page. */
  health(): Promise<HealthView>;
  /** The sessions page, newest first (at most 500). */
  sessions(filter: SessionFilter): Promise<SessionRow[]>;
  /** A session and its newest `limit` messages; undefined when there is no such session. */
  session(sessionId: string, limit: number): Promise<SessionDetail | undefined>;
  /** Hides the session's messages so far from future prompts (like `/reset`); nothing is deleted. */
  reset(sessionId: string): Promise<boolean>;
  /** Pairing requests of the auth plugin. */
  pairing: PairingData;
  /** Tasks of the task service. */
  tasks: TasksData;
  /** The Plugins page: installed packages, the market, adds. */
  plugins: PluginsData;
  /** Shell commands waiting for approval, answered as the operator. */
  shell: ShellApprovalsData;
  /** Memories of every scope, searched and forgotten as the operator. */
  memory: MemoryData;
  /** The agent's recent log lines, redacted (the console asks for `permissions.logs`); undefined when not given. */
  logs: LogTap | undefined;
  /** The Chat page's web chat; absent when `services.console.chat` is false. */
  chat?: ConsoleChat;
}

const SEARCHED_MESSAGES = 200;

async function chatSessions(context: ExecutionContext, channel?: string): Promise<SessionRow[] | null> {
  try {
    const { sessions } = await context.invoke('chat/sessions', { limit: 500, ...(channel ? { channel } : {}) });
    return sessions;
  } catch (error) {
    if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return null;
    throw error;
  }
}

async function mentions(context: ExecutionContext, row: SessionRow, needle: string): Promise<boolean> {
  if (`${row.id} ${row.title ?? ''}`.toLowerCase().includes(needle)) return true;
  const messages = await context.session.history(row.id, { limit: SEARCHED_MESSAGES });
  return messages.some((message) => JSON.stringify(message.content).toLowerCase().includes(needle));
}

/** The console's {@link ConsoleData} over an execution context: chat actions for chat facts, `context.session` for history and reset. */
export function contextData(context: ExecutionContext): ConsoleData {
  const startedAt = Date.now();
  return {
    pairing: pairingData(context),
    tasks: tasksData(context),
    plugins: pluginsData(context),
    shell: shellApprovalsData(context),
    memory: memoryData(context),
    logs: context.logs,
    async health() {
      const versions = { console: pkg.version, core: coreVersion, node: process.versions.node };
      const uptimeSeconds = Math.round((Date.now() - startedAt) / 1000);
      let store: HealthView['store'];
      let channels: ChannelHealth[] | null = null;
      try {
        const sessions = await chatSessions(context);
        store = sessions === null ? { reachable: (await context.session.list({ limit: 1 })) !== undefined } : { reachable: true, chatSessions: sessions.length };
        if (sessions !== null) {
          channels = (await context.invoke('chat/channels', {})).channels.map(({ id, account, connected, info, lastEventAt, lastError }) => ({
            id,
            account,
            connected,
            info,
            ...(lastEventAt === undefined ? {} : { lastEventAt }),
            ...(lastError === undefined ? {} : { lastError }),
          }));
        }
      } catch (error) {
        store = { reachable: false, error: error instanceof Error ? error.message : String(error) };
      }
      return { versions, uptimeSeconds, model: { configured: context.session.modelAvailable }, store, channels };
    },

    async sessions(filter) {
      const rows = (await chatSessions(context, filter.channel)) ?? [];
      const user = filter.user?.toLowerCase();
      const byUser = user ? rows.filter((row) => `${row.id} ${row.route?.chatId ?? ''}`.toLowerCase().includes(user)) : rows;
      const text = filter.text?.toLowerCase();
      if (!text) return byUser;
      const matches = await Promise.all(byUser.map((row) => mentions(context, row, text)));
      return byUser.filter((_, index) => matches[index]);
    },

    async session(sessionId, limit) {
      const record = await context.session.get(sessionId);
      if (!record) return undefined;
      const row = (await chatSessions(context))?.find((candidate) => candidate.id === sessionId) ?? {
        id: record.id,
        channels: [],
        messages: record.lastSeq,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      };
      const messages = (await context.session.history(sessionId, { limit })).map(messageView);
      return { session: row, messages, windowStart: record.windowStart, usage: usageTotals(messages) };
    },

    async reset(sessionId) {
      if (!(await context.session.get(sessionId))) return false;
      await context.session.reset(sessionId);
      return true;
    },
  };
}
