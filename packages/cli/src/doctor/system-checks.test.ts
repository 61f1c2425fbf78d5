import { describe, expect, it } from 'vitest';
import { checkNode } from './system-checks.js';

describe('checkNode', () => {
  it('fails on Node 20 and says how to get Node 24', async () => {
    const outcome = await checkNode('20.19.5');
    expect(outcome.status).toBe('fail');
    expect(outcome.hint).toContain('node@24');
  });

  it('passes on Node 22 and 24', async () => {
    expect((await checkNode('22.0.0')).status).toBe('pass');
    expect((await checkNode('24.11.1')).status).toBe('pass');
  });
});
