import { describe, expect, it } from 'vitest';
import { ModelConfigSchema } from './model-config.js';
import { ollamaEndpoint } from './ollama-endpoint.js';
import { resolveModel } from './resolve-model.js';

const native = (baseURL: string) => ({ kind: 'native', baseURL });

describe('the Ollama endpoint', () => {
  it('is the native API on this machine by default, else OLLAMA_HOST read as Ollama reads it', () => {
    expect(ollamaEndpoint({ baseURL: undefined, env: {} })).toEqual(native('http://127.0.0.1:11434/api'));
    const host = (OLLAMA_HOST: string) => ollamaEndpoint({ baseURL: undefined, env: { OLLAMA_HOST } });
    expect(host('127.0.0.1:11500')).toEqual(native('http://127.0.0.1:11500/api'));
    expect(host('0.0.0.0')).toEqual(native('http://127.0.0.1:11434/api'));
    expect(host('gpu-box')).toEqual(native('http://gpu-box:11434/api'));
    expect(host('http://gpu-box:8080/')).toEqual(native('http://gpu-box:8080/api'));
    expect(host('https://ollama.example.com/proxy')).toEqual(native('https://ollama.example.com:443/proxy/api'));
    expect(host('[::]:11500')).toEqual(native('http://[::1]:11500/api'));
    expect(host('::1')).toEqual(native('http://[::1]:11434/api'));
    expect(host(' ')).toEqual(native('http://127.0.0.1:11434/api'));
  });

  it('takes model.baseURL over OLLAMA_HOST: no path gets /api, a path is kept, /v1 stays OpenAI-compatible', () => {
    const env = { OLLAMA_HOST: 'elsewhere:1' };
    expect(ollamaEndpoint({ baseURL: 'http://gpu-box:11434', env })).toEqual(native('http://gpu-box:11434/api'));
    expect(ollamaEndpoint({ baseURL: 'http://gpu-box:11434/api/', env })).toEqual(native('http://gpu-box:11434/api'));
    expect(ollamaEndpoint({ baseURL: 'https://proxy.example.com/ollama/api', env })).toEqual(native('https://proxy.example.com/ollama/api'));
    expect(ollamaEndpoint({ baseURL: 'http://127.0.0.1:11434/v1', env })).toEqual({ kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' });
    expect(ollamaEndpoint({ baseURL: 'http://127.0.0.1:11434/v1/', env })).toEqual({ kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1/' });
  });

  it('resolves provider ollama to ollama-ai-provider-v2, and a /v1 base URL to @ai-sdk/openai-compatible', async () => {
    const resolve = (input: Record<string, unknown>) => resolveModel(ModelConfigSchema.parse({ provider: 'ollama', model: 'qwen2.5:7b', ...input }), {});
    const nativeModel = await resolve({});
    expect([nativeModel.provider, nativeModel.modelId, nativeModel.specificationVersion]).toEqual(['ollama.responses', 'qwen2.5:7b', 'v4']);
    expect((await resolve({ baseURL: 'http://127.0.0.1:11434/v1' })).provider).toBe('ollama.chat');
  });
});
