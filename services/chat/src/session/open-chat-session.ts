import type { JsonObject, SessionApi, SessionRecord } from '@downcity/core';
import { readRoute, sameRoute, type SessionRoute } from '../inbound/route.js';

/** The channels a session has seen, from its metadata. */
export function channelsOf(record: SessionRecord): string[] {
  const channels = record.metadata.channels;
  return Array.isArray(channels) ? channels.filter((channel): channel is string => typeof channel === 'string') : [];
}

/** Sessions whose route is known to be stored, by session id (bounded; the oldest is forgotten first). */
const KNOWN_ROUTES_LIMIT = 10_000;

/** Remembers which sessions already hold a route, so steady traffic costs no store round trip. */
export class KnownRoutes {
  readonly #routes = new Map<string, string>();

  /** Whether the session is known to hold exactly this route (and title). */
  has(sessionId: string, route: SessionRoute, title: string | undefined): boolean {
    return this.#routes.get(sessionId) === routeKey(route, title);
  }

  /** Records the route (and title) stored for a session. */
  set(sessionId: string, route: SessionRoute, title: string | undefined): void {
    this.#routes.delete(sessionId);
    this.#routes.set(sessionId, routeKey(route, title));
    if (this.#routes.size > KNOWN_ROUTES_LIMIT) this.#routes.delete(this.#routes.keys().next().value as string);
  }
}

const routeKey = (route: SessionRoute, title: string | undefined): string => JSON.stringify([route.channel, route.account, route.chatId, route.threadId ?? null, title ?? null]);

/**
 * Opens (or creates) a chat session and records in its metadata where replies go (`route`, the latest
 * conversation) and which channels it has seen (`channels`). Writes only when something changed; with
 * `known`, a session already opened with this route costs nothing.
 */
export async function openChatSession(session: SessionApi, sessionId: string, route: SessionRoute, title?: string, known?: KnownRoutes): Promise<void> {
  if (known?.has(sessionId, route, title)) return;
  await openAndRoute(session, sessionId, route, title);
  known?.set(sessionId, route, title);
}

async function openAndRoute(session: SessionApi, sessionId: string, route: SessionRoute, title?: string): Promise<SessionRecord> {
  const routeJson = { ...route } as JsonObject;
  const metadata: JsonObject = { route: routeJson, channels: [route.channel] };
  if (title !== undefined) metadata.title = title;
  const record = await session.open(sessionId, { kind: 'chat', metadata });
  const channels = channelsOf(record);
  if (sameRoute(readRoute(record.metadata), route) && channels.includes(route.channel)) return record;
  const patch: JsonObject = { route: routeJson, channels: channels.includes(route.channel) ? channels : [...channels, route.channel] };
  if (title !== undefined) patch.title = title;
  return session.update(sessionId, patch);
}
