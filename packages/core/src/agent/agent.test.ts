import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, defineAction, DowncityError, defineService, ErrorCodes } from '../index.js';
import { calcService, testPlugin, testService } from '../../test/fixtures.js';

const silent = { level: 'silent' } as const;

async function startError(options: Parameters<typeof createAgent>[0]): Promise<DowncityError> {
  const agent = createAgent({ logger: silent, ...options });
  try {
    await agent.start();
  } catch (error) {
    expect(agent.state).toBe('stopped');
    if (DowncityError.is(error)) return error;
    throw error;
  }
  await agent.stop();
  throw new Error('expected start() to fail');
}

describe('agent start validation', () => {
  it('refuses a plugin that requires a missing service, naming both', async () => {
    const plugin = testPlugin({ id: 'needy', requires: { shell: '^1.0.0' } }, () => ({ handlers: {} }));
    const error = await startError({ plugins: [plugin] });
    expect(error.code).toBe(ErrorCodes.SERVICE_MISSING);
    expect(error.message).toContain('"needy"');
    expect(error.message).toContain('"shell"');
  });

  it('refuses an unmet version range', async () => {
    const plugin = testPlugin({ id: 'needy', requires: { calc: '^2.0.0' } }, () => ({ handlers: {} }));
    const error = await startError({ services: [calcService], plugins: [plugin] });
    expect(error.code).toBe(ErrorCodes.VERSION_MISMATCH);
    expect(error.message).toMatch(/\^2\.0\.0.*1\.0\.0/);
  });

  it('refuses a plugin built for another core', async () => {
    const plugin = testPlugin({ id: 'old' }, () => ({ handlers: {} }), '^9.0.0');
    const error = await startError({ plugins: [plugin] });
    expect(error.code).toBe(ErrorCodes.VERSION_MISMATCH);
    expect(error.message).toContain('@downcity/core ^9.0.0');
  });

  it('refuses a dependency cycle and prints it', async () => {
    const a = testService({ id: 'alpha', requires: { beta: '*' } });
    const b = testService({ id: 'beta', requires: { alpha: '*' } });
    const error = await startError({ services: [a, b] });
    expect(error.code).toBe(ErrorCodes.DEPENDENCY_CYCLE);
    expect(error.message).toContain('alpha -> beta -> alpha');
  });

  it('refuses two providers of one resolve point', async () => {
    const service = testService({ id: 'who', extensionPoints: { 'who/role': { kind: 'resolve', description: 'role of a user' } } });
    const one = testPlugin({ id: 'one', attaches: { 'who/role': { kind: 'resolve' } } }, () => ({ handlers: { ['who/role' as never]: () => 'admin' } }));
    const two = testPlugin({ id: 'two', attaches: { 'who/role': { kind: 'resolve' } } }, () => ({ handlers: { ['who/role' as never]: () => 'guest' } }));
    const error = await startError({ services: [service], plugins: [one, two] });
    expect(error.code).toBe(ErrorCodes.RESOLVE_CONFLICT);
    expect(error.message).toContain('"one"');
    expect(error.message).toContain('"two"');
  });

  it('refuses an attachment to a point nobody declares, unless optional', async () => {
    const plugin = testPlugin({ id: 'lost', attaches: { 'ghost/check': { kind: 'guard' } } }, () => ({ handlers: { ['ghost/check' as never]: () => ({ allow: true }) } }));
    const error = await startError({ plugins: [plugin] });
    expect(error.code).toBe(ErrorCodes.EXTENSION_POINT_UNKNOWN);
    expect(error.message).toContain('ghost/check');

    const optional = testPlugin({ id: 'lost', attaches: { 'ghost/check': { kind: 'guard', optional: true } } }, () => ({ handlers: { ['ghost/check' as never]: () => ({ allow: true }) } }));
    const agent = createAgent({ logger: silent, plugins: [optional] });
    await agent.start();
    expect(agent.packages().find((entry) => entry.id === 'lost')?.attaches).toEqual([{ name: 'ghost/check', kind: 'guard', skipped: true }]);
    await agent.stop();
  });

  it('refuses a kind mismatch between declaration and attachment', async () => {
    const plugin = testPlugin({ id: 'wrong', attaches: { 'calc/check': { kind: 'pipeline' } } }, () => ({ handlers: { ['calc/check' as never]: (value: unknown) => value } }));
    const error = await startError({ services: [calcService], plugins: [plugin] });
    expect(error.code).toBe(ErrorCodes.EXTENSION_POINT_UNKNOWN);
    expect(error.message).toContain('as a pipeline');
  });

  it('reports every bad manifest field with its path', async () => {
    const broken = defineService({ package: { name: 'broken', version: '1.0.0', downcity: { id: 'Bad Id', kind: 'service', permissions: { exec: 'yes' } } }, setup: () => ({}) });
    const error = await startError({ services: [broken] });
    expect(error.code).toBe(ErrorCodes.MANIFEST_INVALID);
    expect(error.message).toContain('downcity.id');
    expect(error.message).toContain('downcity.permissions.exec');
    expect(error.message).toContain('"broken"');
  });

  it('reports invalid config with the path of each bad field', async () => {
    const service = defineService({
      package: { name: 'cfg', version: '1.0.0', downcity: { id: 'cfg', kind: 'service' } },
      config: z.object({ port: z.number().int(), mode: z.enum(['a', 'b']) }),
      setup: () => ({}),
    });
    const error = await startError({ services: [service], config: { services: { cfg: { port: 'x', mode: 'c' } } } });
    expect(error.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(error.message).toContain('services.cfg.port');
    expect(error.message).toContain('services.cfg.mode');
  });

  it('refuses unknown top-level config keys', async () => {
    const error = await startError({ config: { agnet: {} } as never });
    expect(error.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(error.message).toContain('agnet');
  });

  it('refuses a handler the manifest does not list, and a listed attachment with no handler', async () => {
    const extra = testPlugin({ id: 'extra' }, () => ({ handlers: { ['calc/check' as never]: () => ({ allow: true }) } }));
    expect((await startError({ services: [calcService], plugins: [extra] })).message).toContain('does not list it under "attaches"');
    const missing = testPlugin({ id: 'missing', attaches: { 'calc/check': { kind: 'guard' } } }, () => ({ handlers: {} }));
    expect((await startError({ services: [calcService], plugins: [missing] })).message).toContain('returned no handler');
  });
});

describe('identity and plugin actions', () => {
  it('answers agent/identity with the default, or with the one provider', async () => {
    const plain = createAgent({ logger: silent });
    await plain.start();
    expect(await plain.invoke('agent/identity', { principal: { id: 'telegram:1' } })).toEqual({ principalId: 'telegram:1', role: 'member', known: false });
    await plain.stop();

    const roles = testPlugin({ id: 'roles', attaches: { 'agent/identity': { kind: 'resolve' } } }, () => ({
      handlers: { 'agent/identity': ({ principal }) => ({ principalId: principal.id, role: principal.id === 'telegram:1' ? 'owner' : 'guest', known: true }) },
    }));
    const agent = createAgent({ logger: silent, plugins: [roles] });
    await agent.start();
    expect((await agent.invoke('agent/identity', { principal: { id: 'telegram:1' } })).role).toBe('owner');
    expect((await agent.invoke('agent/identity', { principal: { id: 'qq:2' } })).role).toBe('guest');
    await agent.stop();
  });

  it('lets a plugin expose actions over its own state, declared in its manifest', async () => {
    const counter = testPlugin({ id: 'counter', actions: { 'counter/next': { description: 'next number' } } }, () => {
      let value = 0;
      return { handlers: {}, actions: { next: defineAction({ description: 'next', input: z.object({}), output: z.object({ value: z.number() }), run: () => ({ value: ++value }) }) } };
    });
    const agent = createAgent({ logger: silent, plugins: [counter] });
    await agent.start();
    await agent.invoke('counter/next' as never, {} as never);
    expect(await agent.invoke('counter/next' as never, {} as never)).toEqual({ value: 2 });
    expect(agent.packages().find((entry) => entry.id === 'counter')?.actions).toEqual([{ name: 'counter/next', description: 'next number', tool: false }]);
    await agent.stop();
  });

  it('tells a package what the agent loaded and its project folder, read-only (context.agent)', async () => {
    let seen: { ids: string[]; permissions: unknown; projectDir: string | undefined; frozen: boolean } | undefined;
    const reader = testService({ id: 'reader' }, (context) => ({
      ready: () => {
        const packages = context.agent.packages();
        seen = {
          ids: packages.map((entry) => entry.id),
          permissions: packages.find((entry) => entry.id === 'watcher')?.permissions,
          projectDir: context.agent.projectDir,
          frozen: Object.isFrozen(context.agent),
        };
      },
    }));
    const watcher = testPlugin({ id: 'watcher', permissions: { network: ['api.example.com'], secrets: ['WATCH_TOKEN'] } }, () => ({ handlers: {} }));
    const agent = createAgent({ logger: silent, services: [reader], plugins: [watcher], projectDir: 'some/project' });
    await agent.start();
    await agent.stop();
    expect(seen).toEqual({
      ids: ['agent', 'reader', 'watcher'],
      permissions: { network: ['api.example.com'], exec: false, filesystem: 'none', secrets: ['WATCH_TOKEN'], uses: [] },
      projectDir: path.resolve('some/project'),
      frozen: true,
    });

    let projectDir: string | undefined = 'unset';
    const alone = createAgent({ logger: silent, services: [testService({ id: 'alone' }, (context) => ((projectDir = context.agent.projectDir), {}))] });
    await alone.start();
    await alone.stop();
    expect(projectDir).toBeUndefined();
  });
});

describe('agent lifecycle', () => {
  it('orders packages by requirements and disposes in reverse order', async () => {
    const events: string[] = [];
    const make = (id: string, requires: Record<string, string> = {}) =>
      testService({ id, requires }, (context) => {
        events.push(`setup ${id}`);
        context.onDispose(() => void events.push(`dispose ${id}`));
        return { start: () => void events.push(`start ${id}`), ready: () => void events.push(`ready ${id}`) };
      });
    const agent = createAgent({ logger: silent, services: [make('top', { mid: '*' }), make('mid', { base: '*' }), make('base')] });
    await agent.start();
    await agent.stop();
    expect(events).toEqual(['setup base', 'setup mid', 'setup top', 'start base', 'start mid', 'start top', 'ready base', 'ready mid', 'ready top', 'dispose top', 'dispose mid', 'dispose base']);
  });

  it('disposes what was set up when a later setup fails', async () => {
    const events: string[] = [];
    const good = testService({ id: 'good' }, (context) => {
      context.onDispose(() => void events.push('dispose good'));
      return {};
    });
    const bad = testService({ id: 'bad', requires: { good: '*' } }, () => {
      throw new Error('boom');
    });
    const agent = createAgent({ logger: silent, services: [good, bad] });
    await expect(agent.start()).rejects.toThrow(/Setting up service "bad".*boom/);
    expect(events).toEqual(['dispose good']);
    expect(agent.state).toBe('stopped');
  });

  it('aborts context.signal on stop and can start again', async () => {
    let signal: AbortSignal | undefined;
    const service = testService({ id: 'sig' }, (context) => {
      signal = context.signal;
      return {};
    });
    const agent = createAgent({ logger: silent, services: [service] });
    await agent.start();
    expect(signal?.aborted).toBe(false);
    await agent.stop();
    expect(signal?.aborted).toBe(true);
    await agent.start();
    expect(agent.state).toBe('running');
    await agent.stop();
  });

  it('starts and stops 1,000 times without leaking handles, timers or listeners', async () => {
    const service = testService({ id: 'timers' }, (context) => {
      const timer = setInterval(() => undefined, 1_000);
      context.onDispose(() => clearInterval(timer));
      const onSignal = (): void => undefined;
      process.on('SIGUSR2', onSignal);
      context.onDispose(() => void process.off('SIGUSR2', onSignal));
      return {};
    });
    const cycle = async (): Promise<void> => {
      const agent = createAgent({ logger: silent, services: [calcService, service] });
      await agent.start();
      await agent.session.open('chat:x', { kind: 'chat' });
      await agent.invoke('calc/add' as never, { a: 1, b: 2 } as never);
      await agent.stop();
    };
    await cycle();
    const resourcesBefore = process.getActiveResourcesInfo().length;
    const listenersBefore = process.listenerCount('SIGUSR2');
    const heapBefore = process.memoryUsage().heapUsed;
    for (let index = 0; index < 1_000; index++) await cycle();
    global.gc?.();
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(resourcesBefore);
    expect(process.listenerCount('SIGUSR2')).toBe(listenersBefore);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);
});
