import { secretEquals } from '@downcity/http';
import { digestOf, secretToken } from './secret-token.js';

/** A signed-in browser. */
export interface ConsoleSession {
  /** The CSRF token the web app sends in `X-CSRF-Token` on every change. */
  csrfToken: string;
  /** Epoch milliseconds when the sign-in expires. */
  expiresAt: number;
}

/** A session just started: the cookie value (secret) and the session. */
export interface StartedSession {
  /** The session id for the cookie; kept only as a digest here. */
  cookie: string;
  /** The session. */
  session: ConsoleSession;
}

/** Console sign-ins by the digest of their cookie, in memory: a restart signs everyone out. */
export class ConsoleSessions {
  readonly #sessions = new Map<string, ConsoleSession>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  /** Creates the store; `ttlMs` is how long a sign-in lasts. */
  constructor(options: { ttlMs: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Starts a session. */
  start(): StartedSession {
    for (const [digest, session] of this.#sessions) if (session.expiresAt <= this.#now()) this.#sessions.delete(digest);
    const cookie = secretToken();
    const session = { csrfToken: secretToken(), expiresAt: this.#now() + this.#ttlMs };
    this.#sessions.set(digestOf(cookie), session);
    return { cookie, session };
  }

  /** The live session of a cookie value, or `undefined` (an expired one is removed). */
  find(cookie: string | undefined): ConsoleSession | undefined {
    if (!cookie) return undefined;
    const digest = digestOf(cookie);
    const session = this.#sessions.get(digest);
    if (session && session.expiresAt > this.#now()) return session;
    this.#sessions.delete(digest);
    return undefined;
  }

  /** Whether `sent` is the session's CSRF token (constant time). */
  csrfMatches(session: ConsoleSession, sent: string | undefined): boolean {
    return sent !== undefined && secretEquals(sent, session.csrfToken);
  }

  /** Ends the session of a cookie value. */
  end(cookie: string): void {
    this.#sessions.delete(digestOf(cookie));
  }
}
