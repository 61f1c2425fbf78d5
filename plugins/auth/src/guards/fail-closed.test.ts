import { createLogger, type GuardVerdict, type HandlerCall } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { failClosed } from './fail-closed.js';

const logger = createLogger({ level: 'silent' });
const call: HandlerCall = { signal: new AbortController().signal, point: 'shell/before-exec' };

describe('failClosed', () => {
  it('denies when the guard throws, with the configured reply', async () => {
    const guard = failClosed({ point: 'chat/authorize', logger, reply: 'try later', guard: () => Promise.reject(new Error('store down')) });
    await expect(guard({}, call)).resolves.toEqual({ allow: false, reason: 'auth could not check access (internal error); denied', reply: 'try later' });
  });

  it('denies a malformed verdict and passes a deny through', async () => {
    const malformed = failClosed({ point: 'x', logger, guard: async () => ({ allow: 'yes' }) as unknown as GuardVerdict });
    await expect(malformed({}, call)).resolves.toMatchObject({ allow: false });
    const denying = failClosed({ point: 'x', logger, guard: async () => ({ allow: false, reason: 'no' }) });
    await expect(denying({}, call)).resolves.toEqual({ allow: false, reason: 'no' });
    const allowing = failClosed({ point: 'x', logger, guard: async () => ({ allow: true }) });
    await expect(allowing({}, call)).resolves.toEqual({ allow: true });
  });
});
