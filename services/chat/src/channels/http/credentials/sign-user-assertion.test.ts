import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpAssertionConfigSchema } from '../http-config.js';
import { signUserAssertion } from './sign-user-assertion.js';
import { verifyUserAssertion } from './verify-user-assertion.js';

const SECRET = 'sign-user-assertion-test-secret-0123456789abcdef';
const RealDate = Date;

/** A clock one millisecond before a second boundary that moves on by a millisecond at every reading. */
function tickingClock(startMs: number): typeof Date {
  let next = startMs;
  return class TickingDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(next++);
      else super(...(args as [number]));
    }

    static override now(): number {
      return next++;
    }
  } as typeof Date;
}

describe('signUserAssertion', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('mints an assertion the channel accepts with its default lifetime and cap, even when a second ends while it signs', async () => {
    const boundary = 1_700_000_001_000;
    vi.stubGlobal('Date', tickingClock(boundary - 1));
    const assertion = await signUserAssertion({ secret: SECRET, user: 'alice' });
    const { iat, exp } = decodeJwt(assertion);
    expect((exp ?? 0) - (iat ?? 0)).toBe(300);
    const config = HttpAssertionConfigSchema.parse({ secret: SECRET });
    await expect(verifyUserAssertion(assertion, config, () => boundary)).resolves.toEqual({ user: 'alice' });
  });

  it('keeps exactly the lifetime asked for', async () => {
    const assertion = await signUserAssertion({ secret: SECRET, user: 'bob', expiresInSeconds: 60 });
    const { iat, exp, sub } = decodeJwt(assertion);
    expect({ sub, lifetime: (exp ?? 0) - (iat ?? 0) }).toEqual({ sub: 'bob', lifetime: 60 });
  });
});
