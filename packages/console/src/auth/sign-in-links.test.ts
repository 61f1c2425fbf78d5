import { describe, expect, it } from 'vitest';
import { ConsoleSessions } from './console-sessions.js';
import { SignInLinks } from './sign-in-links.js';

describe('one-time sign-in links and console sessions', () => {
  it('redeems a link once and never after it expired', () => {
    let now = 1_000;
    const links = new SignInLinks({ ttlMs: 60_000, now: () => now });
    const used = links.issue();
    const late = links.issue();
    expect(links.redeem(used.token)).toBe(true);
    expect(links.redeem(used.token)).toBe(false);
    now += 60_000;
    expect(links.redeem(late.token)).toBe(false);
    expect(links.redeem('not-a-token')).toBe(false);
  });

  it('finds a session by its cookie until it expires or ends, and checks its CSRF token', () => {
    let now = 0;
    const sessions = new ConsoleSessions({ ttlMs: 1_000, now: () => now });
    const { cookie, session } = sessions.start();
    expect(sessions.find(cookie)).toBe(session);
    expect(sessions.csrfMatches(session, session.csrfToken)).toBe(true);
    expect(sessions.csrfMatches(session, undefined)).toBe(false);
    expect(sessions.csrfMatches(session, 'guess')).toBe(false);
    now = 1_000;
    expect(sessions.find(cookie)).toBeUndefined();
    const second = sessions.start();
    sessions.end(second.cookie);
    expect(sessions.find(second.cookie)).toBeUndefined();
    expect(sessions.find(undefined)).toBeUndefined();
  });
});
