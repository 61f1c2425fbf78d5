import { describe, expect, it } from 'vitest';
import { isLoopback, isLoopbackHost } from './is-loopback.js';

describe('isLoopback', () => {
  it('accepts only this machine, and refuses an unknown address (fail closed)', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '', undefined].map(isLoopback)).toEqual([false, false, false, false, false, false]);
  });

  it('accepts only host names of this machine, so DNS rebinding is refused', () => {
    expect(['127.0.0.1:8787', 'localhost:8787', 'localhost', '[::1]:8787', '127.0.0.2'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['evil.example:8787', '127.0.0.1.evil.example', 'localhost.evil.example', '0.0.0.0:8787', '', undefined].map(isLoopbackHost)).toEqual([false, false, false, false, false, false]);
  });
});
