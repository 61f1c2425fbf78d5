import { describe, expect, it } from 'vitest';
import { DowncityError, interpolateEnv } from '../index.js';

describe('interpolateEnv', () => {
  it('replaces variables deeply, with defaults and escapes', () => {
    const config = { a: '${HOST}:${PORT:-8080}', list: ['${HOST}'], nested: { literal: '$${HOST}', number: 3 } };
    expect(interpolateEnv(config, { HOST: 'example' })).toEqual({ a: 'example:8080', list: ['example'], nested: { literal: '${HOST}', number: 3 } });
  });

  it('names every path with a missing variable', () => {
    try {
      interpolateEnv({ services: { chat: { channels: { telegram: { token: '${TELEGRAM_TOKEN}' } } } }, model: { apiKey: '${KEY}' } }, {});
      throw new Error('expected an error');
    } catch (error) {
      expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('services.chat.channels.telegram.token: environment variable TELEGRAM_TOKEN is not set');
      expect((error as Error).message).toContain('model.apiKey: environment variable KEY is not set');
    }
  });
});

describe('field problems inside unions', () => {
  it('reports the closest union branch instead of a bare "Invalid input"', async () => {
    const { AgentConfigSchema, parseWithSchema } = await import('../index.js');
    try {
      parseWithSchema(AgentConfigSchema, { store: { kind: 'libsql', path: 3 } }, { code: 'CONFIG_INVALID', subject: 'agent config' });
      throw new Error('expected an error');
    } catch (error) {
      expect((error as Error).message).toContain('store.path: Invalid input: expected string, received number');
    }
  });
});
