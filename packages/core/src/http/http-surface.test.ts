import { describe, expect, it } from 'vitest';
import { AgentConfigSchema, createAgent, type HttpRoute, type HttpSurface } from '../index.js';
import { testService } from '../../test/fixtures.js';

/** A surface that records what happens to it: the contract only, no server (that is `@downcity/http`). */
function recordingSurface(): HttpSurface & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    mount: async (route: HttpRoute) => {
      events.push(`mount ${route.name} ${route.path}`);
      return { url: 'http://127.0.0.1:8787', unmount: async () => void events.push(`unmount ${route.name}`) };
    },
    close: async () => void events.push('close'),
  };
}

describe('the HTTP surface in the execution context', () => {
  it('gives packages the surface the host passed; their routes unmount before the agent closes it', async () => {
    const surface = recordingSurface();
    const web = testService({ id: 'web' }, (context) => ({
      ready: async () => {
        const route = await context.http?.mount({ name: 'web page', path: '/web', fetch: () => new Response('hi') });
        context.onDispose(() => route?.unmount());
      },
    }));
    const agent = createAgent({ logger: { level: 'silent' }, services: [web], http: surface });
    await agent.start();
    expect(surface.events).toEqual(['mount web page /web']);
    await agent.stop();
    expect(surface.events).toEqual(['mount web page /web', 'unmount web page', 'close']);
  });

  it('is undefined without one, so a package can serve on a listener of its own', async () => {
    let seen: unknown = 'not set up';
    const web = testService({ id: 'web' }, (context) => {
      seen = context.http;
      return {};
    });
    const agent = createAgent({ logger: { level: 'silent' }, services: [web] });
    await agent.start();
    await agent.stop();
    expect(seen).toBeUndefined();
  });

  it('has loopback defaults in the agent config and refuses a headers timeout longer than the request timeout', () => {
    expect(AgentConfigSchema.parse({}).http).toEqual({ host: '127.0.0.1', port: 8787, headersTimeoutMs: 10_000, requestTimeoutMs: 60_000 });
    const invalid = AgentConfigSchema.safeParse({ http: { headersTimeoutMs: 90_000 } });
    expect(invalid.success).toBe(false);
    expect(invalid.error?.issues[0]?.path).toEqual(['http', 'headersTimeoutMs']);
  });
});
