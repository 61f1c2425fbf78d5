import { configJsonSchema, createAgent, DowncityError, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { AsrConfigSchema } from '../config.js';
import { asrPlugin } from './asr-plugin.js';

describe('the asr manifest', () => {
  it('is a valid plugin manifest attached to chat/inbound', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({ id: 'asr', kind: 'plugin', requires: { chat: '^0.1.0' }, attaches: { 'chat/inbound': { kind: 'pipeline' } } });
    expect(manifest.permissions).toMatchObject({ exec: true, network: true, secrets: ['plugins.asr.engine.apiKey'] });
  });

  it('carries the JSON Schema generated from AsrConfigSchema (run `pnpm manifest` after changing the config)', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(AsrConfigSchema));
  });

  it('refuses to start without the chat service, naming it', async () => {
    const agent = createAgent({ logger: { level: 'silent' }, plugins: [asrPlugin], config: { plugins: { asr: { engine: { kind: 'pocketsphinx' } } } } });
    const error = await agent.start().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(DowncityError.is(error, 'SERVICE_MISSING')).toBe(true);
    expect((error as Error).message).toContain('requires service "chat"');
  });
});
