import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AsrConfigSchema } from './config.js';
import { createEngine } from './create-engine.js';
import { isAsrError } from './errors/asr-error.js';

describe('asr config', () => {
  it('applies defaults: 20 MiB, 300 s, whisper-1, pocketsphinx_batch', () => {
    expect(AsrConfigSchema.parse({ engine: { kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', apiKey: 'sk-x' } })).toMatchObject({
      engine: { model: 'whisper-1', maxRetries: 2 },
      maxBytes: 20 * 1024 * 1024,
      maxDurationSeconds: 300,
    });
    expect(AsrConfigSchema.parse({ engine: { kind: 'pocketsphinx' } }).engine).toMatchObject({ binary: 'pocketsphinx_batch' });
  });

  it('marks apiKey as a secret in the JSON Schema', () => {
    const schema = JSON.stringify(z.toJSONSchema(AsrConfigSchema, { io: 'input' }));
    expect(schema).toContain('"x-secret":true');
    expect(schema).toContain('"writeOnly":true');
  });

  it('creates the engine a config names', () => {
    expect(createEngine({ kind: 'pocketsphinx' }).name).toBe('pocketsphinx');
    expect(createEngine({ kind: 'openai-compatible', baseURL: 'http://127.0.0.1:8000/v1' }).name).toBe('openai-compatible');
    expect(createEngine({ kind: 'sherpa-onnx', tokens: '/m/tokens.txt', model: { type: 'paraformer', model: '/m/model.onnx' } }).name).toBe('sherpa-onnx');
  });

  it('rejects invalid config naming the key, never echoing values', () => {
    const error = (() => {
      try {
        createEngine({ kind: 'openai-compatible', baseURL: 'not a url', apiKey: 'sk-should-not-leak', extra: 1 } as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isAsrError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('engine.baseURL');
    expect((error as Error).message).toContain('extra');
    expect(JSON.stringify((error as { details: unknown }).details) + (error as Error).message).not.toContain('sk-should-not-leak');
  });
});
