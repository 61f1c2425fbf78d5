import { configJsonSchema, createAgent, DowncityError, validatePackageManifest } from '@downcity/core';
import { createChatService } from '@downcity/chat';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { AuthConfigSchema } from '../config.js';
import { authPlugin } from './auth-plugin.js';

describe('the auth manifest', () => {
  it('attaches the chat guard, the optional shell and task guards and the identity resolve point; its actions are not tools', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({
      id: 'auth',
      kind: 'plugin',
      attaches: {
        'chat/authorize': { kind: 'guard' },
        'shell/before-exec': { kind: 'guard', optional: true },
        'task/before-run': { kind: 'guard', optional: true },
        'agent/identity': { kind: 'resolve' },
      },
    });
    expect(Object.keys(manifest.actions).sort()).toEqual(['auth/approve', 'auth/grant', 'auth/list', 'auth/pending', 'auth/revoke']);
    expect(Object.values(manifest.actions).every((action) => action.tool === false)).toBe(true);
  });

  it('carries the JSON Schema generated from AuthConfigSchema (run `pnpm manifest` after changing the config)', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(AuthConfigSchema));
  });

  it('loads without shell, task and mcp, skipping their guards', async () => {
    await using agent = createAgent({ logger: { level: 'silent' }, services: [createChatService()], plugins: [authPlugin] });
    await agent.start();
    const summary = agent.packages().find((entry) => entry.id === 'auth');
    expect(summary?.attaches.filter((point) => point.skipped).map((point) => point.name).sort()).toEqual(['mcp/before-call', 'shell/before-exec', 'task/before-run']);
  });

  it('rejects an invalid config naming the field', async () => {
    const agent = createAgent({ logger: { level: 'silent' }, services: [createChatService()], plugins: [authPlugin], config: { plugins: { auth: { owners: ['123'], default: { direct: 'closed' } } } } });
    const error = await agent.start().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/plugins\.auth\.owners/);
    expect((error as Error).message).toMatch(/plugins\.auth\.default\.direct/);
  });
});
