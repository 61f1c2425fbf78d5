import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, notices once, stays silent, then refills', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 2, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual(['allowed', 'allowed', 'limited-notice', 'limited-silent']);
    now += 9_000;
    expect(limiter.take('a')).toBe('limited-silent');
    now += 1_000;
    expect(limiter.take('a')).toBe('allowed');
    expect(limiter.take('a')).toBe('limited-notice');
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1, now: () => 0 });
    expect(limiter.take('a')).toBe('allowed');
    expect(limiter.take('b')).toBe('allowed');
    expect(limiter.take('a')).toBe('limited-notice');
  });

  it('forgets the least recently used buckets beyond maxKeys', () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 1, now: () => 0, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('a')).toBe('allowed');
    expect(limiter.take('c')).toBe('limited-notice');
  });
});
