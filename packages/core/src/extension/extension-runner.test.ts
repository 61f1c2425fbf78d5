import { describe, expect, it } from 'vitest';
import { createAgent, type ExecutionContext } from '../index.js';
import { testPlugin, testService } from '../../test/fixtures.js';

const points = {
  'flow/check': { kind: 'guard', description: 'may deny' },
  'flow/shape': { kind: 'pipeline', description: 'transforms text' },
  'flow/after': { kind: 'effect', description: 'observes' },
  'flow/who': { kind: 'resolve', description: 'answers a role' },
} as const;

async function withFlow(plugins: ReturnType<typeof testPlugin>[], run: (context: ExecutionContext) => Promise<void>) {
  let captured: ExecutionContext | undefined;
  const service = testService({ id: 'flow', extensionPoints: points }, (context) => {
    captured = context;
    return {};
  });
  const agent = createAgent({ logger: { level: 'silent' }, services: [service], plugins });
  await agent.start();
  try {
    await run(captured as ExecutionContext);
  } finally {
    await agent.stop();
  }
}

const plugin = (id: string, attaches: Record<string, { kind: 'guard' | 'pipeline' | 'effect' | 'resolve'; priority?: number }>, handlers: Record<string, unknown>) =>
  testPlugin({ id, attaches }, () => ({ handlers: handlers as never }));

describe('extension points', () => {
  it('guards: any deny stops, later guards do not run', async () => {
    const calls: string[] = [];
    const allow = plugin('allow', { 'flow/check': { kind: 'guard' } }, { 'flow/check': () => (calls.push('allow'), { allow: true }) });
    const deny = plugin('deny', { 'flow/check': { kind: 'guard' } }, { 'flow/check': () => (calls.push('deny'), { allow: false, reason: 'not today', reply: 'Sorry' }) });
    const never = plugin('never', { 'flow/check': { kind: 'guard' } }, { 'flow/check': () => (calls.push('never'), { allow: true }) });
    await withFlow([allow, deny, never], async (context) => {
      const verdict = await context.plugins.guard('flow/check' as never, {} as never);
      expect(verdict).toEqual({ allow: false, reason: 'not today', reply: 'Sorry', by: 'deny' });
      expect(calls).toEqual(['allow', 'deny']);
    });
  });

  it('guards fail closed on a throw and on a timeout', async () => {
    const thrower = plugin('thrower', { 'flow/check': { kind: 'guard' } }, { 'flow/check': () => { throw new Error('db down'); } });
    await withFlow([thrower], async (context) => {
      const verdict = await context.plugins.guard('flow/check' as never, {} as never);
      expect(verdict.allow).toBe(false);
      expect(verdict.allow === false && verdict.reason).toContain('db down');
      // A failure is marked, so a service can tell the user their message was refused to be safe, not judged.
      expect(verdict).toMatchObject({ by: 'thrower', failed: true });
    });
    const slow = testPlugin({ id: 'slow', attaches: { 'flow/check': { kind: 'guard' } } }, () => ({
      handlers: { ['flow/check' as never]: { handler: () => new Promise(() => undefined), timeoutMs: 20 } as never },
    }));
    await withFlow([slow], async (context) => {
      const verdict = await context.plugins.guard('flow/check' as never, {} as never);
      expect(verdict.allow === false && verdict.reason).toMatch(/did not finish within 20 ms/);
      expect(verdict).toMatchObject({ failed: true });
    });
  });

  it('pipelines run by priority then load order; a failing handler is skipped', async () => {
    const a = plugin('a', { 'flow/shape': { kind: 'pipeline', priority: 10 } }, { 'flow/shape': (text: string) => `${text}a` });
    const b = plugin('b', { 'flow/shape': { kind: 'pipeline', priority: -1 } }, { 'flow/shape': (text: string) => `${text}b` });
    const broken = plugin('broken', { 'flow/shape': { kind: 'pipeline' } }, { 'flow/shape': () => { throw new Error('x'); } });
    const c = plugin('c', { 'flow/shape': { kind: 'pipeline' } }, { 'flow/shape': (text: string) => `${text}c` });
    await withFlow([a, b, broken, c], async (context) => {
      expect(await context.plugins.pipeline('flow/shape' as never, '>' as never)).toBe('>bca');
    });
  });

  it('effects: a failure never breaks the flow and the others still run', async () => {
    const seen: unknown[] = [];
    const bad = plugin('bad', { 'flow/after': { kind: 'effect' } }, { 'flow/after': () => Promise.reject(new Error('nope')) });
    const good = plugin('good', { 'flow/after': { kind: 'effect' } }, { 'flow/after': (payload: unknown) => void seen.push(payload) });
    await withFlow([bad, good], async (context) => {
      await expect(context.plugins.effect('flow/after' as never, { n: 1 } as never)).resolves.toBeUndefined();
      expect(seen).toEqual([{ n: 1 }]);
    });
  });

  it('resolve: the provider answers, or the fallback when none', async () => {
    await withFlow([], async (context) => {
      expect(await context.plugins.resolve('flow/who' as never, 'u1' as never, (() => 'guest') as never)).toBe('guest');
    });
    const provider = plugin('roles', { 'flow/who': { kind: 'resolve' } }, { 'flow/who': (user: string) => (user === 'u1' ? 'owner' : 'guest') });
    await withFlow([provider], async (context) => {
      expect(await context.plugins.resolve('flow/who' as never, 'u1' as never, (() => 'guest') as never)).toBe('owner');
    });
  });

  it('a service cannot run another service\'s points', async () => {
    await withFlow([], async (context) => {
      await expect(context.plugins.guard('other/check' as never, {} as never)).rejects.toThrow(/only runs the extension points it declares/);
    });
  });
});
